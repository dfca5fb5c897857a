import { describe, expect, it } from "vitest";
import { exceedsPixelLimit, maxUploadBytes } from "./upload-limits";

describe("maxUploadBytes", () => {
  it.each([
    [25, 26_214_400],
    [1, 1_048_576],
    [0.5, 524_288],
  ])("%s MB → %s bytes", (mb, bytes) => {
    expect(maxUploadBytes(mb)).toBe(bytes);
  });
});

describe("exceedsPixelLimit", () => {
  it.each([
    [6000, 10000, 60_000_000, false],
    [6001, 10000, 60_000_000, true],
    [1, 1, 1, false],
    [2, 1, 1, true],
  ])("%s×%s with cap %s → %s", (w, h, max, expected) => {
    expect(exceedsPixelLimit(w, h, max)).toBe(expected);
  });
});
