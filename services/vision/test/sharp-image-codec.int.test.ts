import { describe, expect, it } from "vitest";
import { SharpImageCodec } from "../src/index";

/** A 40×20 image: saturated red on the left half, black on the right half. */
function redAndBlack() {
  const data = Buffer.alloc(40 * 20 * 3);
  for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) data[(y * 40 + x) * 3] = 255;
  return { data, width: 40, height: 20 };
}

/** The pixels of a binary PGM (`P5`, 8 bits): its header is three whitespace-separated numbers after the magic. */
function greyPixels(pgm: Buffer) {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString("ascii"));
  if (!header) throw new Error("not a binary PGM");
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  expect(data.length).toBe(width * height);
  return { at: (x: number, y: number) => data[y * width + x], width, height };
}

describe("SharpImageCodec.zoneImage", () => {
  const codec = new SharpImageCodec();
  const all = { left: 0, top: 0, width: 40, height: 20 };

  it("the brightest tone turns a saturated colour white behind black lettering", async () => {
    const px = await greyPixels(await codec.zoneImage(redAndBlack(), all, { scale: 1, tone: "brightest" }));
    expect(px.at(5, 5)).toBe(255);
    expect(px.at(35, 5)).toBe(0);
  });

  it("the luma tone keeps red darker than white (the contrast the brightest tone restores)", async () => {
    const image = redAndBlack();
    image.data.fill(255, 0, 3); // one white pixel, so normalising keeps red below white
    const px = await greyPixels(await codec.zoneImage(image, all, { scale: 1, tone: "luma" }));
    expect(px.at(5, 5)).toBeLessThan(160);
    expect(px.at(35, 5)).toBe(0);
  });

  it("scales the zone and binarizes it", async () => {
    const px = await greyPixels(await codec.zoneImage(redAndBlack(), { left: 0, top: 0, width: 40, height: 20 }, { scale: 0.5, tone: "brightest", binarize: true, denoise: true }));
    expect(px.width).toBe(20);
    expect([px.at(2, 5), px.at(18, 5)]).toEqual([255, 0]);
  });
});
