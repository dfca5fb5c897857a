import { readFileSync } from "node:fs";
import path from "node:path";

/** A labelled single-card image a synthetic page or photo is made from. */
export interface SourceLabel {
  file: string;
  kind?: string;
  card_id?: string;
  tcgdex_id?: string;
  name?: string;
  number?: string;
}

/** The `scan` entries of a labelled folder that name their card: what synthetic images are made of. */
export function scanSources(dir: string): SourceLabel[] {
  const sources = readFileSync(path.join(dir, "labels.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SourceLabel)
    .filter((l) => l.kind === "scan" && l.card_id);
  if (sources.length === 0) throw new Error(`no scan entries in ${dir}/labels.jsonl`);
  return sources;
}

/** Small deterministic generator (mulberry32): the same seed makes the same images. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A soft white glare somewhere on the image, as a lamp or a window gives; `size` is its radii as fractions. */
export function glareSvg(width: number, height: number, next: () => number, opacity: number, size: [number, number]): Buffer {
  const cx = Math.round(width * (0.2 + 0.6 * next()));
  const cy = Math.round(height * (0.2 + 0.6 * next()));
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><radialGradient id="g">` +
      `<stop offset="0" stop-color="white" stop-opacity="${opacity}"/><stop offset="1" stop-color="white" stop-opacity="0"/></radialGradient></defs>` +
      `<ellipse cx="${cx}" cy="${cy}" rx="${Math.round(width * size[0])}" ry="${Math.round(height * size[1])}" fill="url(#g)"/></svg>`,
  );
}
