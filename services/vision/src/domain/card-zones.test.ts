import { describe, expect, it } from "vitest";
import { FOOTER_BAND, FOOTER_NUMBER_CHECK, inFooterBand, NUMBER_BANDS, NUMBER_PASSES, NUMBER_STRIPS, printLies, TEXT_LAYOUT, type CardZone } from "./card-zones";

/** Where a zone of the footer band lies on the card, as a fraction of the card's height. */
const onCard = (top: number) => FOOTER_BAND.top + top * (1 - FOOTER_BAND.top);

describe("inFooterBand", () => {
  it.each<[string, CardZone]>([
    ["first number strip", NUMBER_STRIPS[0]],
    ["last number strip", NUMBER_STRIPS[2]],
    ["right number band", NUMBER_BANDS[1]],
  ])("%s covers the same part of the card, at the band's resolution", (_, zone) => {
    const band = inFooterBand(zone);
    expect(onCard(band.area.top)).toBeCloseTo(zone.area.top, 6);
    expect(onCard(band.area.top + band.area.height)).toBeCloseTo(zone.area.top + zone.area.height, 6);
    expect(band.area.left).toBe(zone.area.left);
    expect(band.area.width).toBe(zone.area.width);
    expect(band.scale * FOOTER_BAND.scale).toBeCloseTo(zone.scale, 6);
  });

  it("every number zone lies inside the band", () => {
    for (const zone of [...NUMBER_STRIPS, ...NUMBER_BANDS].map(inFooterBand)) {
      expect(zone.area.top).toBeGreaterThanOrEqual(0);
      expect(zone.area.top + zone.area.height).toBeLessThanOrEqual(1 + 1e-9);
    }
  });
});

describe("FOOTER_NUMBER_CHECK", () => {
  // Read ahead while a slow footer is read, its reading stands for the first pass's first zone too.
  it("is the first number pass's first zone, prepared alike", () => {
    const { zones: [check], ...filter } = FOOTER_NUMBER_CHECK;
    const { zones: [first], ...firstFilter } = NUMBER_PASSES[0];
    expect(FOOTER_NUMBER_CHECK.zones).toHaveLength(1);
    expect(check).toBe(first);
    expect(filter).toEqual(firstFilter);
  });
});

describe("printLies", () => {
  it.each([
    // Glyphs counted in the art band, then the text band, of bench cards warped upright and turned over.
    ["a full art upright (text dense, art plain)", 15, 176, "up"],
    ["a full art upside down", 176, 15, "down"],
    ["a card with little text, upright", 110, 57, "leans down"],
    ["a card with little text, upside down", 56, 109, "up"],
    ["a foil photo upside down (sparkle in the art)", 285, 190, "leans down"],
    ["a foil photo upright", 188, 282, "up"],
    ["nothing found", 0, 0, "up"],
  ])("%s: %i / %i → %s", (_label, art, text, lies) => {
    expect(printLies(art, text)).toBe(lies);
  });
  it("keeps its bands apart, art above text", () => {
    expect(TEXT_LAYOUT.art.top + TEXT_LAYOUT.art.height).toBeLessThanOrEqual(TEXT_LAYOUT.text.top);
  });
});
