import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageAnalyzed, ImageStored } from "@poke-ventory/contracts";
import { systemClock } from "@poke-ventory/runtime";
import { FsObjectStore, type ObjectStore } from "@poke-ventory/storage";
import { CatalogIndex, openCatalogSource, rankCandidates } from "@poke-ventory/matching";
import { catalogDir, tempDir } from "@poke-ventory/testing";
import { benchBytes, allBench, benchImages, sameNumber, type BenchImage } from "./bench-images";
import { analyzeImage, OpencvCardDetector, rankingCatalog, SharpImageCodec, TesseractOcrEngine, type AnalyzeImageDeps, type OcrEngine } from "../src/index";

describe("vision on real bench images", () => {
  const dir = tempDir("pv-vision-");
  const objects: ObjectStore = new FsObjectStore(dir.dir);
  let ocr: TesseractOcrEngine;
  let deps: AnalyzeImageDeps;

  beforeAll(async () => {
    ocr = await TesseractOcrEngine.start({ languages: ["fra", "eng"], workers: 2, cacheDir: path.join(dir.dir, "tessdata") });
    deps = { objects, codec: new SharpImageCodec(), detector: new OpencvCardDetector(), ocr, clock: systemClock, maxImagePixels: 60_000_000, log: () => undefined };
  });
  afterAll(async () => {
    await ocr?.close();
    dir.remove();
  });

  /** An OCR engine that counts its reads. */
  const counted = () => {
    const counter: { reads: number; ocr: OcrEngine } = {
      reads: 0,
      ocr: { recognize: (image, opts) => (counter.reads++, ocr.recognize(image, opts)), idle: (text) => ocr.idle(text), close: async () => undefined },
    };
    return counter;
  };

  /** The bench catalog, asked as the service asks matching. */
  const benchCatalog = async () => {
    const index = new CatalogIndex(await (await openCatalogSource(catalogDir)).read());
    return rankingCatalog(async (features) => rankCandidates(index, features, { maxCandidates: 5 }), 0.82, () => undefined);
  };

  async function analyze(image: BenchImage, turn = 0, using: AnalyzeImageDeps = deps): Promise<ImageAnalyzed> {
    let bytes: Buffer = benchBytes(image);
    if (turn !== 0) bytes = await sharp(bytes).rotate(turn).jpeg({ quality: 92 }).toBuffer();
    return analyzeBytes(`${turn}-${image.file}`, bytes, using);
  }

  /** The name read begins as the label's does (OCR loses a mechanic suffix: "ex" read as "GX"). */
  const nameBegins = (read: string | null, label: string | undefined) =>
    !!read && !!label && read.toLowerCase().slice(0, 5) === label.toLowerCase().slice(0, 5);

  async function analyzeBytes(file: string, bytes: Buffer, using: AnalyzeImageDeps = deps): Promise<ImageAnalyzed> {
    const key = `originals/${file}`;
    await objects.put(key, bytes, { contentType: "image/jpeg" });
    const message: ImageStored = {
      imageId: file.replace(/\W/g, "-"), batchId: "b1", userId: "u1", objectKey: key, contentType: "image/jpeg",
      subjectType: "cards", width: 0, height: 0, storedAt: new Date(0).toISOString(),
    };
    const result = await analyzeImage(using, message);
    expect(result).not.toBeNull();
    return result!;
  }

  // Scans chosen by the test: each is one upright card with a stored crop; nearly all give the label's number and
  // name (the bench's rates are in services/vision/bench/README.md).
  it("scans chosen by hash: one upright card each, nearly all with their label's number and name", async () => {
    const scans = benchImages("scan", 6, "upright");
    let [numbers, names] = [0, 0];
    for (const scan of scans) {
      const result = await analyze(scan);
      expect(result.cards).toHaveLength(1);
      const [card] = result.cards;
      expect(card).toMatchObject({ rotation: 0, quad: expect.any(Array) });
      expect(card.quad).toHaveLength(4);
      expect(await objects.exists(card.cropKey!)).toBe(true);
      if (sameNumber(card.features.number, scan.number)) numbers++;
      if (nameBegins(card.features.name, scan.name)) names++;
    }
    expect(numbers).toBeGreaterThanOrEqual(5);
    expect(names).toBeGreaterThanOrEqual(5);
  });

  // Upside down or turned a quarter, the likelier rotation for the quad's shape reads only debris: the card is read
  // the other way too, and its number is its upright reading's. (On the bench 98 % of the scans turned 180° and
  // 97 % turned 270° are read right: of four chosen, at least three.)
  it.each([180, 270])("scans chosen by hash, turned %i° clockwise, are read upright, as they read upright", async (turn) => {
    let right = 0;
    for (const scan of benchImages("scan", 4, `turned-${turn}`)) {
      const [upright, turned] = [await analyze(scan), await analyze(scan, turn)];
      expect(turned.cards).toHaveLength(1);
      if (turned.cards[0].rotation === turn && turned.cards[0].features.number === upright.cards[0].features.number) right++;
    }
    expect(right).toBeGreaterThanOrEqual(3);
  });

  // Turned over, a foil's sparkle makes glyph-like specks in the art band: the layout only leans upside down. A glance
  // at the other way finds it upright, and the card is read that way first, its glance's zones not read again: far
  // fewer reads than both ways read in full.
  it("photos chosen by hash, turned 180°: read upright, in not many more OCR reads than upright", async () => {
    const [upright, turned] = [counted(), counted()];
    for (const photo of benchImages("photo", 2, "turned")) {
      const straight = await analyze(photo, 0, { ...deps, ocr: upright.ocr });
      const result = await analyze(photo, 180, { ...deps, ocr: turned.ocr });
      expect(result.cards[0].rotation).toBe(180);
      expect(result.cards[0].features.number).toBe(straight.cards[0].features.number);
    }
    expect(turned.reads).toBeLessThan(2.5 * upright.reads);
  });

  // Photos on foil, in sleeves and holders: the card is found in each, and most give their label's number.
  it("photos chosen by hash: one card found in each, most with their label's number", async () => {
    const photos = benchImages("photo", 5, "numbers");
    let numbers = 0;
    for (const photo of photos) {
      const result = await analyze(photo);
      expect(result.cards).toHaveLength(1);
      if (sameNumber(result.cards[0].features.number, photo.number)) numbers++;
    }
    expect(numbers).toBeGreaterThanOrEqual(Math.ceil(0.6 * photos.length));
  }, 180_000);

  // The catalog confirms a number as it is read, with the name and HP: the number line is read no further.
  it("a photo chosen by hash, with the catalog: the same number in no more OCR reads", async () => {
    const catalog = await benchCatalog();
    const [photo] = benchImages("photo", 1, "catalog", (l) => /^\d+$/.test(l.number ?? ""));
    const [alone, asking] = [counted(), counted()];
    const without = await analyze(photo, 0, { ...deps, ocr: alone.ocr });
    const withCatalog = await analyze(photo, 0, { ...deps, ocr: asking.ocr, catalog });
    expect(sameNumber(withCatalog.cards[0].features.number, photo.number)).toBe(true);
    expect(withCatalog.cards[0].features.number).toBe(without.cards[0].features.number);
    expect(asking.reads).toBeLessThanOrEqual(alone.reads);
  });

  // A card in a toploader: the holder's clear plastic joins the card's edges to the table; no contour is card-shaped.
  it("a card in a toploader on a table: the card's own border is found, not the holder's", async () => {
    const [scan] = benchImages("scan", 1, "toploader");
    const { photo, corners } = await toploaderPhoto(benchBytes(scan));
    const result = await analyzeBytes("toploader.jpg", photo);
    expect(result.cards).toHaveLength(1);
    const off = result.cards[0].quad.map(([x, y], i) => Math.round(Math.hypot(x - corners[i][0], y - corners[i][1])));
    expect(Math.max(...off)).toBeLessThan(0.025 * 1280);
  });
  // A 4:3 photo is shaped nearly like a card (short/long 0.75): it was once taken for a close-up, and a card lying in
  // it, smaller than half the frame, for its art window; the whole frame came back as the card.
  it.each([
    ["landscape", 1280, 960],
    ["portrait", 960, 1280],
  ])("a card lying on a table in a %s 4:3 photo is found and read", async (_, width, height) => {
    const table = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><filter id="t"><feTurbulence type="fractalNoise" baseFrequency="0.002 0.06" numOctaves="3" seed="7"/><feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncA type="linear" slope="0.4"/></feComponentTransfer></filter><rect width="100%" height="100%" fill="#8a6a48"/><rect width="100%" height="100%" filter="url(#t)"/></svg>`;
    const [scan] = benchImages("scan", 1, `lying-${width}`, (l) => /^\d+$/.test(l.number ?? ""));
    const card = await sharp(benchBytes(scan))
      .resize(440, 615, { fit: "fill" })
      .ensureAlpha()
      .rotate(5, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer({ resolveWithObject: true });
    const [left, top] = [Math.round((width - card.info.width) / 2), Math.round((height - card.info.height) / 2)];
    const photo = await sharp(Buffer.from(table)).composite([{ input: card.data, left, top }]).jpeg({ quality: 88 }).toBuffer();
    const result = await analyzeBytes(`lying-${width}.jpg`, photo);
    expect(result.cards).toHaveLength(1);
    const xs = result.cards[0].quad.map(([x]) => x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(card.info.width + 20);
    // 440 px wide here: its number is read.
    expect(sameNumber(result.cards[0].features.number, scan.number)).toBe(true);
  });

  // A seam across a card's middle (its art and text boxes' line under a sleeve's glare) makes its halves, each
  // card-shaped turned a quarter, look like a page of two cards in a frame shaped nearly like a card.
  it("a card whose halves are found as a page of two in a 4:3 photo is read as one card, in its own outline", async () => {
    const [width, height, cardWidth, cardHeight] = [960, 1280, 540, 754];
    const [scan] = benchImages("scan", 1, "halves", (l) => /^\d+$/.test(l.number ?? ""));
    const table = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#9a948c"/></svg>`;
    const seam = `<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}"><rect y="${cardHeight / 2 - 6}" width="${cardWidth}" height="12" fill="#101010"/><rect width="${cardWidth}" height="${cardHeight}" fill="none" stroke="#101010" stroke-width="10"/></svg>`;
    const card = await sharp(benchBytes(scan)).resize(cardWidth, cardHeight, { fit: "fill" }).composite([{ input: Buffer.from(seam) }]).png().toBuffer();
    const [left, top] = [(width - cardWidth) / 2, (height - cardHeight) / 2];
    const photo = await sharp(Buffer.from(table)).composite([{ input: card, left, top }]).jpeg({ quality: 90 }).toBuffer();
    const found = await new OpencvCardDetector().detect(await new SharpImageCodec().decode(photo, 60_000_000));
    expect(found.length).toBe(2);
    const result = await analyzeBytes("halves.jpg", photo);
    expect(result.cards).toHaveLength(1);
    const corners = [[left, top], [left + cardWidth, top], [left + cardWidth, top + cardHeight], [left, top + cardHeight]];
    const off = result.cards[0].quad.map(([x, y], i) => Math.hypot(x - corners[i][0], y - corners[i][1]));
    expect(Math.max(...off)).toBeLessThan(20);
    expect(sameNumber(result.cards[0].features.number, scan.number)).toBe(true);
  });

  it("a photo of a keyboard on a table (no card, not framed like one) is no card", async () => {
    const result = await analyzeBytes("clutter.jpg", await keyboardPhoto(720, 290));
    expect(result.cards).toEqual([]);
  });

  it("a blank card-sized sheet in a clear sleeve on a table is no card (nothing printed on it)", async () => {
    const table = await sharp(await keyboardPhoto(720, 290)).resize(1280, 720, { fit: "fill" }).toBuffer();
    const sleeve = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect x="440" y="90" width="400" height="540" rx="10" fill="#ffffff" fill-opacity="0.25"/><rect x="470" y="120" width="340" height="475" rx="14" fill="#e9e5dc"/></svg>`;
    const photo = await sharp(table).composite([{ input: Buffer.from(sleeve), left: 0, top: 0 }]).jpeg().toBuffer();
    const result = await analyzeBytes("blank-in-sleeve.jpg", photo);
    expect(result.cards).toEqual([]);
  });

  it("the bench's binder page: its cards, once each, in grid order at their labelled positions", async () => {
    const [page] = benchImages("binder", 1);
    const result = await analyze(page);
    const positions = page.cards!.map((c) => /^r(\d+)c(\d+)$/.exec(c.position)!).map((m) => ({ row: Number(m[1]), col: Number(m[2]) }));
    expect(result.cards.map((c) => c.position)).toEqual(positions.sort((a, b) => a.row - b.row || a.col - b.col));
    expect(result.cards.map((c) => c.index)).toEqual(positions.map((_, i) => i));
    expect(new Set(result.cards.map((c) => c.cropKey)).size).toBe(positions.length);
  });

  // A card giving one piece of evidence either way up follows the way the page's other cards are settled.
  it("the bench's binder page turned 180°: every card is read the way the page faces", async () => {
    const [page] = benchImages("binder", 1);
    const result = await analyze(page, 180);
    expect(result.cards.map((c) => c.rotation)).toEqual(page.cards!.map(() => 180));
  });

  it("a 3×3 page with empty pockets: the cards are found in grid order, the empty pockets are not cards", async () => {
    // Pockets with a pale seam: each, empty or not, is a card-shaped quad to the detector.
    const pocket = { width: 480, height: 660, gap: 30, margin: 50 };
    const empty = new Set(["0,2", "1,1"]);
    const scans = allBench("scan");
    const layers: sharp.OverlayOptions[] = [];
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 3; col++) {
        const left = pocket.margin + col * (pocket.width + pocket.gap);
        const top = pocket.margin + row * (pocket.height + pocket.gap);
        const seam = `<svg xmlns="http://www.w3.org/2000/svg" width="${pocket.width}" height="${pocket.height}"><rect x="2" y="2" width="${pocket.width - 4}" height="${pocket.height - 4}" fill="#2b2b31" stroke="#8a8a94" stroke-width="4"/></svg>`;
        layers.push({ input: Buffer.from(seam), left, top });
        if (empty.has(`${row},${col}`)) continue;
        const card = await sharp(benchBytes(scans[row * 3 + col])).resize({ width: 440, height: 615, fit: "fill" }).toBuffer();
        layers.push({ input: card, left: left + 20, top: top + 25 });
      }
    }
    const side = (size: number) => 2 * pocket.margin + 3 * size + 2 * pocket.gap;
    const page = await sharp({ create: { width: side(pocket.width), height: side(pocket.height), channels: 3, background: "#1d1d22" } })
      .composite(layers)
      .jpeg({ quality: 90 })
      .toBuffer();
    const quads = await new OpencvCardDetector().detect(await new SharpImageCodec().decode(page, 60_000_000));
    expect(quads.map((q) => q.position)).toEqual([
      { row: 0, col: 0 }, { row: 0, col: 1 }, { row: 1, col: 0 }, { row: 1, col: 2 }, { row: 2, col: 0 }, { row: 2, col: 1 }, { row: 2, col: 2 },
    ]);
  });

  it("a blank sheet framed like a card is no card (nothing printed on it)", async () => {
    const sheet = await sharp({ create: { width: 730, height: 1020, channels: 3, background: { r: 236, g: 232, b: 224 } } })
      .jpeg()
      .toBuffer();
    const result = await analyzeBytes("blank.jpg", sheet);
    expect(result.cards).toEqual([]);
  });

  it("a crop is an upright JPEG at the canonical size", async () => {
    const result = await analyze(benchImages("scan", 1, "crop")[0]);
    const crop = await objects.get(result.cards[0].cropKey!);
    const decoded = await new SharpImageCodec().decode(crop, 60_000_000);
    expect([decoded.width, decoded.height]).toEqual([734, 1024]);
  });
});

/** A keyboard's keys on a desk: rows of light rounded squares, none card-shaped alone. */
async function keyboardPhoto(width: number, height: number): Promise<Buffer> {
  const keys: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 14; col++) {
      keys.push(`<rect x="${20 + col * 48}" y="${30 + row * 48}" width="40" height="40" rx="6" fill="#d8d8dc" stroke="#55555c" stroke-width="2"/>`);
      keys.push(`<text x="${32 + col * 48}" y="${56 + row * 48}" font-size="16" fill="#222">${String.fromCharCode(65 + ((row * 14 + col) % 26))}</text>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#6b5a48"/><rect x="10" y="20" width="${width - 20}" height="${height - 30}" rx="12" fill="#2e2e33"/>${keys.join("")}</svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/**
 * A card in a toploader lying on a wooden table, 720×1280: the holder's plastic a little larger than the card, clear
 * with a glossy rim. Returns the photo and the card's corners (top-left first).
 */
async function toploaderPhoto(card: Buffer): Promise<{ photo: Buffer; corners: number[][] }> {
  const [width, height] = [720, 1280];
  const [cardWidth, cardHeight] = [520, 726];
  const [left, top] = [100, 300];
  const rim = 45;
  const table = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><filter id="t"><feTurbulence type="fractalNoise" baseFrequency="0.002 0.06" numOctaves="3" seed="3"/><feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncA type="linear" slope="0.4"/></feComponentTransfer></filter><rect width="100%" height="100%" fill="#8a6a48"/><rect width="100%" height="100%" filter="url(#t)"/></svg>`;
  const holder = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="${left - rim}" y="${top - rim}" width="${cardWidth + 2 * rim}" height="${cardHeight + 2 * rim}" rx="8" fill="white" fill-opacity="0.18" stroke="white" stroke-opacity="0.5" stroke-width="4"/></svg>`;
  const face = await sharp(card).resize(cardWidth, cardHeight, { fit: "fill" }).toBuffer();
  const photo = await sharp(Buffer.from(table))
    .composite([{ input: face, left, top }, { input: Buffer.from(holder), left: 0, top: 0 }])
    .jpeg({ quality: 88 })
    .toBuffer();
  const corners = [[left, top], [left + cardWidth - 1, top], [left + cardWidth - 1, top + cardHeight - 1], [left, top + cardHeight - 1]];
  return { photo, corners };
}
