import { describe, expect, it } from "vitest";
import { sniffImageType, type ImageContentType } from "./sniff-image-type";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");
const text = (s: string) => Buffer.from(s, "latin1");

describe("sniffImageType", () => {
  it.each<[string, Buffer, ImageContentType | null]>([
    ["JPEG/JFIF", hex("ffd8ffe0 0010 4a464946 00"), "image/jpeg"],
    ["JPEG/Exif", hex("ffd8ffe1 1a2b 45786966 0000"), "image/jpeg"],
    ["JPEG raw (DQT first)", hex("ffd8ffdb 0043 00"), "image/jpeg"],
    ["PNG", hex("89504e470d0a1a0a 0000000d 49484452"), "image/png"],
    ["WebP lossy", Buffer.concat([text("RIFF"), hex("24000000"), text("WEBPVP8 ")]), "image/webp"],
    ["WebP lossless", Buffer.concat([text("RIFF"), hex("1a000000"), text("WEBPVP8L")]), "image/webp"],
    ["RIFF but WAVE", Buffer.concat([text("RIFF"), hex("24000000"), text("WAVEfmt ")]), null],
    ["GIF", text("GIF89a\x01\x00\x01\x00"), null],
    ["PDF", text("%PDF-1.7\n"), null],
    ["plain text named .jpg", text("this is not an image\n"), null],
    ["HTML", text("<!doctype html><html>"), null],
    ["truncated JPEG signature", hex("ffd8"), null],
    ["truncated PNG signature", hex("89504e47"), null],
    ["empty", Buffer.alloc(0), null],
  ])("%s", (_name, bytes, expected) => {
    expect(sniffImageType(bytes)).toBe(expected);
  });
});
