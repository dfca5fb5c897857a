import { describe, expect, it } from "vitest";
import type { Point } from "@poke-ventory/contracts";
import { distinctCards, gridOrder, insideQuad } from "./card-layout";

const rect = (x: number, y: number, w: number, h: number): Point[] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
const card = (x: number, y: number, scale = 1) => rect(x, y, 63 * scale, 88 * scale);

describe("insideQuad", () => {
  it.each([
    [[5, 5], rect(0, 0, 10, 10), true],
    [[15, 5], rect(0, 0, 10, 10), false],
    [[5, 5], [...rect(0, 0, 10, 10)].reverse(), true],
  ] as [Point, Point[], boolean][])("%j in %j → %s", (p, quad, expected) => {
    expect(insideQuad(p, quad)).toBe(expected);
  });
});

describe("distinctCards", () => {
  it.each([
    ["one card", [card(0, 0)], 1],
    ["a card and its art window (inside it) count once", [card(0, 0, 2), card(20, 30)], 1],
    ["a sleeve and the card in it count once", [card(0, 0, 2.1), card(3, 4, 2)], 1],
    ["a 2×2 page: four cards, the block of four (a card's shape too) is not one", [card(0, 0), card(70, 0), card(0, 95), card(70, 95), card(0, 0, 2.12)], 4],
    ["a speck far smaller than the cards is not a card", [card(0, 0), card(70, 0), card(200, 200, 0.3)], 2],
    ["nothing", [], 0],
  ] as [string, Point[][], number][])("%s", (_, quads, count) => {
    expect(distinctCards(quads)).toHaveLength(count);
  });
});

describe("gridOrder", () => {
  it("orders a page row by row and gives positions; an empty pocket leaves its cell out", () => {
    // A 3×3 page photographed slightly tilted, given in scrambled order, the centre pocket empty.
    const cells = [[2, 1], [0, 0], [1, 2], [0, 2], [2, 0], [1, 0], [0, 1], [2, 2]];
    const quads = cells.map(([row, col]) => card(col * 70 + row * 3, row * 95 + col * 4));
    const ordered = gridOrder(quads).map((c) => c.position);
    expect(ordered).toEqual([
      { row: 0, col: 0 }, { row: 0, col: 1 }, { row: 0, col: 2 },
      { row: 1, col: 0 }, { row: 1, col: 2 },
      { row: 2, col: 0 }, { row: 2, col: 1 }, { row: 2, col: 2 },
    ]);
  });
});
