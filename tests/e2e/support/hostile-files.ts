import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/** Hostile image files made in code: nothing is read from disk, every byte is known. */

/** A small, valid, distinct JPEG (each colour gives other bytes, so no two are deduplicated). */
export const plainJpeg = (colour: string, width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A complete, valid PNG whose IHDR says `width`×`height` (8-bit grey), its IDAT every row of zeros deflated:
 * 10,000² is 100 MB of pixels in about 100 KB, a decompression bomb by construction.
 */
export function zeroPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", ihdr), pngChunk("IDAT", rows), pngChunk("IEND", Buffer.alloc(0))]);
}

/** A real JPEG whose frame header (SOF0) is rewritten to claim `width`×`height`: a bomb by its header alone. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await plainJpeg("#123"));
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  bytes.writeUInt16BE(height, sof + 5);
  bytes.writeUInt16BE(width, sof + 7);
  return bytes;
}

/** An animated WebP (three 40×40 frames). */
export async function animatedWebp(): Promise<Buffer> {
  const frames = await Promise.all(["#f00", "#0f0", "#00f"].map((background) => sharp({ create: { width: 40, height: 40, channels: 3, background } }).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).webp({ loop: 0, delay: 100 }).toBuffer();
}

/** An extended WebP (VP8X) whose canvas is rewritten to 16384×16384. */
export async function webpClaiming16k(): Promise<Buffer> {
  const bytes = Buffer.from(await animatedWebp());
  bytes.writeUIntLE(16383, 24, 3);
  bytes.writeUIntLE(16383, 27, 3);
  return bytes;
}

/** The smallest ZIP archive (an end-of-central-directory record alone). */
export const emptyZip = () => Buffer.concat([Buffer.from("PK\x05\x06", "latin1"), Buffer.alloc(18)]);
