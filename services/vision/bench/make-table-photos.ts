/**
 * Makes photos of one card lying on a table out of single-card images, for the recognition bench's photo path beyond
 * the few real photos:
 *   npm run bench:make-photos -- --from <dir with labels.jsonl> --out <dir> [--photos 24] [--seed 1] [--sleeves 0]
 *     [--holo 0] [--tilt 0] [--tables wood,cloth,desk,speckled]
 *
 * Each photo is a phone-shaped frame (4:3, landscape or portrait, the shape close enough to a card's that a detector
 * may take the frame for the card) showing a table (wood grain, cloth or a plain desk, drawn procedurally) and one
 * card from the `scan` entries of the source folder, 15 to 45 % of the frame, turned up to 8°, with a soft shadow
 * and a glare, saved as a JPEG with a `labels.jsonl` in the source's format (`kind: "photo"`). `--sleeves F` puts that
 * fraction of the cards in a clear sleeve (a faint sheet a little larger than the card, with a glossy edge). Synthetic
 * `--holo F` lays a holo foil's rainbow sheen and a hard glare over that fraction of the cards; `--tilt F` shows that
 * fraction in perspective (the phone held at an angle: one side up to 25 % shorter); `--tables` picks the tables
 * drawn (`speckled`: a granite or terrazzo counter, dark and light specks the size of a card's print, the ground
 * where an inner panel of a holo card in a sleeve was once taken for the card). Synthetic photos test detection and
 * reading at photo sizes; they are no substitute for photographed ones (no real plastic or light).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { loadOpenCV } from "../src/adapters/load-opencv";
import { glareSvg, random, scanSources } from "./synthetic-images";

const cv = loadOpenCV();

/** The long side of a photo; the short side is three quarters of it. */
const LONG_SIDE = 1600;
const CARD_ASPECT = 63 / 88;

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: "string" },
      out: { type: "string" },
      photos: { type: "string", default: "24" },
      seed: { type: "string", default: "1" },
      sleeves: { type: "string", default: "0" },
      holo: { type: "string", default: "0" },
      tilt: { type: "string", default: "0" },
      tables: { type: "string", default: "wood,cloth,desk" },
    },
  });
  if (!values.from || !values.out) throw new Error("usage: --from <dir with labels.jsonl> --out <dir> [--photos N] [--seed N] [--sleeves F]");
  const next = random(Number(values.seed));
  const sources = scanSources(values.from);
  mkdirSync(values.out, { recursive: true });

  const labels: string[] = [];
  for (let i = 0; i < Number(values.photos); i++) {
    const portrait = next() < 0.5;
    const [width, height] = portrait ? [(LONG_SIDE * 3) / 4, LONG_SIDE] : [LONG_SIDE, (LONG_SIDE * 3) / 4];
    const source = sources[Math.floor(next() * sources.length)];
    const share = 0.15 + 0.3 * next();
    const cardWidth = Math.round(Math.sqrt(share * width * height * CARD_ASPECT));
    const cardHeight = Math.round(cardWidth / CARD_ASPECT);
    const angle = (next() - 0.5) * 16;
    const plain = await sharp(path.join(values.from, source.file)).resize({ width: cardWidth, height: cardHeight, fit: "fill" }).png().toBuffer();
    const holo = Number(values.holo) > 0 && next() < Number(values.holo);
    const face = holo ? await withHoloSheen(plain, cardWidth, cardHeight, next) : plain;
    const sleeves = Number(values.sleeves);
    const sleeved = sleeves > 0 && next() < sleeves ? await inSleeve(face, cardWidth, cardHeight) : face;
    const tilted = Number(values.tilt) > 0 && next() < Number(values.tilt) ? await inPerspective(sleeved, next) : sleeved;
    const turned = await sharp(tilted)
      .ensureAlpha()
      .rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer({ resolveWithObject: true });
    // A large card turned (or sleeved) in a landscape frame may not fit: it is shrunk to.
    const fits = turned.info.width <= width && turned.info.height <= height;
    const card = fits ? turned : await sharp(turned.data).resize({ width: Math.floor(width * 0.96), height: Math.floor(height * 0.96), fit: "inside" }).png().toBuffer({ resolveWithObject: true });
    const left = Math.round((width - card.info.width) * (0.25 + 0.5 * next()));
    const top = Math.round((height - card.info.height) * (0.25 + 0.5 * next()));
    const shadow = await sharp(card.data).extractChannel("alpha").toColourspace("b-w").linear(0.45, 0).blur(12).toBuffer();
    const shadowLayer = await sharp({ create: { width: card.info.width, height: card.info.height, channels: 3, background: "#000000" } })
      .joinChannel(shadow)
      .png()
      .toBuffer();
    const tables = values.tables.split(",") as TableKind[];
    const photo = await sharp(await tableSvg(width, height, next, tables[Math.floor(next() * tables.length)]))
      .composite([
        { input: shadowLayer, left: left + 10, top: top + 14 },
        { input: card.data, left, top },
        { input: glareSvg(width, height, next, 0.3, [0.2, 0.12]), left: 0, top: 0 },
      ])
      .png()
      .toBuffer();
    const file = `photo_synth_${String(i + 1).padStart(3, "0")}.jpg`;
    await sharp(photo).blur(0.6 + 0.6 * next()).jpeg({ quality: Math.round(78 + 12 * next()) }).toFile(path.join(values.out, file));
    const { card_id, tcgdex_id, name, number } = source;
    labels.push(JSON.stringify({ file, kind: "photo", card_id, tcgdex_id, name, number, notes: `synthetic photo made by make-table-photos.ts${holo ? ", holo" : ""}` }));
  }
  writeFileSync(path.join(values.out, "labels.jsonl"), `${labels.join("\n")}\n`);
  console.log(`${labels.length} photos written to ${values.out}`);
}

/** The card in a clear sleeve: a faint sheet a little larger than it, open at the top, with a glossy edge. */
async function inSleeve(card: Buffer, width: number, height: number): Promise<Buffer> {
  const side = Math.round(width * 0.03);
  const [sleeveWidth, sleeveHeight] = [width + 2 * side, height + 2 * side];
  const sheet =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${sleeveWidth}" height="${sleeveHeight}">` +
    `<rect x="1.5" y="1.5" width="${sleeveWidth - 3}" height="${sleeveHeight - 3}" rx="${side}" fill="white" fill-opacity="0.12" stroke="white" stroke-opacity="0.45" stroke-width="3"/></svg>`;
  const gloss = `<svg xmlns="http://www.w3.org/2000/svg" width="${sleeveWidth}" height="${sleeveHeight}"><rect width="100%" height="100%" rx="${side}" fill="white" fill-opacity="0.08"/></svg>`;
  return sharp(Buffer.from(sheet))
    .composite([{ input: card, left: side, top: Math.round(side * 1.5) }, { input: Buffer.from(gloss), left: 0, top: 0 }])
    .png()
    .toBuffer();
}

type TableKind = "wood" | "cloth" | "desk" | "speckled";

/** A table: wood grain, a cloth's weave, a plain desk or a speckled counter, in a random colour. */
async function tableSvg(width: number, height: number, next: () => number, kind: TableKind): Promise<Buffer> {
  if (kind === "speckled") return speckledSvg(width, height, next);
  const hue = Math.round(next() * 360);
  const light = kind === "wood" ? 35 + 25 * next() : 15 + 60 * next();
  const base = kind === "wood" ? `hsl(${25 + Math.round(15 * next())}, 45%, ${light}%)` : `hsl(${hue}, ${Math.round(10 + 30 * next())}%, ${light}%)`;
  const frequency = kind === "wood" ? "0.002 0.06" : kind === "cloth" ? "0.35 0.35" : "0.01 0.01";
  const strength = kind === "desk" ? 0.15 : 0.4;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<filter id="t"><feTurbulence type="fractalNoise" baseFrequency="${frequency}" numOctaves="3" seed="${Math.round(next() * 1000)}"/>` +
      `<feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncA type="linear" slope="${strength}"/></feComponentTransfer></filter>` +
      `<rect width="100%" height="100%" fill="${base}"/><rect width="100%" height="100%" filter="url(#t)"/></svg>`,
  );
}

/** A granite or terrazzo counter: a mid ground under thousands of dark and light specks, a few the size of print. */
function speckledSvg(width: number, height: number, next: () => number): Buffer {
  const light = 30 + 40 * next();
  const specks: string[] = [];
  const count = Math.round((width * height) / 900);
  for (let i = 0; i < count; i++) {
    const r = (0.8 + 4 * next() ** 3).toFixed(1);
    const shade = next() < 0.5 ? Math.round(light - 25 - 20 * next()) : Math.round(light + 20 + 20 * next());
    specks.push(`<circle cx="${Math.round(next() * width)}" cy="${Math.round(next() * height)}" r="${r}" fill="hsl(30, 8%, ${Math.max(3, Math.min(97, shade))}%)"/>`);
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="hsl(30, 6%, ${light}%)"/>${specks.join("")}</svg>`,
  );
}

/** A holo foil's sheen over the card: rainbow bands at an angle, and a hard white glare across part of it. */
async function withHoloSheen(card: Buffer, width: number, height: number, next: () => number): Promise<Buffer> {
  const angle = Math.round(next() * 180);
  const stops = ["#ff4d4d", "#ffd24d", "#4dff88", "#4dc3ff", "#b34dff", "#ff4d4d"].map((c, i) => `<stop offset="${i / 5}" stop-color="${c}"/>`).join("");
  const sheen =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="h" gradientTransform="rotate(${angle} 0.5 0.5)" spreadMethod="repeat" x2="0.35">${stops}</linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#h)" fill-opacity="0.22"/></svg>`;
  return sharp(card)
    .composite([
      { input: Buffer.from(sheen), blend: "soft-light" },
      { input: glareSvg(width, height, next, 0.75, [0.25, 0.08]), left: 0, top: 0 },
    ])
    .png()
    .toBuffer();
}

/** The card (with its sleeve) seen in perspective: one side shortened by up to a quarter, on transparency. */
async function inPerspective(card: Buffer, next: () => number): Promise<Buffer> {
  const { data, info } = await sharp(card).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [w, h] = [info.width, info.height];
  const shrink = 0.08 + 0.17 * next();
  const side = Math.floor(next() * 4);
  const corners = [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]];
  // The two corners of the far side move towards each other.
  const [a, b] = [side, (side + 1) % 4];
  const [dx, dy] = [(corners[b][0] - corners[a][0]) * shrink * 0.5, (corners[b][1] - corners[a][1]) * shrink * 0.5];
  const far = corners.map(([x, y], i) => (i === a ? [x + dx, y + dy] : i === b ? [x - dx, y - dy] : [x, y]));
  const src = corners.map(([x, y]) => new cv.Point2(x, y));
  const dst = far.map(([x, y]) => new cv.Point2(x, y));
  const mat = new cv.Mat(data, h, w, cv.CV_8UC4);
  const warped = mat.warpPerspective(cv.getPerspectiveTransform(src, dst), new cv.Size(w, h), cv.INTER_LINEAR, cv.BORDER_CONSTANT);
  return sharp(warped.getData(), { raw: { width: w, height: h, channels: 4 } }).png().toBuffer();
}

main().catch((err) => {
  console.error(`make-table-photos failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
