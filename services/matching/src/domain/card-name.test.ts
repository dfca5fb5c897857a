import { describe, expect, it } from "vitest";
import { canonicalCardName, cardNameKey, nameSimilarity, normalizeCardName, splitCardName } from "./card-name";

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
    ["Noadkoko d'Alola-ex", "noadkoko dalola", "ex"],
    ["Team Magma's Groudon-EX", "team magmas groudon", "ex"],
    ["Groudon-EX de la Team Magma", "groudon de la team magma", "ex"],
    ["Mewtwo-GX de Team Rocket", "mewtwo de team rocket", "gx"],
    ["Radiant Greninja", "greninja", "radiant"],
    ["Amphinobi Radieux", "amphinobi", "radiant"],
    // Read with a letter lost or wrong (a photo turned 90° read `Radiat Alaicddäh`), first or last.
    ["Radiat Alakazam", "alakazam", "radiant"],
    ["Alakazam Radleux", "alakazam", "radiant"],
    ["Radiantt Greninja", "greninja", "radiant"],
    // Two letters off, or alone, it is no mechanic.
    ["Radat Alakazam", "radat alakazam", null],
    ["Radiat", "radiat", null],
    ["Dracaufeu VMAX", "dracaufeu", "vmax"],
    ["Lucario LV.X", "lucario", "lv x"],
    ["Pikachu V-UNION", "pikachu", "v union"],
    ["Latias ☆", "latias", "star"],
    ["Star Piece", "star piece", null],
    ["V", "v", null],
  ])("%s → %s + %s", (raw, base, suffix) => expect(splitCardName(raw)).toEqual({ base, suffix }));

  it("gives one canonical spelling for both languages' suffixes", () => {
    expect(canonicalCardName("Radiant Charizard")).toBe(canonicalCardName("charizard RADIANT"));
    expect(canonicalCardName("Charizard-EX")).toBe("charizard ex");
  });
});

describe("cardNameKey", () => {
  it.each([
    ["A1o1an Exeggutor ex", "Alolan Exeggutor ex"],
    ["PIKACHU", "pikachu"],
    ["Dracaufeu-EX", "DRACAUFEU EX"],
    ["Rhyd0n", "Rhydon"],
    ["5carlet Bag", "Scarlet Bag"],
    ["Bu1basaur", "Bulbasaur"],
    ["8lastoise", "Blastoise"],
    ["Pingoleon", "Pingoléon"],
    ["Groudon-EX de la Team Magma", "Groudon EX de la Team Magma"],
  ])("%s and %s share a key", (a, b) => expect(cardNameKey(a)).toBe(cardNameKey(b)));

  it("keeps different names apart", () => {
    expect(cardNameKey("Pikachu V")).not.toBe(cardNameKey("Pikachu VMAX"));
    expect(cardNameKey("Radiant Charizard")).not.toBe(cardNameKey("Charizard"));
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
    ["alolanexeggutor ex", "alolan exeggutor ex", 0.9, 1],
  ])("%s ~ %s in [%s, %s]", (a, b, min, max) => {
    const s = nameSimilarity(a, b);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });

  it("reports 0 below a floor only when the name is certainly that far", () => {
    expect(nameSimilarity("mew", "professors research", 0.4)).toBe(0);
    expect(nameSimilarity("mew", "professors research")).toBeGreaterThan(0);
    expect(nameSimilarity("charizrd", "charizard", 0.4)).toBe(nameSimilarity("charizrd", "charizard"));
    expect(nameSimilarity("alolan exeggu", "alolan exeggutor ex", 0.4)).toBe(nameSimilarity("alolan exeggu", "alolan exeggutor ex"));
  });
});
