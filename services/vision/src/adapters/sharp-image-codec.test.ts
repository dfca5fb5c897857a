import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SharpImageCodec } from "./sharp-image-codec";

/** A 600×400 JPEG whose left half is red and right half blue, stored with this EXIF orientation. */
const halves = (orientation: number) =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: "#f00" } })
    .composite([{ input: { create: { width: 300, height: 400, channels: 3, background: "#00f" } }, left: 300, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation })
    .toBuffer();

const pixel = (image: { data: Buffer; width: number }, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)];

describe("SharpImageCodec.decode", () => {
  it("hands over an upright image: EXIF orientation 6 (a quarter turn clockwise) applied", async () => {
    const upright = await new SharpImageCodec().decode(await halves(6), 50_000_000);
    expect([upright.width, upright.height]).toEqual([400, 600]);
    // Turned clockwise, the red left half is now the top.
    expect(pixel(upright, 200, 50)[0]).toBeGreaterThan(200);
    expect(pixel(upright, 200, 550)[2]).toBeGreaterThan(200);
  });

  it("decodes an image within decodeMaxPixels exactly as without the cap", async () => {
    const bytes = await halves(1);
    const plain = await new SharpImageCodec().decode(bytes, 50_000_000);
    const capped = await new SharpImageCodec({ decodeMaxPixels: 600 * 400 }).decode(bytes, 50_000_000);
    expect([capped.width, capped.height]).toEqual([600, 400]);
    expect(capped.data.equals(plain.data)).toBe(true);
  });

  it("shrinks a larger image on load to fit decodeMaxPixels, upright and in proportion", async () => {
    const shrunk = await new SharpImageCodec({ decodeMaxPixels: 60_000 }).decode(await halves(6), 50_000_000);
    expect(shrunk.width * shrunk.height).toBeLessThanOrEqual(60_000);
    expect(shrunk.height / shrunk.width).toBeCloseTo(1.5, 1);
    expect(shrunk.width).toBeGreaterThan(190);
  });
});
