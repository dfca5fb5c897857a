import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PpocrOcrEngine, SharpImageCodec, type OcrOptions, type RawImage } from "../src/index";

/** Lines of text printed dark on a light card, as an RGB image (SVG rendered by sharp). */
async function printed(lines: { text: string; x: number; y: number; size: number }[], width: number, height: number): Promise<RawImage> {
  const text = lines.map((l) => `<text x="${l.x}" y="${l.y}" font-family="DejaVu Sans, sans-serif" font-size="${l.size}" fill="#1a1a1a">${l.text}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4efe2"/>${text.join("")}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const unspaced = (text: string) => text.replace(/ /g, "");

describe("PpocrOcrEngine", () => {
  const codec = new SharpImageCodec();
  let ocr: PpocrOcrEngine;
  beforeAll(async () => {
    ocr = await PpocrOcrEngine.start();
  });
  afterAll(() => ocr?.close());

  /** The zone as the reader hands it over: a grey PGM prepared by the codec. */
  async function read(image: RawImage, opts: OcrOptions) {
    const pgm = await codec.zoneImage(image, { left: 0, top: 0, width: image.width, height: image.height }, { scale: 1, tone: "luma" });
    return ocr.recognize(pgm, opts);
  }

  it.each([
    ["a collector number", "051/198", { layout: "line", whitelist: "0123456789/", text: "codes" }],
    ["a black-star promo number", "SWSH179", { layout: "line", text: "codes" }],
    ["an HP", "HP 120", { layout: "line", text: "codes" }],
    ["a name, detected in its band", "Charmander", { layout: "block", text: "words" }],
  ] as const)("reads %s", async (_, text, opts) => {
    const result = await read(await printed([{ text, x: 20, y: 52, size: 36 }], 420, 72), opts);
    // PP-OCR drops a narrow space now and then (`HP120`): the characters are what is asserted.
    expect(result.lines.map((l) => unspaced(l.text))).toEqual([unspaced(text)]);
    expect(result.lines[0].confidence).toBeGreaterThan(0.8);
  });

  it("gives the lines of a block top to bottom, and the words of one row left to right", async () => {
    const image = await printed(
      [
        { text: "Mitsuhiro Arita", x: 20, y: 40, size: 26 },
        { text: "051/198", x: 20, y: 110, size: 30 },
        { text: "Rare", x: 420, y: 110, size: 30 },
      ],
      640,
      140,
    );
    const result = await read(image, { layout: "sparse", text: "codes" });
    expect(result.lines.map((l) => unspaced(l.text))).toEqual(["MitsuhiroArita", "051/198Rare"]);
  });

  it("reads only the whitelisted characters", async () => {
    const result = await read(await printed([{ text: "HP 120", x: 20, y: 52, size: 36 }], 300, 72), { layout: "line", whitelist: "0123456789" });
    expect(result.lines.map((l) => unspaced(l.text))).toEqual(["120"]);
  });

  it("reads nothing on a blank zone", async () => {
    const result = await read(await printed([], 300, 72), { layout: "block" });
    expect(result).toEqual({ text: "", lines: [], confidence: 0 });
  });

  it("takes an encoded image as well as a PGM", async () => {
    const image = await printed([{ text: "SWSH044", x: 20, y: 52, size: 36 }], 300, 72);
    const png = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
    expect((await ocr.recognize(png, { layout: "line" })).text).toBe("SWSH044");
  });
});
