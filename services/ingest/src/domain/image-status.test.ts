import type { ImageStatus } from "@poke-ventory/contracts";
import { describe, expect, it } from "vitest";
import { nextImageStatus, type ImageOutcome } from "./image-status";

describe("nextImageStatus", () => {
  it.each<[ImageStatus, ImageOutcome, ImageStatus | null]>([
    ["stored", "analysed", "analysed"],
    ["failed", "analysed", "analysed"],
    ["analysed", "analysed", null],
    ["archived", "analysed", null],
    ["expired", "analysed", null],
    ["stored", "failed", "failed"],
    ["failed", "failed", null],
    ["analysed", "failed", null],
    ["archived", "failed", null],
    ["expired", "failed", null],
    ["stored", "expired", "expired"],
    ["analysed", "expired", "expired"],
    ["failed", "expired", "expired"],
    ["archived", "expired", "expired"],
    ["expired", "expired", null],
  ])("%s + %s → %s", (current, outcome, expected) => {
    expect(nextImageStatus(current, outcome)).toBe(expected);
  });
});
