import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { benchBytes, benchImages } from "./bench-images";
import { SharpImageCodec, type RawImage, type ZoneFilter } from "../src/index";

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
  return { at: (x: number, y: number) => data[y * width + x], width, height, data };
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

  it("the palest tone with light ink turns white print black and a bright colour behind it white", async () => {
    // Left half saturated red (bright in luma's sense, not white), right half black, one white stroke on each.
    const image = redAndBlack();
    for (const x of [10, 30]) for (let y = 0; y < 20; y++) image.data.fill(255, (y * 40 + x) * 3, (y * 40 + x) * 3 + 3);
    const px = await greyPixels(await codec.zoneImage(image, all, { scale: 1, tone: "palest", lightInk: 180 }));
    expect([px.at(10, 5), px.at(30, 5)]).toEqual([0, 0]);
    expect([px.at(5, 5), px.at(35, 5)]).toEqual([255, 255]);
    // In luma, the red ground passes a lower threshold (one dim white print would need): the palest channel keeps it
    // dark at any threshold.
    const luma = await greyPixels(await codec.zoneImage(image, all, { scale: 1, tone: "luma", lightInk: 60 }));
    expect(luma.at(5, 5)).toBe(0);
  });

  it("scales the zone and binarizes it", async () => {
    const px = await greyPixels(await codec.zoneImage(redAndBlack(), { left: 0, top: 0, width: 40, height: 20 }, { scale: 0.5, tone: "brightest", binarize: true, denoise: true }));
    expect(px.width).toBe(20);
    expect([px.at(2, 5), px.at(18, 5)]).toEqual([255, 0]);
  });
});

/** The zone as sharp itself normalises it (the codec's pipeline before the normalise moved to JS). */
async function sharpZone(image: RawImage, zone: { left: number; top: number; width: number; height: number }, filter: ZoneFilter) {
  const rgb = () => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).extract(zone);
  let pipeline = rgb().greyscale();
  if (filter.tone === "brightest") {
    const px = await rgb().raw().toBuffer();
    const grey = Buffer.alloc(px.length / 3);
    for (let i = 0; i < grey.length; i++) grey[i] = Math.max(px[3 * i], px[3 * i + 1], px[3 * i + 2]);
    pipeline = sharp(grey, { raw: { width: zone.width, height: zone.height, channels: 1 } });
  }
  if (filter.denoise) pipeline = pipeline.median(3);
  if (filter.scale !== 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(zone.width * filter.scale)), kernel: filter.scale < 1 ? "mitchell" : "lanczos3" });
  pipeline = filter.binarize ? pipeline.normalise().threshold(128) : pipeline.normalise();
  return pipeline.toColourspace("b-w").raw().toBuffer();
}

describe("SharpImageCodec.zoneImage on bench photos and scans", () => {
  const codec = new SharpImageCodec();
  const filters: ZoneFilter[] = [
    { scale: 1, tone: "luma" },
    { scale: 2, tone: "luma" },
    { scale: 3, tone: "brightest" },
    { scale: 2, tone: "luma", binarize: true },
    { scale: 2, tone: "brightest", binarize: true, denoise: true },
    { scale: 0.5, tone: "luma", denoise: true },
  ];

  // OCR is tuned on sharp's normalise; its JS copy must give the same bytes, on dark foil as on white borders.
  it.each(["photo", "scan", "binder"] as const)("gives sharp's normalised pixels on a bench %s", async (kind) => {
    const { data, info } = await sharp(benchBytes(benchImages(kind, 1, "codec")[0])).rotate().removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    const image = { data, width: info.width, height: info.height };
    let compared = 0;
    for (let k = 0; k < 6; k++) {
      const zone = {
        left: Math.floor(info.width * 0.05 * k),
        top: Math.floor(info.height * (0.1 + 0.15 * k)),
        width: Math.floor(info.width * (0.2 + 0.1 * k)),
        height: Math.floor(info.height * 0.06),
      };
      for (const filter of filters) {
        const ours = greyPixels(await codec.zoneImage(image, zone, filter));
        const theirs = await sharpZone(image, zone, filter);
        const differing = theirs.reduce((n, v, i) => n + (v === ours.data[i] ? 0 : 1), 0);
        expect({ zone: k, filter, differing }).toEqual({ zone: k, filter, differing: 0 });
        compared += theirs.length;
      }
    }
    expect(compared).toBeGreaterThan(100_000);
  });
});
