/**
 * Makes binder pages out of single-card images, for the recognition bench's binder path beyond the few real pages:
 *   npm run bench:make-pages -- --from <dir with labels.jsonl> --out <dir> [--pages 6] [--grid 3] [--seed 1]
 *
 * Each page is a dark binder sheet of grid×grid pockets (a lighter plastic edge around each), holding cards taken
 * from the `scan` entries of the source folder, each a little off-centre and turned in its pocket; some pockets are
 * left empty (not labelled, and not to be found). The sheet is turned a little, lit by a soft glare and saved as a
 * JPEG, with a `labels.jsonl` in the source's format (`kind: "binder"`, `cards[]` with `r<row>c<col>` positions).
 * Synthetic pages test layout and grid order; they are no substitute for photographed ones.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { glareSvg, random, scanSources } from "./synthetic-images";

const POCKET = { width: 640, height: 880, gap: 36, margin: 70 } as const;
const EMPTY_POCKET_CHANCE = 0.12;

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: "string" },
      out: { type: "string" },
      pages: { type: "string", default: "6" },
      grid: { type: "string", default: "3" },
      seed: { type: "string", default: "1" },
    },
  });
  if (!values.from || !values.out) throw new Error("usage: --from <dir with labels.jsonl> --out <dir> [--pages N] [--grid N] [--seed N]");
  const grid = Number(values.grid);
  const next = random(Number(values.seed));
  const sources = scanSources(values.from);
  mkdirSync(values.out, { recursive: true });

  const width = 2 * POCKET.margin + grid * POCKET.width + (grid - 1) * POCKET.gap;
  const height = 2 * POCKET.margin + grid * POCKET.height + (grid - 1) * POCKET.gap;
  const labels: string[] = [];
  for (let page = 0; page < Number(values.pages); page++) {
    const layers: sharp.OverlayOptions[] = [];
    const cards: object[] = [];
    for (let row = 0; row < grid; row++) {
      for (let col = 0; col < grid; col++) {
        const left = POCKET.margin + col * (POCKET.width + POCKET.gap);
        const top = POCKET.margin + row * (POCKET.height + POCKET.gap);
        layers.push({ input: pocketSvg(), left, top });
        if (next() < EMPTY_POCKET_CHANCE) continue;
        const source = sources[Math.floor(next() * sources.length)];
        const cardWidth = Math.round(POCKET.width * (0.9 + 0.05 * next()));
        const card = await sharp(path.join(values.from, source.file))
          .resize({ width: cardWidth, height: Math.round((cardWidth * 88) / 63), fit: "fill" })
          .rotate((next() - 0.5) * 3, { background: "#2b2b31" })
          .toBuffer({ resolveWithObject: true });
        const dx = Math.round((POCKET.width - card.info.width) * next());
        const dy = Math.round((POCKET.height - card.info.height) * (0.3 + 0.7 * next()));
        layers.push({ input: card.data, left: left + Math.max(0, dx), top: top + Math.max(0, dy) });
        cards.push({ position: `r${row}c${col}`, card_id: source.card_id, tcgdex_id: source.tcgdex_id, name: source.name });
      }
    }
    layers.push({ input: glareSvg(width, height, next, 0.35, [0.18, 0.1]), left: 0, top: 0 });
    const sheet = await sharp({ create: { width, height, channels: 3, background: "#1d1d22" } }).composite(layers).png().toBuffer();
    const file = `binder_synth_${String(page + 1).padStart(3, "0")}.jpg`;
    await sharp(sheet)
      .rotate((next() - 0.5) * 4, { background: "#1d1d22" })
      .resize({ height: 2400 })
      .jpeg({ quality: 85 })
      .toFile(path.join(values.out, file));
    labels.push(JSON.stringify({ file, kind: "binder", grid: [grid, grid], cards, notes: "synthetic page made by make-binder-pages.ts" }));
  }
  writeFileSync(path.join(values.out, "labels.jsonl"), `${labels.join("\n")}\n`);
  console.log(`${labels.length} pages written to ${values.out}`);
}

/** A pocket: a slightly lighter sheet of plastic with a faint seam. */
const pocketSvg = () =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${POCKET.width}" height="${POCKET.height}">` +
      `<rect x="2" y="2" width="${POCKET.width - 4}" height="${POCKET.height - 4}" fill="#2b2b31" stroke="#4a4a52" stroke-width="3"/></svg>`,
  );

main().catch((err) => {
  console.error(`make-binder-pages failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
