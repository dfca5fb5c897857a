import { describe, expect, it } from "vitest";
import { canonicalCardName, nameSimilarity, normalizeCardName, splitCardName } from "./card-name";

describe("normalizeCardName", () => {
  it.each([
    ["Pikachu", "pikachu"],
    ["Dracaufeu-ex", "dracaufeu ex"],
    ["Pingoléon", "pingoleon"],
    ["Méga-Amphinobi-ex", "mega amphinobi ex"],
    ["Farfetch'd", "farfetchd"],
    ["Mr. Mime", "mr mime"],
    ["Noadkoko d'Alola-ex", "noadkoko dalola ex"],
    ["Charizard ★", "charizard star"],
    ["  PIKACHU   VMAX ", "pikachu vmax"],
  ])("%s → %s", (raw, expected) => expect(normalizeCardName(raw)).toBe(expected));
});

describe("splitCardName", () => {
  it.each([
    ["Charizard ex", "charizard", "ex"],
    ["Charizard-EX", "charizard", "ex"],
    ["Mewtwo-GX", "mewtwo", "gx"],
    ["Pikachu V", "pikachu", "v"],
    ["Pikachu VMAX", "pikachu", "vmax"],
    ["Arceus VSTAR", "arceus", "vstar"],
    ["Greninja BREAK", "greninja", "break"],
    ["Radiant Charizard", "charizard", "radiant"],
    ["Dracaufeu Radieux", "dracaufeu", "radiant"],
    ["Dracaufeu-ex", "dracaufeu", "ex"],
    ["Professor's Research", "professors research", null],
  ])("%s → %s + %s", (raw, base, suffix) => expect(splitCardName(raw)).toEqual({ base, suffix }));

  it("gives one canonical spelling for both languages' suffixes", () => {
    expect(canonicalCardName("Radiant Charizard")).toBe(canonicalCardName("charizard RADIANT"));
    expect(canonicalCardName("Charizard-EX")).toBe("charizard ex");
  });
});

describe("nameSimilarity", () => {
  it.each([
    ["pikachu", "pikachu", 1, 1],
    ["charizrd", "charizard", 0.85, 0.95],
    ["alolan exegutor ex", "alolan exeggutor ex", 0.9, 1],
    ["alolan exeggu", "alolan exeggutor ex", 0.6, 0.95],
    ["pikachu", "bulbasaur", 0, 0.3],
    ["", "pikachu", 0, 0],
  ])("%s ~ %s in [%s, %s]", (a, b, min, max) => {
    const s = nameSimilarity(a, b);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });
});
