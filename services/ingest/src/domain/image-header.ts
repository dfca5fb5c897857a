import type { ImageContentType } from "./sniff-image-type";

/** Dimensions read from an image's header bytes alone (no decoding). */
export interface HeaderSize {
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const be32 = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const le16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const le24 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const le32 = (b: Uint8Array, at: number) => (le24(b, at) + b[at + 3] * 0x1000000) >>> 0;
const tag = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic): not DHT (C4), JPG (C8) or DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers that stand alone (no length): TEM, RST0-7, SOI, EOI. */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

/**
 * Walks a JPEG's segments: the frame size from its SOF, and the offset just after its EOI (null when the
 * bytes stop first). Entropy-coded data after an SOS is skipped up to the next real marker (FF00 is a
 * stuffed byte, FFD0-D7 restart markers), so an EOI inside an EXIF thumbnail (an APP1 segment) is never taken
 * for the image's own, and anything after the EOI (Motion Photo video, vendor trailers) is not read.
 */
function walkJpeg(b: Uint8Array): { size: HeaderSize | null; end: number | null } {
  let size: HeaderSize | null = null;
  let at = 2;
  let inScan = false;
  while (at + 1 < b.length) {
    if (inScan) {
      const ff = b.indexOf(0xff, at);
      if (ff < 0 || ff + 1 >= b.length) break;
      at = ff;
      const next = b[at + 1];
      if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
        at++;
        continue;
      }
      inScan = false;
    }
    if (b[at] !== 0xff) return { size, end: null };
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) return { size, end: at + 2 };
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    if (at + 4 > b.length) break;
    const length = be16(b, at + 2);
    if (length < 2) return { size, end: null };
    if (isStartOfFrame(marker) && !size && at + 9 <= b.length) size = { height: be16(b, at + 5), width: be16(b, at + 7) };
    at += 2 + length;
    if (marker === 0xda) inScan = true;
  }
  return { size, end: null };
}

/** Walks PNG chunks: IHDR's size, and the offset just after the IEND chunk (null when the bytes stop first). */
function walkPng(b: Uint8Array): { size: HeaderSize | null; end: number | null } {
  const size = b.length >= 24 && tag(b, 12) === "IHDR" ? { width: be32(b, 16), height: be32(b, 20) } : null;
  let at = 8;
  while (at + 8 <= b.length) {
    const length = be32(b, at);
    const next = at + 12 + length;
    if (tag(b, at + 4) === "IEND") return { size, end: next <= b.length ? next : null };
    at = next;
  }
  return { size, end: null };
}

/** The canvas size of a WebP from its first chunk: VP8X (extended), VP8L (lossless) or VP8 (lossy key frame). */
function webpSize(b: Uint8Array): HeaderSize | null {
  if (b.length < 30) return null;
  switch (tag(b, 12)) {
    case "VP8X":
      return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
    case "VP8L": {
      if (b[20] !== 0x2f) return null;
      const bits = le32(b, 21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8 ":
      if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
    default:
      return null;
  }
}

/**
 * Where the image's own bytes end, or null when the file stops before its end marker (truncated).
 * Bytes after that end (a phone's Motion Photo video, a vendor trailer, padding) are allowed and ignored:
 * the image part is what counts. JPEG: after its EOI; PNG: after its IEND chunk; WebP: after the RIFF body.
 */
export function imageEnd(type: ImageContentType, bytes: Uint8Array): number | null {
  switch (type) {
    case "image/jpeg":
      return walkJpeg(bytes).end;
    case "image/png":
      return walkPng(bytes).end;
    case "image/webp": {
      if (bytes.length < 12) return null;
      const end = le32(bytes, 4) + 8;
      return end <= bytes.length ? end : null;
    }
  }
}

/** Whether the file reaches its format's end marker (cheap check for truncated uploads, no decoding). */
export const isCompleteImage = (type: ImageContentType, bytes: Uint8Array): boolean => imageEnd(type, bytes) !== null;

/**
 * Width and height from the header bytes alone, before anything is decoded: PNG IHDR, JPEG SOF,
 * WebP VP8X/VP8L/VP8. Null when the header holds no (non-zero) size.
 */
export function readHeaderSize(type: ImageContentType, bytes: Uint8Array): HeaderSize | null {
  const size = type === "image/jpeg" ? walkJpeg(bytes).size : type === "image/png" ? walkPng(bytes).size : webpSize(bytes);
  return size && size.width > 0 && size.height > 0 ? size : null;
}
