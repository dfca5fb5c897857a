import type { Point } from "@poke-ventory/contracts";
import { CARD_ASPECT, polygonArea, shapeRatio } from "./card-geometry";
import { BORDER } from "./parameters";

/** Absolute horizontal (`gx`) and vertical (`gy`) gradients of an image, row-major. */
export interface GradientMap {
  gx: Float32Array;
  gy: Float32Array;
  width: number;
  height: number;
}

export interface BorderSearchOptions {
  /** How far in from each side of the region the border is looked for, as a fraction of the side across it. */
  band?: number;
  /** How far a refined quad's shape (short/long) may be from a card's. */
  tolerance?: number;
  /** Smallest refined card, as a fraction of the region. */
  minArea?: number;
  /** Largest refined card, as a fraction of the region. */
  maxArea?: number;
  /** The region's own sides may be the card's (a close-up running to the frame's edge; not a grown quad). */
  regionEdges?: boolean;
  /**
   * Where a point of the region lies in the image, when the region is not a similar copy of it (straightened from a
   * rough quad): a card's shape is then checked in the image.
   */
  toImage?: (p: Point) => Point;
  /** Pixels next to the region's sides where no line is looked for (a straightened region's smeared edge). */
  inset?: number;
  /** How many times a side band's mean gradient a line must reach to be a candidate. */
  peak?: number;
}

/** A straight line across the region: `offset` along the side's axis at the middle, plus `slope` per pixel along it. */
interface Line {
  offset: number;
  slope: number;
  strength: number;
}

const SLOPES = BORDER.slopes;
const PEAKS_PER_SIDE = BORDER.peaksPerSide;

/**
 * The card's own border inside a region believed to hold one card (the whole frame of a close-up, or a rectified
 * quad with a margin): for each side, the strongest straight lines nearly parallel to it in its outer band, then the
 * combination of four lines whose quad is card-shaped with the most edge evidence. The region's own sides are
 * candidates too unless `regionEdges` is false (a card that runs to the frame's edge). Null when no combination is
 * card-shaped.
 */
export function findCardBorder(map: GradientMap, opts: BorderSearchOptions = {}): Point[] | null {
  const band = opts.band ?? BORDER.band;
  const tolerance = opts.tolerance ?? BORDER.tolerance;
  const minArea = (opts.minArea ?? BORDER.minArea) * map.width * map.height;
  const maxArea = (opts.maxArea ?? 1) * map.width * map.height;
  const { width: w, height: h } = map;
  const inset = opts.inset ?? 0;
  const peak = opts.peak ?? BORDER.peak;
  const left = sideLines(map.gx, w, h, inset, Math.round(band * w), false, peak);
  const right = sideLines(map.gx, w, h, Math.round((1 - band) * w), w - 1 - inset, false, peak);
  const top = sideLines(map.gy, w, h, inset, Math.round(band * h), true, peak);
  const bottom = sideLines(map.gy, w, h, Math.round((1 - band) * h), h - 1 - inset, true, peak);
  const sides = (lines: Line[], offset: number) => (opts.regionEdges === false ? lines : [...lines, edge(offset)]);
  let best: { quad: Point[]; score: number } | null = null;
  for (const l of sides(left, 0)) for (const r of sides(right, w - 1)) for (const t of sides(top, 0)) for (const b of sides(bottom, h - 1)) {
    const quad = [cross(l, t, w, h), cross(r, t, w, h), cross(r, b, w, h), cross(l, b, w, h)];
    if (polygonArea(quad) < minArea || polygonArea(quad) > maxArea) continue;
    if (Math.abs(shapeRatio(opts.toImage ? quad.map(opts.toImage) : quad) - CARD_ASPECT) > tolerance) continue;
    const score = l.strength + r.strength + t.strength + b.strength;
    if (!best || score > best.score) best = { quad, score };
  }
  return best && best.score > 0 ? best.quad : null;
}

const edge = (offset: number): Line => ({ offset, slope: 0, strength: 0 });

/**
 * The strongest lines whose offset lies in [from, to]: mean gradient along each (offset, slope) line over the middle
 * 80 % of the side, local maxima by offset over `peak` times the band's mean, strongest first. `horizontal` lines run
 * along x (top, bottom sides).
 */
function sideLines(g: Float32Array, w: number, h: number, from: number, to: number, horizontal: boolean, peak: number): Line[] {
  const along = horizontal ? w : h;
  const across = horizontal ? h : w;
  const mid = along / 2;
  const start = Math.round(along * 0.1);
  const end = Math.round(along * 0.9);
  const profile: Line[] = [];
  for (let offset = from; offset <= to; offset++) {
    let bestLine: Line = { offset, slope: 0, strength: 0 };
    for (const slope of SLOPES) {
      let sum = 0;
      let n = 0;
      for (let s = start; s < end; s += 2) {
        const a = Math.round(offset + slope * (s - mid));
        if (a < 0 || a >= across) continue;
        sum += horizontal ? g[a * w + s] : g[s * w + a];
        n++;
      }
      const strength = n > 0 ? sum / n : 0;
      if (strength > bestLine.strength) bestLine = { offset, slope, strength };
    }
    profile.push(bestLine);
  }
  const peaks = profile.filter((p, i) => p.strength >= (profile[i - 1]?.strength ?? 0) && p.strength > (profile[i + 1]?.strength ?? 0));
  const mean = profile.reduce((s, p) => s + p.strength, 0) / Math.max(1, profile.length);
  return peaks
    .filter((p) => p.strength > peak * mean)
    .sort((a, b) => b.strength - a.strength)
    .slice(0, PEAKS_PER_SIDE);
}

/** Where a vertical-ish line `v` (x = offset + slope·(y − h/2)) meets a horizontal-ish one `u` (y = offset + slope·(x − w/2)). */
function cross(v: Line, u: Line, w: number, h: number): Point {
  // x = v.o + v.s (y − h/2), y = u.o + u.s (x − w/2)
  const x = (v.offset + v.slope * (u.offset - u.slope * (w / 2) - h / 2)) / (1 - v.slope * u.slope);
  const y = u.offset + u.slope * (x - w / 2);
  return [x, y];
}
