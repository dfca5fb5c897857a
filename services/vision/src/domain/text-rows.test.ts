import { describe, expect, it } from "vitest";
import { textRows, type PlacedText } from "./text-rows";

const piece = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 0.9): PlacedText => ({ text, confidence, box: { x0, y0, x1, y1 } });

describe("textRows", () => {
  it("joins the words of one printed line, left to right, whatever order they were read in", () => {
    // Read sparsely over a holo footer: `182`, `/` and `203` come as lines of their own.
    const rows = textRows([piece("203", 150, 42, 200, 80), piece("182", 60, 40, 110, 78, 0.8), piece("/", 115, 38, 140, 82, 0.6)]);
    expect(rows).toEqual([{ text: "182 / 203", confidence: 0.6 }]);
  });

  it("keeps lines one above the other apart, top first", () => {
    const rows = textRows([piece("your opponent", 300, 10, 500, 40), piece("182/203", 40, 60, 140, 95)]);
    expect(rows.map((r) => r.text)).toEqual(["your opponent", "182/203"]);
  });

  it("does not join a tall piece to a small one beside it that lies at its edge", () => {
    // The symbol's box spans both rows; the small words above and below its middle stay apart.
    const rows = textRows([piece("E", 0, 0, 30, 100), piece("a", 40, 0, 60, 20), piece("b", 40, 80, 60, 100)]);
    expect(rows.map((r) => r.text).sort()).toEqual(["E", "a", "b"]);
  });

  it("gives no rows for no text", () => {
    expect(textRows([])).toEqual([]);
  });
});
