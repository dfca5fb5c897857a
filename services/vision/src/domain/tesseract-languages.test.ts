import { describe, expect, it } from "vitest";
import { codeLanguage, tesseractLanguages } from "./tesseract-languages";

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

describe("codeLanguage", () => {
  it.each([
    [["fra", "eng"], "fra"],
    [["eng", "fra"], "eng"],
    [["eng"], "eng"],
  ])("%j → %j", (languages, expected) => {
    expect(codeLanguage(languages)).toBe(expected);
  });
});
