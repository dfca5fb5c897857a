import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { imageEnd, isCompleteImage, readHeaderSize } from "./image-header";
import type { ImageContentType } from "./sniff-image-type";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

/** Real encodings made by sharp (libjpeg, libspng, libwebp), with and without EXIF and an embedded thumbnail. */
const made: Record<string, Buffer> = {};
beforeAll(async () => {
  const base = sharp({ create: { width: 161, height: 97, channels: 3, background: "#c33" } });
  made.jpeg = await base.clone().jpeg().toBuffer();
  made.progressive = await base.clone().jpeg({ progressive: true }).toBuffer();
  made.exifJpeg = await base.clone().jpeg().withMetadata({ orientation: 6 }).toBuffer();
  made.png = await base.clone().png().toBuffer();
  made.webp = await base.clone().webp().toBuffer();
  made.lossless = await base.clone().webp({ lossless: true }).toBuffer();
  made.alphaWebp = await sharp({ create: { width: 161, height: 97, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } })
    .webp()
    .toBuffer();
  // A JPEG whose APP1 holds a whole JPEG (as EXIF thumbnails do): its EOI must not end the outer image.
  const inner = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).jpeg().toBuffer();
  const app1 = Buffer.concat([hex("ffe1"), Buffer.from([(inner.length + 2) >> 8, (inner.length + 2) & 0xff]), inner]);
  made.nested = Buffer.concat([made.jpeg.subarray(0, 2), app1, made.jpeg.subarray(2)]);
});

const cut = (b: Buffer, share = 0.6) => b.subarray(0, Math.floor(b.length * share));
/** What a Motion Photo appends after the JPEG's EOI: an MP4 (here its first box), and a Samsung trailer. */
const motionPhotoVideo = Buffer.concat([hex("00000018 66747970 6d703432 00000000 69736f6d 6d703432"), Buffer.alloc(4096, 7)]);
const samsungTrailer = Buffer.concat([Buffer.from("MotionPhoto_Data", "latin1"), Buffer.alloc(64, 0xff), Buffer.from("SEFT", "latin1")]);

describe("imageEnd / isCompleteImage", () => {
  it.each<[string, ImageContentType, (m: Record<string, Buffer>) => Buffer, boolean]>([
    ["whole JPEG", "image/jpeg", (m) => m.jpeg, true],
    ["progressive JPEG", "image/jpeg", (m) => m.progressive, true],
    ["JPEG with EXIF", "image/jpeg", (m) => m.exifJpeg, true],
    ["JPEG with trailing padding", "image/jpeg", (m) => Buffer.concat([m.jpeg, Buffer.alloc(3)]), true],
    ["JPEG + Motion Photo video", "image/jpeg", (m) => Buffer.concat([m.jpeg, motionPhotoVideo]), true],
    ["JPEG + Samsung trailer", "image/jpeg", (m) => Buffer.concat([m.jpeg, samsungTrailer]), true],
    ["truncated JPEG", "image/jpeg", (m) => cut(m.jpeg), false],
    ["JPEG cut just before its EOI", "image/jpeg", (m) => m.jpeg.subarray(0, m.jpeg.length - 2), false],
    ["truncated progressive JPEG", "image/jpeg", (m) => cut(m.progressive, 0.8), false],
    ["truncated JPEG holding a thumbnail's EOI", "image/jpeg", (m) => cut(m.nested, 0.7), false],
    ["JPEG holding a thumbnail", "image/jpeg", (m) => m.nested, true],
    ["bare JPEG signature", "image/jpeg", () => hex("ffd8ff"), false],
    ["whole PNG", "image/png", (m) => m.png, true],
    ["PNG + bytes after IEND", "image/png", (m) => Buffer.concat([m.png, samsungTrailer]), true],
    ["truncated PNG", "image/png", (m) => cut(m.png), false],
    ["PNG cut inside IEND", "image/png", (m) => m.png.subarray(0, m.png.length - 2), false],
    ["whole WebP", "image/webp", (m) => m.webp, true],
    ["WebP + trailing bytes", "image/webp", (m) => Buffer.concat([m.webp, samsungTrailer]), true],
    ["truncated WebP", "image/webp", (m) => cut(m.webp), false],
  ])("%s → %s", (_name, type, bytes, expected) => {
    expect(isCompleteImage(type, bytes(made))).toBe(expected);
  });

  it("ends each image where its own bytes end, whatever follows", () => {
    expect(imageEnd("image/jpeg", Buffer.concat([made.jpeg, motionPhotoVideo]))).toBe(made.jpeg.length);
    expect(imageEnd("image/jpeg", made.nested)).toBe(made.nested.length);
    expect(imageEnd("image/png", Buffer.concat([made.png, samsungTrailer]))).toBe(made.png.length);
    expect(imageEnd("image/webp", Buffer.concat([made.webp, samsungTrailer]))).toBe(made.webp.length);
  });
});

describe("readHeaderSize", () => {
  it.each<[string, ImageContentType, string]>([
    ["JPEG (SOF0)", "image/jpeg", "jpeg"],
    ["progressive JPEG (SOF2)", "image/jpeg", "progressive"],
    ["JPEG with EXIF", "image/jpeg", "exifJpeg"],
    ["JPEG holding a thumbnail", "image/jpeg", "nested"],
    ["PNG (IHDR)", "image/png", "png"],
    ["lossy WebP (VP8)", "image/webp", "webp"],
    ["lossless WebP (VP8L)", "image/webp", "lossless"],
    ["WebP with alpha (VP8X)", "image/webp", "alphaWebp"],
  ])("%s: the size sharp encoded", async (_name, type, key) => {
    expect(readHeaderSize(type, made[key])).toEqual({ width: 161, height: 97 });
  });

  it("reads a 60 MP PNG's size from its first bytes (nothing decoded)", async () => {
    const png = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(readHeaderSize("image/png", png.subarray(0, 64))).toEqual({ width: 10_000, height: 6_000 });
  });

  it.each<[string, ImageContentType, Buffer]>([
    ["PNG without IHDR", "image/png", hex("89504e470d0a1a0a 0000000d 74455874 00000000 00000000 00000000")],
    ["PNG of width 0", "image/png", hex("89504e470d0a1a0a 0000000d 49484452 00000000 00000010 08020000")],
    ["JPEG without SOF", "image/jpeg", hex("ffd8 ffe0 0004 0000 ffd9")],
    ["WebP of an unknown chunk", "image/webp", Buffer.concat([Buffer.from("RIFF\x20\x00\x00\x00WEBPVP9 ", "latin1"), Buffer.alloc(24)])],
  ])("%s → null", (_name, type, bytes) => {
    expect(readHeaderSize(type, bytes)).toBeNull();
  });
});
