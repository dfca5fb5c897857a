import { describe, expect, it } from "vitest";
import { glyphWords, type PixelRect } from "./glyph-words";

const box = (left: number, top: number, width: number, height: number): PixelRect => ({ left, top, width, height });

describe("glyphWords", () => {
  it("chains a collector number's glyphs into one word, and leaves a lone symbol out", () => {
    // The dark glyphs found in a photo's bottom band (`095/203`, its `9` shorter), with the rarity star apart.
    const glyphs = [box(184, 31, 8, 12), box(125, 30, 8, 12), box(136, 32, 7, 8), box(146, 31, 8, 11), box(162, 31, 8, 12), box(173, 31, 9, 12), box(228, 0, 17, 18)];
    expect(glyphWords(glyphs)).toEqual([box(125, 30, 67, 13)]);
  });

  it("keeps two lines one above the other apart, each a word", () => {
    const line = (top: number) => [0, 12, 24, 36].map((left) => box(left, top, 9, 12));
    expect(glyphWords([...line(40), ...line(0)])).toEqual([box(0, 0, 45, 12), box(0, 40, 45, 12)]);
  });

  it("does not chain glyphs far apart, nor a blob much taller than its neighbours", () => {
    expect(glyphWords([box(0, 0, 9, 12), box(40, 0, 9, 12), box(80, 0, 9, 12)])).toEqual([]);
    expect(glyphWords([box(0, 0, 9, 12), box(12, 0, 9, 12), box(24, -10, 20, 30)])).toEqual([]);
  });

  it("gives no word for fewer glyphs than a number has", () => {
    expect(glyphWords([box(0, 0, 9, 12), box(12, 0, 9, 12)])).toEqual([]);
    expect(glyphWords([])).toEqual([]);
  });
});
