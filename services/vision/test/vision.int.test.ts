import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageAnalyzed, ImageStored } from "@poke-ventory/contracts";
import { systemClock } from "@poke-ventory/runtime";
import { FsObjectStore, type ObjectStore } from "@poke-ventory/storage";
import { CatalogIndex, openCatalogSource, rankCandidates } from "@poke-ventory/matching";
import { benchCardsDir, catalogDir, tempDir } from "@poke-ventory/testing";
import { analyzeImage, OpencvCardDetector, rankingCatalog, SharpImageCodec, TesseractOcrEngine, type AnalyzeImageDeps, type OcrEngine } from "../src/index";

interface Label { file: string; name: string; number?: string }
const labels: Label[] = readFileSync(path.join(benchCardsDir, "labels.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Label);
const label = (file: string) => labels.find((l) => l.file === file)!;

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

  async function analyze(file: string, turn = 0): Promise<ImageAnalyzed> {
    let bytes: Buffer = readFileSync(path.join(benchCardsDir, file));
    if (turn !== 0) bytes = await sharp(bytes).rotate(turn).jpeg({ quality: 92 }).toBuffer();
    return analyzeBytes(`${turn}/${file}`, bytes);
  }

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

  // The name read must be the label's name, or its start when OCR loses the mechanic suffix ("ex" read as "GX").
  // Numbers compare by value: a leading zero lost by OCR does not change the match (`01/165` is card 1 of 165).
  it.each([
    ["scan_0001.jpg", "Bulbasaur", { number: 1, printedTotal: "165", hp: 70 }],
    ["scan_0025.jpg", "Pikachu", { printedTotal: "165", hp: 60 }],
    ["scan_0003.jpg", "Venusaur", { number: 3, printedTotal: "165", hp: 340 }],
    ["photo_0002.jpg", "Radiant", { hp: 130 }],
    // Lines of its art make a skewed card-shaped quad inside this scan: the card is the whole frame.
    ["scan_0040.jpg", "Wigglytuff", { number: 40, printedTotal: "165", hp: 250 }],
  ])("%s: one upright card named %s", async (file, expectedStart, expectedFeatures) => {
    const result = await analyze(file);
    expect(result.cards).toHaveLength(1);
    const [card] = result.cards;
    expect(card.rotation).toBe(0);
    expect(card.quad).toHaveLength(4);
    expect(card.features.name?.toLowerCase().startsWith(expectedStart.toLowerCase())).toBe(true);
    expect(label(file).name.toLowerCase().startsWith(expectedStart.toLowerCase())).toBe(true);
    expect({ ...card.features, number: card.features.number === null ? null : Number(card.features.number) }).toMatchObject(expectedFeatures);
    expect(await objects.exists(card.cropKey!)).toBe(true);
  });

  // Upside down, the likelier rotation for a portrait quad reads only debris: the card is read the other way too.
  // scan_0199 (a full art, its text dense and white on the art's lower half) and scan_0050 were read upside down when
  // that rotation was read first: their small print shows it lies in the art's band, and the other way is read first.
  // (On the bench, 98.0 % of the scans turned 180° and 97.3 % turned 270° are read right.)
  it.each([
    [180, "scan_0003.jpg", "Venusaur"],
    [270, "scan_0003.jpg", "Venusaur"],
    [180, "scan_0199.jpg", "Charizard"],
    [270, "scan_0050.jpg", "Diglett"],
  ])("a scan turned %i° clockwise is read upright: %s is %s", async (turn, file, name) => {
    const result = await analyze(file, turn);
    expect(result.cards).toHaveLength(1);
    expect(result.cards[0].rotation).toBe(turn);
    expect(result.cards[0].features.name).toMatch(new RegExp(`^${name}`));
  });

  // Its `15/34` (bottom right, black italic outlined in white) is read on no line of the bottom band turned so: the
  // line holds the illustrator, the star and the set symbol too. Found as a word of glyphs and read alone, it is.
  it("photo_0014.jpg turned 90° (Team Magma's Groudon-EX): its collector number is found as a word and read", async () => {
    const result = await analyze("photo_0014.jpg", 90);
    expect(result.cards).toHaveLength(1);
    expect(label("photo_0014.jpg").name).toBe("Team Magma's Groudon-EX");
    expect(result.cards[0]).toMatchObject({ rotation: 90, features: { number: "15", printedTotal: "34" } });
  });

  // Upside down, debris in its name band gives an HP (`130`); upright, its HP is not read on its line, but the
  // copyright zone holds the end of the number line, `041/165`. As much evidence either way: the clean number wins.
  it("scan_0041.jpg turned 180° (Zubat): read upright, its collector number in its printed shape outweighs an HP of debris", async () => {
    const result = await analyze("scan_0041.jpg", 180);
    expect(result.cards).toHaveLength(1);
    expect(label("scan_0041.jpg").name).toBe("Zubat");
    expect(result.cards[0]).toMatchObject({ rotation: 180, features: { number: "041", printedTotal: "165" } });
  });

  // Turned over, a foil's sparkle makes glyph-like specks in the art band: the layout only leans upside down (text
  // share 0.25 to 0.48 on the bench photos). A glance at the other way (name, HP, copyright, footer) finds it upright,
  // and the card is read that way first, its glance's zones not read again: about as many reads as upright.
  it("photo_0002.jpg turned 180° (Radiant Alakazam, foil): read upright first, in about as many reads as upright", async () => {
    const [upright, turned] = [counted(), counted()];
    const bytes = readFileSync(path.join(benchCardsDir, "photo_0002.jpg"));
    await analyzeBytes("upright-photo_0002.jpg", bytes, { ...deps, ocr: upright.ocr });
    const result = await analyzeBytes("turned-photo_0002.jpg", await sharp(bytes).rotate(180).jpeg({ quality: 92 }).toBuffer(), { ...deps, ocr: turned.ocr });
    expect(result.cards[0].rotation).toBe(180);
    expect(result.cards[0].features.name).toMatch(/^Radia/); // `Radiat` on one of its reads
    expect(turned.reads).toBeLessThan(1.5 * upright.reads);
  });

  // Turned 180°, it gives no evidence either way up (no HP read, its `169/165` misread), and its name upright
  // (`Charmeleon`, at 0.40) is not more confident than the debris read upside down: the catalog knows only the upright one.
  it("scan_0169.jpg turned 180° with the catalog: as little evidence either way, the name the catalog knows wins", async () => {
    const result = await analyzeBytes("turned-scan_0169.jpg", await sharp(readFileSync(path.join(benchCardsDir, "scan_0169.jpg"))).rotate(180).jpeg({ quality: 92 }).toBuffer(), {
      ...deps,
      catalog: await benchCatalog(),
    });
    expect(label("scan_0169.jpg").name).toBe("Charmeleon");
    expect(result.cards[0]).toMatchObject({ rotation: 180, features: { name: "Charmeleon" } });
  });

  // Upside down, debris gives `71/7` and an HP: two pieces of evidence once settled the wrong way. A printed total of
  // one digit is no evidence of the way up, and the card is read upright too.
  it("photo_0003.jpg turned 180° (Umbreon VMAX in a toploader): a number of debris with a one-digit total settles nothing", async () => {
    const result = await analyze("photo_0003.jpg", 180);
    expect(result.cards).toHaveLength(1);
    expect(label("photo_0003.jpg").name).toBe("Umbreon VMAX");
    expect(result.cards[0]).toMatchObject({ rotation: 180, features: { hp: 310 } });
  });

  it("scan_0196.jpg (a trainer whose header OCR reads as a short word): its name is read on the line below", async () => {
    const result = await analyze("scan_0196.jpg");
    expect(result.cards).toHaveLength(1);
    expect(label("scan_0196.jpg").name).toBe("Erika's Invitation");
    expect(result.cards[0].features.name).toMatch(/^Erika.s Invitation$/);
  });

  // photo_0004: a card in a sleeve filling the frame. photo_0006: a full art whose HP a single-line read misses, found
  // as sparse text. photo_0009: a full-art foil whose HP is white print outlined in black on the sparkle.
  it.each([
    ["photo_0004.jpg", "Umbreon VMAX", 310],
    ["photo_0006.jpg", "Team Magma's Groudon-EX", 190],
    ["photo_0009.jpg", "Vaporeon VMAX", 320],
  ])("%s (%s): the card is found and its HP %i read", async (file, name, hp) => {
    const result = await analyze(file);
    expect(result.cards).toHaveLength(1);
    expect(label(file).name).toBe(name);
    expect(result.cards[0].features.hp).toBe(hp);
  });

  it("photo_0003.jpg (a card in a toploader, no contour card-shaped): the card's own border is found, its HP read", async () => {
    const result = await analyze("photo_0003.jpg");
    expect(result.cards).toHaveLength(1);
    expect(label("photo_0003.jpg").name).toBe("Umbreon VMAX");
    // The card's corners, read off the 720×1280 photo by eye; the toploader's lie 40 to 60 px outside them.
    const corners = [[110, 332], [637, 325], [682, 1095], [100, 1105]];
    const off = result.cards[0].quad.map(([x, y], i) => Math.round(Math.hypot(x - corners[i][0], y - corners[i][1])));
    expect(Math.max(...off)).toBeLessThan(0.025 * 1280);
    expect(result.cards[0].features.hp).toBe(310);
  });

  // A 4:3 photo is shaped nearly like a card (short/long 0.75): it was once taken for a close-up, and a card lying in
  // it, smaller than half the frame, for its art window; the whole frame came back as the card.
  it.each([
    ["landscape", 1280, 960],
    ["portrait", 960, 1280],
  ])("a card lying on a table in a %s 4:3 photo is found and read", async (_, width, height) => {
    const table = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><filter id="t"><feTurbulence type="fractalNoise" baseFrequency="0.002 0.06" numOctaves="3" seed="7"/><feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncA type="linear" slope="0.4"/></feComponentTransfer></filter><rect width="100%" height="100%" fill="#8a6a48"/><rect width="100%" height="100%" filter="url(#t)"/></svg>`;
    const card = await sharp(path.join(benchCardsDir, "scan_0001.jpg"))
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
    // Bulbasaur 001/165, 440 px wide here: its number is read, its name at least begins right (`Buibasaur`).
    expect(result.cards[0].features).toMatchObject({ number: "001", printedTotal: "165", name: expect.stringMatching(/^Bu/) });
  });

  it("a photo of a keyboard on a table (no card, not framed like one) is no card", async () => {
    const clutter = await sharp(path.join(benchCardsDir, "photo_0003.jpg")).extract({ left: 0, top: 0, width: 720, height: 290 }).jpeg().toBuffer();
    const result = await analyzeBytes("clutter.jpg", clutter);
    expect(result.cards).toEqual([]);
  });

  it("a blank card-sized sheet in a clear sleeve on a table is no card (nothing printed on it)", async () => {
    const table = await sharp(path.join(benchCardsDir, "photo_0003.jpg")).extract({ left: 0, top: 0, width: 720, height: 290 }).resize(1280, 720, { fit: "fill" }).toBuffer();
    const sleeve = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect x="440" y="90" width="400" height="540" rx="10" fill="#ffffff" fill-opacity="0.25"/><rect x="470" y="120" width="340" height="475" rx="14" fill="#e9e5dc"/></svg>`;
    const photo = await sharp(table).composite([{ input: Buffer.from(sleeve), left: 0, top: 0 }]).jpeg().toBuffer();
    const result = await analyzeBytes("blank-in-sleeve.jpg", photo);
    expect(result.cards).toEqual([]);
  });

  // photo_0001: below the strips' lines, dark italic on gold foil. photo_0005: white on foil, the footer block reads
  // `22/2038`, which only a repair makes a number. photo_0014: bottom right, the rarity star read as digits after it
  // (`15/3485`). All are read as sparse text over the bottom line.
  it.each([
    ["photo_0001.jpg", "044", "185"],
    ["photo_0005.jpg", "182", "203"],
    ["photo_0014.jpg", "15", "34"],
  ])("%s: the collector number %s/%s is read on a foil photo", async (file, number, printedTotal) => {
    const result = await analyze(file);
    expect(result.cards).toHaveLength(1);
    expect(label(file).number).toBe(String(Number(number)));
    expect(result.cards[0].features).toMatchObject({ number, printedTotal });
  });

  // The first pass over its number line reads `044/185`, once: without the catalog the line is read on until a number
  // is read twice (it never is). The catalog confirms it with the name and HP read (Pikachu VMAX, swsh4-44).
  it("photo_0001.jpg with the catalog: the number it confirms is taken, and the number line read no further", async () => {
    const catalog = await benchCatalog();
    const bytes = readFileSync(path.join(benchCardsDir, "photo_0001.jpg"));
    const [alone, asking] = [counted(), counted()];
    const without = await analyzeBytes("alone-photo_0001.jpg", bytes, { ...deps, ocr: alone.ocr });
    const withCatalog = await analyzeBytes("asking-photo_0001.jpg", bytes, { ...deps, ocr: asking.ocr, catalog });
    // Its HP, not read on its line, is still looked for once the card is upright.
    for (const result of [without, withCatalog]) expect(result.cards[0].features).toMatchObject({ number: "044", printedTotal: "185", hp: 310 });
    expect(label("photo_0001.jpg").number).toBe("44");
    expect(asking.reads).toBeLessThan(0.6 * alone.reads);
  });

  it("binder_0002.jpg (a 2×2 binder page): four cards, once each, in grid order with their positions", async () => {
    const result = await analyze("binder_0002.jpg");
    expect(result.cards.map((c) => c.position)).toEqual([
      { row: 0, col: 0 }, { row: 0, col: 1 }, { row: 1, col: 0 }, { row: 1, col: 1 },
    ]);
    expect(result.cards.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(new Set(result.cards.map((c) => c.cropKey)).size).toBe(4);
  });

  // Turned 180°, its first card (Teal Mask Ogerpon ex, 145/131) gives one piece of evidence either way up, and was
  // kept upside down on debris (`017/75`); the three others settle the page upside down, and it follows them.
  it("binder_0002.jpg turned 180°: every card is read the way the page faces", async () => {
    const result = await analyze("binder_0002.jpg", 180);
    expect(result.cards.map((c) => c.rotation)).toEqual([180, 180, 180, 180]);
    expect(result.cards[0].features).toMatchObject({ number: "145", printedTotal: "131" });
  });

  it("a 3×3 page with empty pockets: the cards are found in grid order, the empty pockets are not cards", async () => {
    // Pockets with a pale seam: each, empty or not, is a card-shaped quad to the detector.
    const pocket = { width: 480, height: 660, gap: 30, margin: 50 };
    const empty = new Set(["0,2", "1,1"]);
    const scans = labels.filter((l) => l.file.startsWith("scan_")).map((l) => l.file);
    const layers: sharp.OverlayOptions[] = [];
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 3; col++) {
        const left = pocket.margin + col * (pocket.width + pocket.gap);
        const top = pocket.margin + row * (pocket.height + pocket.gap);
        const seam = `<svg xmlns="http://www.w3.org/2000/svg" width="${pocket.width}" height="${pocket.height}"><rect x="2" y="2" width="${pocket.width - 4}" height="${pocket.height - 4}" fill="#2b2b31" stroke="#8a8a94" stroke-width="4"/></svg>`;
        layers.push({ input: Buffer.from(seam), left, top });
        if (empty.has(`${row},${col}`)) continue;
        const card = await sharp(path.join(benchCardsDir, scans[row * 3 + col])).resize({ width: 440, height: 615, fit: "fill" }).toBuffer();
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
    const result = await analyze("scan_0001.jpg");
    const crop = await objects.get(result.cards[0].cropKey!);
    const decoded = await new SharpImageCodec().decode(crop, 60_000_000);
    expect([decoded.width, decoded.height]).toEqual([734, 1024]);
  });
});
