import { describe, expect, it } from "vitest";
import { CARD_ASPECT, shapeRatio } from "./card-geometry";
import { findCardBorder, type GradientMap } from "./card-border";

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Gradients of a region `w`×`h` holding a bright rectangle `card` (its edges one pixel wide) and stray lines. */
function gradientsOf(w: number, h: number, card: Rect, stray: { x?: number[]; y?: number[] } = {}): GradientMap {
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inY = y >= card.top && y <= card.bottom;
      const inX = x >= card.left && x <= card.right;
      if (inY && (x === card.left || x === card.right)) gx[y * w + x] = 100;
      if (inX && (y === card.top || y === card.bottom)) gy[y * w + x] = 100;
      if (stray.x?.includes(x)) gx[y * w + x] = 40;
      if (stray.y?.includes(y)) gy[y * w + x] = 40;
    }
  }
  return { gx, gy, width: w, height: h };
}

const near = (quad: number[][], card: Rect) =>
  quad.every(([x, y], i) => {
    const [ex, ey] = [[card.left, card.top], [card.right, card.top], [card.right, card.bottom], [card.left, card.bottom]][i];
    return Math.abs(x - ex) <= 1 && Math.abs(y - ey) <= 1;
  });

describe("findCardBorder", () => {
  it.each<[string, number, number, Rect, { x?: number[]; y?: number[] }]>([
    ["a card inside a margin", 300, 400, { left: 20, top: 18, right: 276, bottom: 375 }, {}],
    ["a card with an art frame inside it", 300, 400, { left: 20, top: 18, right: 276, bottom: 375 }, { x: [32, 264], y: [30] }],
    ["a card touching the frame's left and top", 280, 380, { left: 0, top: 0, right: 263, bottom: 367 }, {}],
  ])("%s: the card's own border", (_, w, h, card, stray) => {
    const quad = findCardBorder(gradientsOf(w, h, card, stray));
    expect(quad).not.toBeNull();
    expect(near(quad!, card)).toBe(true);
    expect(Math.abs(shapeRatio(quad!) - CARD_ASPECT)).toBeLessThanOrEqual(0.02);
  });

  it.each<[string, number, number, Rect]>([
    ["a square, not a card", 300, 300, { left: 20, top: 20, right: 280, bottom: 280 }],
    ["a card too small for the region", 600, 800, { left: 250, top: 330, right: 350, bottom: 470 }],
  ])("%s: no border", (_, w, h, card) => {
    expect(findCardBorder(gradientsOf(w, h, card))).toBeNull();
  });

  it("without the region's own sides, a card running off the region has no border", () => {
    const map = gradientsOf(280, 380, { left: -8, top: 6, right: 263, bottom: 373 });
    expect(findCardBorder(map)).not.toBeNull();
    expect(findCardBorder(map, { regionEdges: false })).toBeNull();
  });

  it("a side that barely stands out (a thin edge against clear plastic) is a candidate only with a lower peak", () => {
    const card = { left: 20, top: 18, right: 276, bottom: 375 };
    const map = gradientsOf(300, 400, card);
    // Texture over the right band (the holder, the table behind it) and a faint right edge.
    for (let y = 0; y < 400; y++) for (let x = 240; x < 300; x++) map.gx[y * 300 + x] = x === card.right ? 40 : 18 + ((x * 7 + y * 3) % 5);
    expect(findCardBorder(map, { regionEdges: false })).toBeNull();
    const quad = findCardBorder(map, { regionEdges: false, peak: 1.3 });
    expect(quad && near(quad, card)).toBe(true);
  });

  it("the shape is checked where the region maps in the image, when it is not a similar copy", () => {
    const card = { left: 20, top: 18, right: 276, bottom: 375 };
    const map = gradientsOf(300, 400, card);
    expect(findCardBorder(map)).not.toBeNull();
    // The region was straightened from a quad twice as wide as tall: in the image, this border is no card.
    expect(findCardBorder(map, { toImage: ([x, y]) => [2 * x, y / 1.5] })).toBeNull();
  });

  it("lines next to the region's sides are left out with an inset (a straightened region's smeared edge)", () => {
    const card = { left: 20, top: 18, right: 260, bottom: 353 };
    const map = gradientsOf(280, 391, card);
    const smear = { left: 1, top: 1, right: 278, bottom: 389 };
    const smeared = gradientsOf(280, 391, smear);
    for (let i = 0; i < map.gx.length; i++) {
      map.gx[i] = Math.max(map.gx[i], 2 * smeared.gx[i]);
      map.gy[i] = Math.max(map.gy[i], 2 * smeared.gy[i]);
    }
    expect(near(findCardBorder(map, { regionEdges: false })!, smear)).toBe(true);
    expect(near(findCardBorder(map, { regionEdges: false, inset: 3 })!, card)).toBe(true);
  });
});
