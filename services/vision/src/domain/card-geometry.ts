import type { Point } from "@poke-ventory/contracts";
import { DETECTION } from "./parameters";

export type Rotation = 0 | 90 | 180 | 270;

/** A Pokémon card is 63 × 88 mm: width / height when upright. */
export const CARD_ASPECT = 63 / 88;

/** Every card is warped to this upright size before it is read. */
export const CANONICAL_CARD = { width: 734, height: 1024 } as const;

const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * Orders four corners as top-left, top-right, bottom-right, bottom-left (image coordinates, y down):
 * clockwise around their centre, starting from the corner nearest the image's top-left.
 */
export function orderCorners(points: readonly Point[]): Point[] {
  if (points.length !== 4) throw new Error(`a quad has 4 corners, got ${points.length}`);
  const cx = points.reduce((s, p) => s + p[0], 0) / 4;
  const cy = points.reduce((s, p) => s + p[1], 0) / 4;
  const clockwise = [...points].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
  let start = 0;
  clockwise.forEach((p, i) => {
    const best = clockwise[start];
    if (p[0] + p[1] < best[0] + best[1] || (p[0] + p[1] === best[0] + best[1] && p[1] < best[1])) start = i;
  });
  return [...clockwise.slice(start), ...clockwise.slice(0, start)].map((p) => [p[0], p[1]] as Point);
}

/** Area of a simple polygon (shoelace). */
export function polygonArea(points: readonly Point[]): number {
  let sum = 0;
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length];
    sum += p[0] * q[1] - q[0] * p[1];
  });
  return Math.abs(sum) / 2;
}

/** Mean lengths of the horizontal (top, bottom) and vertical (left, right) sides of an ordered quad. */
export function quadSides(quad: readonly Point[]): { horizontal: number; vertical: number } {
  const [tl, tr, br, bl] = quad;
  return { horizontal: (dist(tl, tr) + dist(bl, br)) / 2, vertical: (dist(tl, bl) + dist(tr, br)) / 2 };
}

/** Short side over long side, whatever the orientation: 63/88 ≈ 0.716 for a card seen straight on. */
export function shapeRatio(quad: readonly Point[]): number {
  const { horizontal, vertical } = quadSides(quad);
  return Math.min(horizontal, vertical) / Math.max(horizontal, vertical);
}

/** True when `ratio` (short/long) is within `tolerance` of a card's. */
export function isCardRatio(ratio: number, tolerance: number = DETECTION.aspectTolerance): boolean {
  return Math.abs(ratio - CARD_ASPECT) <= tolerance;
}

/**
 * True when every side of an ordered quad runs within `tolerance` radians of the image's axes: a card lying square
 * to the frame (a scan, a crop), not one seen in perspective or turned.
 */
export function isSquareOn(quad: readonly Point[], tolerance: number = DETECTION.squareOn): boolean {
  return quad.every((p, i) => {
    const q = quad[(i + 1) % 4];
    const dx = Math.abs(q[0] - p[0]);
    const dy = Math.abs(q[1] - p[1]);
    return Math.atan2(Math.min(dx, dy), Math.max(dx, dy)) <= tolerance;
  });
}

/** Rotations to try for a quad, most likely first: a landscape quad holds a card turned a quarter. */
export function orientationCandidates(quad: readonly Point[]): [Rotation, Rotation] {
  const { horizontal, vertical } = quadSides(quad);
  return horizontal > vertical ? [90, 270] : [0, 180];
}

/**
 * The card's own corners (its top-left first) for an ordered image quad holding a card turned clockwise by
 * `rotation`: warping these onto an upright rectangle gives the card upright.
 */
export function cardCorners(quad: readonly Point[], rotation: Rotation): Point[] {
  const shift = rotation / 90;
  return quad.map((_, i) => quad[(i + shift) % 4]);
}

/** The whole image as an ordered quad (a flat scan that fills the frame). */
export function frameQuad(width: number, height: number): Point[] {
  return [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
}
