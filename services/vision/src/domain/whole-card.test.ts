import type { Point } from "@poke-ventory/contracts";
import { describe, expect, it } from "vitest";
import { cardAmong, cardHolding, holds, outlinesHolding, wholeCardOf } from "./whole-card";

/** An axis-aligned quad, top-left first. */
const rect = (left: number, top: number, width: number, height: number): Point[] => [
  [left, top], [left + width, top], [left + width, top + height], [left, top + height],
];

// A card 630 × 880 at (100, 100), and what lies around and inside it.
const card = rect(100, 100, 630, 880);
const sleeve = rect(85, 85, 660, 910);
const toploader = rect(40, 40, 762, 1016);
const artWindow = rect(140, 190, 550, 380);
const upperHalf = rect(100, 100, 630, 440); // card-shaped turned a quarter (0.70)
const lowerHalf = rect(100, 540, 630, 440);
const smallArt = rect(150, 200, 300, 420); // portrait and card-shaped, but a third of the card

describe("wholeCardOf", () => {
  it.each([
    ["a card in its sleeve", sleeve, card, "inner"],
    ["a card in a toploader", toploader, card, "inner"],
    ["the card and its art window", card, artWindow, "outer"],
    ["the card and its upper half (turned a quarter)", card, upperHalf, "outer"],
    ["the card and its lower half", card, lowerHalf, "outer"],
    ["the card and a portrait panel a third of it", card, smallArt, "outer"],
    ["a sleeve and all of the card but its footer (shaped less like a card)", sleeve, rect(100, 100, 630, 800), "outer"],
  ])("%s: the %s one is the card", (_, outer, inner, expected) => {
    expect(holds(outer, inner)).toBe(true);
    expect(wholeCardOf(outer, inner)).toBe(expected);
  });
});

describe("cardAmong", () => {
  it.each([
    ["the card alone", [card], card],
    ["a toploader, a sleeve and the card in them", [toploader, sleeve, card], card],
    ["a sleeve and the card, with the card's art window and halves", [upperHalf, sleeve, artWindow, card, lowerHalf], card],
    ["the card found twice (nearly the same outline)", [rect(100, 100, 630, 880), rect(102, 101, 627, 878)], rect(100, 100, 630, 880)],
    ["a panel alone", [upperHalf], upperHalf],
  ])("%s", (_, quads, expected) => {
    expect(cardAmong(quads)).toEqual(expected);
  });

  it("keeps the card when the ring inside it is not see-through (its printed border around its inner frame)", () => {
    const innerFrame = rect(130, 130, 570, 820);
    expect(cardAmong([card, innerFrame], () => false)).toEqual(card);
    expect(cardAmong([sleeve, card], (outer) => outer !== sleeve)).toEqual(sleeve);
  });

  it("keeps the largest when a held quad sits apart from its middle (not inside)", () => {
    const apart = rect(600, 800, 400, 560);
    expect(cardAmong([toploader, apart])).toEqual(toploader);
  });

  it("is null with no quad", () => {
    expect(cardAmong([])).toBeNull();
  });
});

describe("cardHolding", () => {
  const table = rect(0, 0, 1600, 1200);
  // The card's outline found loosely: its top-left corner cut by a break, so a panel's corner runs a little past it.
  const broken: Point[] = [[112, 118], [730, 100], [730, 980], [100, 980]];
  it.each([
    ["the upper half, the card's outline found loosely around it", upperHalf, [broken, table], broken],
    ["the art window, in the card and its sleeve found loosely", artWindow, [sleeve, card], card],
    ["the card itself, its sleeve found loosely (a holder, not a card holding a panel)", card, [sleeve], null],
    ["the card itself, in a toploader found loosely", card, [toploader], null],
    ["a panel with only the table around it (far larger than a card holding it)", smallArt, [table], null],
    ["a panel and nothing found loosely", upperHalf, [], null],
  ])("%s", (_, panel, outlines, expected) => {
    expect(cardHolding(panel, outlines)).toEqual(expected);
  });
});

describe("outlinesHolding", () => {
  const innerFrame = rect(115, 170, 600, 790); // all of the card but its name line
  const pageOfTwo = rect(40, 40, 1400, 1000);
  const rightCard = rect(750, 100, 630, 880);
  it.each([
    ["a card's two halves taken for a page of two: the card first, then its sleeve", [upperHalf, lowerHalf], [sleeve, pageOfTwo, card], [card, sleeve]],
    // Card-shaped too: geometry alone cannot tell it from one card, reading does (it is read only if neither card reads).
    ["two cards side by side: only the outline around both (their sleeves hold one each)", [card, rightCard], [sleeve, pageOfTwo], [pageOfTwo]],
    ["a panel far smaller than every outline around it (the table's)", [smallArt], [pageOfTwo], []],
    ["the art window: the card's inner frame first, then the card beyond it", [artWindow], [card, innerFrame], [innerFrame, card]],
    ["no outline", [upperHalf, lowerHalf], [], []],
  ])("%s", (_, panels, outlines, expected) => {
    expect(outlinesHolding(panels, outlines)).toEqual(expected);
  });
});
