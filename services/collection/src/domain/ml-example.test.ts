import { describe, expect, it } from "vitest";
import { cardLanguage, mlExampleKeys, mlExportDay } from "./ml-example";

describe("cardLanguage", () => {
  const oddish = { name: "Oddish", name_fr: "Mystherbe" };
  const mew = { name: "Mew", name_fr: "Mew" };
  it.each([
    { read: "Mystherbe", raw: "", chosen: oddish, language: "fr" },
    { read: "ODDISH", raw: "", chosen: oddish, language: "en" },
    { read: "Mew", raw: "Mew PV 60", chosen: mew, language: "fr" },
    { read: "Mew", raw: "Mew 60 HP", chosen: mew, language: "en" },
    { read: "Mew", raw: "Mew", chosen: mew, language: null },
    { read: null, raw: "Pokémon de base PV70", chosen: undefined, language: "fr" },
    { read: "Nidoran♀", raw: "HP 70 Nidoran", chosen: { name: "Nidoran♀", name_fr: null }, language: "en" },
    { read: "Salamèche", raw: "", chosen: { name: "Charmander", name_fr: "Salameche" }, language: "fr" },
    { read: "unreadable", raw: "HP PV", chosen: oddish, language: null },
  ])("$read / $raw → $language", ({ read, raw, chosen, language }) => {
    expect(cardLanguage({ probable_name: read, raw_text: raw }, chosen)).toBe(language);
  });
});

describe("mlExampleKeys and mlExportDay", () => {
  it.each([
    { draftId: "d-1", validatedAt: "2026-03-04T23:59:59.999Z", label: "exports/2026-03-04/d-1.jsonl", crop: "exports/2026-03-04/d-1.jpg" },
    { draftId: "../x", validatedAt: "2026-03-05T00:00:00.000Z", label: "exports/2026-03-05/.._x.jsonl", crop: "exports/2026-03-05/.._x.jpg" },
  ])("$draftId at $validatedAt → $label", ({ draftId, validatedAt, label, crop }) => {
    expect(mlExampleKeys({ draftId, validatedAt })).toEqual({ label, crop });
    expect(mlExportDay(label)).toBe(validatedAt.slice(0, 10));
  });

  it.each(["crops/a/0.jpg", "exports/latest/x.jsonl", "exports/2026-1-1/x.jsonl"])("%s is no export day", (key) => {
    expect(mlExportDay(key)).toBeNull();
  });
});
