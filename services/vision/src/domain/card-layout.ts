import type { Point } from "@poke-ventory/contracts";
import { polygonArea, quadSides } from "./card-geometry";
import { DETECTION } from "./parameters";

/** Grid position of a card on a page of cards. */
export interface GridPosition {
  row: number;
  col: number;
}

/** Cards on one page are printed alike: a quad smaller than this fraction of the largest is not one of them. */
const SAME_SIZE = DETECTION.sameSize;

export const centre = (quad: readonly Point[]): Point => [quad.reduce((s, p) => s + p[0], 0) / quad.length, quad.reduce((s, p) => s + p[1], 0) / quad.length];

/** True when `p` lies inside the convex quad (either winding). */
export function insideQuad(p: Point, quad: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < quad.length; i++) {
    const [ax, ay] = quad[i];
    const [bx, by] = quad[(i + 1) % quad.length];
    const cross = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

const portrait = (quad: readonly Point[]) => {
  const { horizontal, vertical } = quadSides(quad);
  return vertical >= horizontal;
};

/**
 * A quad holding the centres of two or more card-sized quads far apart from each other is a group of cards (a row
 * of pockets, a 2×2 block has a card's shape too), not a card.
 */
function isGroup(quad: readonly Point[], all: readonly Point[][]): boolean {
  const area = polygonArea(quad);
  const inner = all.filter((q) => q !== quad && polygonArea(q) >= 0.1 * area && polygonArea(q) <= 0.6 * area && insideQuad(centre(q), quad));
  for (let i = 0; i < inner.length; i++) {
    for (let j = i + 1; j < inner.length; j++) {
      if (!insideQuad(centre(inner[j]), inner[i]) && !insideQuad(centre(inner[i]), inner[j])) return true;
    }
  }
  return false;
}

/**
 * The cards among card-shaped quads: groups of cards dropped, then largest first, a quad kept only when it neither
 * holds nor sits in the centre of one already kept (a sleeve and its card, a card and its art window count once),
 * and only quads of about the largest one's size and orientation.
 */
export function distinctCards(quads: readonly Point[][]): Point[][] {
  const singles = quads.filter((q) => !isGroup(q, quads));
  const sorted = [...singles].sort((a, b) => polygonArea(b) - polygonArea(a));
  const kept: Point[][] = [];
  for (const quad of sorted) {
    if (kept.some((k) => insideQuad(centre(quad), k) || insideQuad(centre(k), quad))) continue;
    kept.push(quad);
  }
  if (kept.length === 0) return [];
  const [largest] = kept;
  return kept.filter((q) => polygonArea(q) >= SAME_SIZE * polygonArea(largest) && portrait(q) === portrait(largest));
}

/** Groups sorted values into clusters whose consecutive members are closer than `gap`; returns each value's cluster. */
function clusterIndex(values: number[], gap: number): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const result = new Array<number>(values.length);
  let cluster = 0;
  order.forEach(({ v, i }, k) => {
    if (k > 0 && v - order[k - 1].v > gap) cluster++;
    result[i] = cluster;
  });
  return result;
}

/**
 * Orders the cards of a page in reading order (row, then column) and gives each its grid position; rows and
 * columns are clusters of card centres, so an empty pocket leaves a gap in the numbering of its row or column.
 */
export function gridOrder(quads: readonly Point[][]): { quad: Point[]; position: GridPosition }[] {
  if (quads.length === 0) return [];
  const sides = quads.map(quadSides);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const width = median(sides.map((s) => Math.min(s.horizontal, s.vertical)));
  const height = median(sides.map((s) => Math.max(s.horizontal, s.vertical)));
  const centres = quads.map(centre);
  const rows = clusterIndex(centres.map((c) => c[1]), height / 2);
  const cols = clusterIndex(centres.map((c) => c[0]), width / 2);
  return quads
    .map((quad, i) => ({ quad: [...quad], position: { row: rows[i], col: cols[i] } }))
    .sort((a, b) => a.position.row - b.position.row || a.position.col - b.position.col);
}
