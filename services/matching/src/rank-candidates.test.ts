import { describe, expect, it } from "vitest";
import type { CardFeatures } from "@poke-ventory/contracts";
import type { CatalogCard, CatalogSet } from "./domain/catalog";
import { CatalogIndex } from "./catalog-index";
import { rankCandidates } from "./rank-candidates";

const THRESHOLD = 0.82;
const set = (id: string, printedTotal: number, nameEn: string, releaseDate = "2023-01-01"): CatalogSet => ({
  id, nameEn, nameFr: null, series: null, printedTotal, total: printedTotal, releaseDate, ptcgoCode: null, abbreviationFr: null, tcgdexId: null,
});
const card = (setId: string, number: string, nameEn: string, more: Partial<CatalogCard> = {}): CatalogCard => ({
  id: `${setId}-${number}`, setId, number, nameEn, nameFr: null, supertype: "Pokémon", subtypes: [], hp: null, types: [], artist: null,
  rarity: null, regulationMark: null, nationalPokedexNumbers: [], imageSmall: null, imageLarge: null, tcgdexId: null, ...more,
});
const features = (f: Partial<CardFeatures>): CardFeatures => ({
  name: null, hp: null, number: null, printedTotal: null, setCode: null, regulationMark: null, illustrator: null, year: null,
  rawText: "", confidence: 0.9, ...f,
});

const index = new CatalogIndex({
  sets: [
    set("swshp", 307, "SWSH Black Star Promos"),
    set("sv3pt5", 165, "151"),
    set("sv4", 182, "Paradox Rift"),
    set("swsh11tg", 30, "Lost Origin Trainer Gallery", "2022-09-09"),
    set("swsh12tg", 30, "Silver Tempest Trainer Gallery", "2022-11-11"),
  ],
  cards: [
    card("swshp", "SWSH179", "Pikachu V", { hp: 190 }),
    card("swshp", "SWSH017", "Pikachu", { hp: 60 }),
    card("swshp", "SWSH044", "Zacian", { hp: 110 }),
    card("sv3pt5", "2", "Ivysaur", { hp: 90 }),
    card("sv3pt5", "67", "Machoke", { hp: 100 }),
    card("sv3pt5", "124", "Jynx ex", { hp: 200 }),
    card("sv3pt5", "72", "Tentacool", { hp: 60 }),
    card("sv3pt5", "195", "Daisy's Help", { supertype: "Trainer" }),
    card("sv4", "120", "Ace Trainer", { supertype: "Trainer" }),
    card("sv4", "124", "Giovanni's Charisma", { supertype: "Trainer" }),
    card("sv4", "164", "Antique Jaw Fossil", { supertype: "Trainer", hp: 60 }),
    card("swsh11tg", "TG29", "Giratina VSTAR", { hp: 280, artist: "Ryota Murayama" }),
    card("swsh12tg", "TG29", "Lugia VSTAR", { hp: 280, artist: "Ryota Saito" }),
  ],
});
const rank = (f: Partial<CardFeatures>) => rankCandidates(index, features(f), { maxCandidates: 5 });

describe("rankCandidates", () => {
  it.each([
    ["read whole", "SWSH179"],
    ["its W read as SV, a star's corner glued after", "E SVSH17908"],
    ["its W read VW and its 1 as l", "SWVSHl79"],
  ])("finds a promo number in the raw text when none was read as a field (%s)", (_label, raw) => {
    const [top] = rank({ rawText: `Pikachu V\n${raw}`, name: "Pikachu V" });
    expect(top).toMatchObject({ cardId: "swshp-SWSH179" });
    expect(top.reasons).toContain("number_in_text");
    expect(top.score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("offers nothing for debris the catalog holds no number of", () => {
    expect(rank({ rawText: "SWSH999\nE 7 xX" })).toEqual([]);
  });

  it("never proposes a trainer with confidence for an HP read (a Jynx ex read with another card's number)", () => {
    const candidates = rank({ number: "124", printedTotal: "182", hp: 200 });
    expect(candidates.map((c) => c.cardId)).toContain("sv4-124");
    for (const c of candidates.filter((c) => c.cardId === "sv4-124")) expect(c.score).toBeLessThan(THRESHOLD);
  });

  it("takes an HP read on a fossil, a trainer that prints one", () => {
    const [top] = rank({ number: "164", printedTotal: "182", hp: 60, name: "Antique Jaw Fossil" });
    expect(top).toMatchObject({ cardId: "sv4-164" });
    expect(top.score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("never proposes with confidence a card whose name disagrees with the name read, however much else agrees", () => {
    const [top] = rank({ number: "67", printedTotal: "165", hp: 100, name: "Ivysaur" });
    expect(top).toMatchObject({ cardId: "sv3pt5-67" });
    expect(top.score).toBeLessThan(THRESHOLD);
  });

  it("lets debris read on the name band veto nothing (a stage badge and a logo read as a name)", () => {
    const [top] = rank({ number: "67", printedTotal: "165", hp: 100, name: "Bass’ WC." });
    expect(top).toMatchObject({ cardId: "sv3pt5-67" });
    expect(top.score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("takes the card the name says over the one a misread number says (an Ivysaur read with Machoke's number)", () => {
    const [top] = rank({ number: "67", printedTotal: "165", name: "Ivysaur" });
    expect(top).toMatchObject({ cardId: "sv3pt5-2" });
  });

  it("lets the name decide between two sets sharing a number and a total (TG29/TG30)", () => {
    const [top, next] = rank({ number: "TG29", printedTotal: "TG30", name: "Lugia VSTAR" });
    expect(top).toMatchObject({ cardId: "swsh12tg-TG29" });
    expect(top.score).toBeGreaterThanOrEqual(THRESHOLD);
    expect(next?.score ?? 0).toBeLessThan(THRESHOLD);
  });

  it("lets the illustrator decide between two sets sharing a number and a total when the name is not read", () => {
    const [top] = rank({ number: "TG29", printedTotal: "TG30", hp: 280, illustrator: "Ryota Saito" });
    expect(top).toMatchObject({ cardId: "swsh12tg-TG29" });
    expect(top.score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("offers the card a name read with its front cut ends, never with confidence, though its HP agrees", () => {
    const [top, ...rest] = rank({ rawText: "ntacool\nHP60\n7×2", hp: 60 });
    expect(top).toMatchObject({ cardId: "sv3pt5-72" });
    expect(top.reasons).toEqual(["hp", "name_in_text"]);
    expect(top.score).toBeLessThan(THRESHOLD);
    expect(rest).toEqual([]);
  });

  it("offers the card a name read that is no catalog name ends (its first word lost)", () => {
    const [top] = rank({ name: "Help", rawText: "Help\nSupporter\nTRAINER\n1936163" });
    expect(top).toMatchObject({ cardId: "sv3pt5-195" });
    expect(top.score).toBeLessThan(THRESHOLD);
  });

  it("takes no layout line for a name (`TRAINER` is no `Ace Trainer`)", () => {
    expect(rank({ rawText: "TRAINER\nSupporter\nresistance\nretreat" })).toEqual([]);
  });

  it("lets a number read make a name fragment's card confident", () => {
    const [top] = rank({ number: "72", printedTotal: "165", rawText: "ntacool\n072/165" });
    expect(top).toMatchObject({ cardId: "sv3pt5-72" });
    expect(top.reasons).toContain("name_in_text");
    expect(top.score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("looks for no fragment when a catalog name was read", () => {
    const [top] = rank({ name: "Tentacool", rawText: "Tentacool\nJynx" });
    expect(top).toMatchObject({ cardId: "sv3pt5-72" });
    expect(top.reasons).not.toContain("name_in_text");
  });

  it("offers both with no confidence when nothing tells two sets sharing a number and a total apart", () => {
    const candidates = rank({ number: "TG29", printedTotal: "TG30", hp: 280 });
    expect(candidates.map((c) => c.cardId).sort()).toEqual(["swsh11tg-TG29", "swsh12tg-TG29"]);
    for (const c of candidates) expect(c.score).toBeLessThan(THRESHOLD);
  });
});
