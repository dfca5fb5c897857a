import { describe, expect, it } from "vitest";
import { parseStrictNumber } from "./parse-strict-number";

// Lines read as sparse text over the bottom band of scans, photos and binder cells.
describe("parseStrictNumber", () => {
  it.each([
    ["795/165;", "795/165"],
    ["(MEW EN 195/165; x", "195/165"],
    ["GG10/GG70", "GG10/GG70"],
    ["F5 Q swsh182 ☆", "SWSH182"],
    ["0/GG7O", null],
    ["(1223728 /127", null],
    ["[nagimisols 15/3", null],
    ["AC ILE 2037165204", null],
    ["GG10/TG30", null],
    // Its words read apart and put back in a row.
    ["Pas 1e 182 / 203", "182/203"],
  ])("%j → %j", (line, expected) => {
    expect(parseStrictNumber(line)).toBe(expected);
  });
});
