import type { Point } from "@poke-ventory/contracts";
import { CARD_ASPECT, polygonArea, quadSides, shapeRatio } from "./card-geometry";
import { centre, insideQuad } from "./card-layout";
import { DETECTION } from "./parameters";

const portrait = (quad: readonly Point[]) => {
  const { horizontal, vertical } = quadSides(quad);
  return vertical >= horizontal;
};

/** True when every corner of `inner` lies inside `outer` (grown by `slack` of its size about its centre). */
export function holds(outer: readonly Point[], inner: readonly Point[], slack = 0.02): boolean {
  const [cx, cy] = centre(outer);
  const grown = outer.map(([x, y]): Point => [cx + (x - cx) * (1 + slack), cy + (y - cy) * (1 + slack)]);
  return inner.every((p) => insideQuad(p, grown));
}

/**
 * Of two card-shaped outlines, `outer` holding `inner`, the one that is the card. A card in a sleeve or a toploader
 * fills most of its holder, faces the same way and is shaped more like a card (63:88) than its holder: the inner one
 * is the card (the holder's edge never wins). Most of a card (all but its footer, cut by a glare) is shaped less
 * like one than the card's sleeve: the outer one is then the card. A panel
 * of a card (its art window, its text box, its upper or lower half, which is card-shaped turned a quarter) fills
 * at most about half of it, or faces the other way: the outer one is the card.
 */
export function wholeCardOf(outer: readonly Point[], inner: readonly Point[]): "outer" | "inner" {
  const fill = polygonArea(inner) / polygonArea(outer);
  const offCard = (q: readonly Point[]) => Math.abs(shapeRatio(q) - CARD_ASPECT);
  return portrait(inner) === portrait(outer) && fill >= DETECTION.holderFill && offCard(inner) <= offCard(outer) ? "inner" : "outer";
}

/**
 * The card among card-shaped quads found in a photo, the largest first: the largest, unless it holds a card-shaped
 * quad that is the card in it ({@link wholeCardOf}: a card in a sleeve in a toploader goes in twice) and the ring
 * between them is `seeThrough` (clear plastic shows what lies around it; a card's own printed border, framing its
 * inner frame much as a sleeve frames a card, does not). Quads of nearly the same outline (found again in another
 * edge map) do not count as held.
 */
export function cardAmong(quads: readonly Point[][], seeThrough: (outer: Point[], inner: Point[]) => boolean = () => true): Point[] | null {
  const sorted = [...quads].sort((a, b) => polygonArea(b) - polygonArea(a));
  let card = sorted[0];
  if (!card) return null;
  for (;;) {
    const area = polygonArea(card);
    const held = sorted.find(
      (q) => polygonArea(q) < DETECTION.sameOutline * area && insideQuad(centre(q), card) && holds(card, q) && wholeCardOf(card, q) === "inner" && seeThrough(card, q),
    );
    if (!held) return card;
    card = held;
  }
}

/** A panel found firmly may run a little past a card's outline found loosely (its corners rounded, broken): this share of its size. */
const PANEL_SLACK = 0.1;

/** True when `outline` holds `panel` as a card holds its panel: larger, holding it, at most `panelShare` times larger. */
const holdsAsPanel = (outline: readonly Point[], panel: readonly Point[]) =>
  polygonArea(outline) > polygonArea(panel) &&
  polygonArea(outline) * DETECTION.panelShare <= polygonArea(panel) &&
  holds(outline, panel, PANEL_SLACK) &&
  wholeCardOf(outline, panel) === "outer";

/**
 * The card holding `panel` among outlines found with less confidence (a contour that only partly fills its quad: the
 * card's edge in a sleeve on a speckled counter, broken by specks and glare): the smallest one that holds it as a
 * card holds its panel ({@link wholeCardOf}) and is at most {@link DETECTION}'s `panelShare` times larger (a panel is
 * no smaller than that share of its card; a larger outline is the table's). Null when none does: `panel` is the card.
 */
export function cardHolding(panel: readonly Point[], outlines: readonly Point[][]): Point[] | null {
  return outlinesHolding([panel], outlines)[0] ?? null;
}

/**
 * The outlines holding every one of `panels` as a card holds its panels (as {@link cardHolding}), smallest first:
 * the card's own and, when the smallest is an inner frame (all but the name line), the card's beyond it; for a page
 * of two, the one card whose upper and lower halves (each card-shaped turned a quarter) were taken for two cards.
 */
export function outlinesHolding(panels: readonly (readonly Point[])[], outlines: readonly Point[][]): Point[][] {
  return outlines.filter((q) => panels.every((p) => holdsAsPanel(q, p))).sort((a, b) => polygonArea(a) - polygonArea(b));
}
