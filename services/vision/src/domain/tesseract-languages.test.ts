import { describe, expect, it } from "vitest";
import { tesseractLanguages } from "./tesseract-languages";

describe("tesseractLanguages", () => {
  it.each([
    [["fr", "en"], ["fra", "eng"]],
    [["en"], ["eng"]],
    [["EN", "eng", "fra"], ["eng", "fra"]],
  ])("%j → %j", (input, expected) => {
    expect(tesseractLanguages(input)).toEqual(expected);
  });

  it.each([[["de"]], [[]], [["fr", "jp"]]])("rejects %j", (input) => {
    expect(() => tesseractLanguages(input)).toThrow();
  });
});
