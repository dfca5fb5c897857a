import type { CardFeatures } from "@poke-ventory/contracts";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PpocrOcrEngine } from "../src/adapters/ppocr-ocr-engine";
import { parseCardText } from "../src/domain/card-text";
import { OpencvCardDetector, SharpImageCodec, type CardCatalog, type OcrEngine, type RawImage } from "../src/index";
import { readCardEither } from "../src/read-card-either";

/** An upright card at the canonical size: a name, an HP and a collector number printed where cards print them. */
async function syntheticCard(): Promise<RawImage> {
  const text = (t: string, x: number, y: number, size: number) => `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${size}" fill="#111">${t}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="734" height="1024"><rect width="100%" height="100%" fill="#f2e6b8"/>
    <rect x="60" y="120" width="614" height="420" fill="#7a9cc6"/>
    ${text("Charmander", 60, 75, 44)}${text("HP 70", 520, 75, 40)}
    ${text("Illus. Ken Sugimori", 40, 955, 20)}${text("051/198", 40, 990, 26)}${text("©2021 Pokémon", 300, 1012, 14)}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** An engine that reads nothing, counting what it is asked to read. */
class BlindOcr implements OcrEngine {
  reads = 0;
  async recognize() {
    this.reads++;
    return { text: "", lines: [], confidence: 0 };
  }
  idle() {
    return true;
  }
  async close() {}
}

/** A catalog that knows one card: it confirms that card's number read with its name. */
const catalog: CardCatalog = {
  confirmsNumber: async (f: CardFeatures) => f.number === "051" && /charmander/i.test(f.name ?? ""),
  knowsName: async (f: CardFeatures) => /charmander/i.test(f.name ?? ""),
};

describe("readCardEither (OCR_ENGINE=both)", () => {
  const codec = new SharpImageCodec();
  const detector = new OpencvCardDetector();
  let ppocr: PpocrOcrEngine;
  let card: RawImage;
  const quad: [number, number][] = [
    [0, 0],
    [734, 0],
    [734, 1024],
    [0, 1024],
  ];
  beforeAll(async () => {
    [ppocr, card] = await Promise.all([PpocrOcrEngine.start(), syntheticCard()]);
  });
  afterAll(() => ppocr?.close());

  const features = (read: Awaited<ReturnType<typeof readCardEither>>) => parseCardText(read.readings, { maxYear: 2100 });

  it("reads a card the first engine leaves unconfirmed again with the second, and keeps the confirmed reading", async () => {
    const blind = new BlindOcr();
    const read = await readCardEither({ codec, detector, ocr: blind, fallbackOcr: ppocr, catalog }, card, quad);
    expect(blind.reads).toBeGreaterThan(0);
    expect(features(read)).toMatchObject({ name: "Charmander", number: "051", printedTotal: "198", hp: 70 });
  });

  it("does not read again a card the first engine's reading is confirmed for", async () => {
    const blind = new BlindOcr();
    const read = await readCardEither({ codec, detector, ocr: ppocr, fallbackOcr: blind, catalog }, card, quad);
    expect(blind.reads).toBe(0);
    expect(features(read).number).toBe("051");
  });

  it("still gives a reading when neither engine reads anything the catalog confirms", async () => {
    const [first, second] = [new BlindOcr(), new BlindOcr()];
    const read = await readCardEither({ codec, detector, ocr: first, fallbackOcr: second, catalog }, card, quad);
    expect(second.reads).toBeGreaterThan(0);
    expect(features(read)).toMatchObject({ name: null, number: null });
  });
});
