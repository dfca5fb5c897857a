import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NormalizedCatalogSource } from "./normalized-catalog-source";

const set = { id: "sv8", name: "Surging Sparks", series: "Scarlet & Violet", printedTotal: 191, total: 252, releaseDate: "2024/11/08", ptcgoCode: "SSP", names: { en: "Surging Sparks", fr: "Étincelles Déferlantes" } };
const card = { id: "sv8-248", setId: "sv8", number: "248", name: "Alolan Exeggutor ex", names: { en: "Alolan Exeggutor ex", fr: "Noadkoko d'Alola-ex" }, supertype: "Pokémon", subtypes: ["Basic", "ex"], hp: 230, types: ["Dragon"], artist: "Kantaro", rarity: "Special Illustration Rare", regulationMark: "H", nationalPokedexNumbers: [103], imageSmall: "https://images.pokemontcg.io/sv8/248.png", imageLarge: null };

let dir = "";
function catalog(files: Record<string, string>) {
  dir = mkdtempSync(path.join(tmpdir(), "pv-catalog-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return new NormalizedCatalogSource(dir);
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("NormalizedCatalogSource", () => {
  it("reads sets and cards, the TCGdex-only files with tcgdex: ids", async () => {
    const source = catalog({
      "sets.json": JSON.stringify([set]),
      "cards.jsonl": `${JSON.stringify(card)}\n`,
      "tcgdex-only-sets.json": JSON.stringify([{ tcgdexId: "me04", names: { en: "Chaos Rising", fr: "Chaos Ascendant" }, series: "Mega Evolution", releaseDate: "2026-05-22", officialCount: 86, abbreviation: "CRI", cardsInSource: 122 }]),
      "tcgdex-only-cards.jsonl": JSON.stringify({ tcgdexId: "me04-116", tcgdexSetId: "me04", number: "116", name: "Mega Greninja ex", names: { en: "Mega Greninja ex", fr: "Méga-Amphinobi-ex" }, category: "Pokemon", hp: 350, types: ["Water"], artist: "Susumu Maeya", rarity: "Special illustration rare", regulationMark: "J", nationalPokedexNumbers: [658] }),
    });
    const { sets, cards } = await source.read();
    expect(sets.map((s) => [s.id, s.releaseDate, s.printedTotal])).toEqual([["sv8", "2024-11-08", 191], ["tcgdex:me04", "2026-05-22", 86]]);
    expect(cards.map((c) => [c.id, c.setId, c.nameFr, c.supertype])).toEqual([
      ["sv8-248", "sv8", "Noadkoko d'Alola-ex", "Pokémon"],
      ["tcgdex:me04-116", "tcgdex:me04", "Méga-Amphinobi-ex", "Pokémon"],
    ]);
  });

  it.each([
    ["a bad field", `${JSON.stringify(card)}\n${JSON.stringify({ ...card, id: "sv8-1", hp: "230" })}\n`, /cards\.jsonl:2: field "hp": expected an integer/, { line: 2, field: "hp" }],
    ["a missing field", `\n${JSON.stringify({ ...card, number: undefined })}\n`, /cards\.jsonl:2: field "number"/, { line: 2, field: "number" }],
    ["broken JSON", `${JSON.stringify(card)}\n{"id": "sv8-2",\n`, /cards\.jsonl:2: is not valid JSON/, { line: 2 }],
    ["an unknown set", JSON.stringify({ ...card, setId: "nope" }), /cards\.jsonl:1: field "setId": set "nope"/, { line: 1, field: "setId" }],
  ])("names file, line and field for %s", async (_label, cardsText, message, details) => {
    const source = catalog({ "sets.json": JSON.stringify([set]), "cards.jsonl": cardsText });
    const err = await source.read().then(() => null, (e: unknown) => e as { type: string; message: string; details: object });
    expect(err?.type).toBe("VALIDATION_FAILED");
    expect(err?.message).toMatch(message);
    expect(err?.details).toMatchObject(details);
  });

  it("names the entry of a bad set and a missing sets.json", async () => {
    await expect(catalog({ "sets.json": JSON.stringify([set, { ...set, id: "" }]), "cards.jsonl": "" }).read()).rejects.toThrow(/sets\.json entry 2: field "id"/);
    await expect(catalog({ "cards.jsonl": "" }).read()).rejects.toThrow(/sets\.json: cannot be read/);
  });
});
