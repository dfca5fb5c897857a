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
});
