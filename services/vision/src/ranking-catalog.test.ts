import { describe, expect, it } from "vitest";
import type { Candidate, CardFeatures } from "@poke-ventory/contracts";
import { numberConfirmed, rankingCatalog } from "./ranking-catalog";

const candidate = (score: number, reasons: string[]): Candidate => ({
  cardId: "swsh4-44", name: "Pikachu VMAX", names: { en: "Pikachu VMAX", fr: "Pikachu VMAX" }, setId: "swsh4", setName: "Vivid Voltage",
  number: "44", score, reasons, imageUrl: null,
});
const features: CardFeatures = {
  name: "Pikachu VMAX", hp: 310, number: "044", printedTotal: "185", setCode: null, regulationMark: null, illustrator: null, year: null,
  rawText: "", confidence: 0.5,
};

describe("numberConfirmed", () => {
  it.each([
    ["a confident best candidate whose number agrees", [candidate(0.9, ["number", "name"])], true],
    ["exactly at the threshold", [candidate(0.82, ["number"])], true],
    ["a best candidate under the threshold", [candidate(0.81, ["number", "name"])], false],
    ["a confident best candidate named without its number", [candidate(0.95, ["name", "hp"])], false],
    ["only a second candidate agreeing on the number", [candidate(0.5, ["name"]), candidate(0.9, ["number"])], false],
    ["no candidate", [], false],
  ])("%s: %s", (_, candidates, expected) => {
    expect(numberConfirmed(candidates, 0.82)).toBe(expected);
  });
});

describe("rankingCatalog", () => {
  it("asks the ranking with the features read and applies the threshold", async () => {
    const asked: CardFeatures[] = [];
    const catalog = rankingCatalog(async (f) => (asked.push(f), [candidate(0.9, ["number", "name"])]), 0.95, () => undefined);
    await expect(catalog.confirmsNumber(features)).resolves.toBe(false);
    expect(asked).toEqual([features]);
  });

  it("knows a name when the best candidate agrees on it, whatever its score", async () => {
    const known = rankingCatalog(async () => [candidate(0.03, ["name"]), candidate(0.03, ["name"])], 0.82, () => undefined);
    const unknown = rankingCatalog(async () => [candidate(0.5, ["number", "hp"]), candidate(0.2, ["name"])], 0.82, () => undefined);
    const none = rankingCatalog(async () => [], 0.82, () => undefined);
    await expect(known.knowsName(features)).resolves.toBe(true);
    await expect(unknown.knowsName(features)).resolves.toBe(false);
    await expect(none.knowsName(features)).resolves.toBe(false);
  });

  it("logs once when rankings asked at once all fail", async () => {
    const logs: string[] = [];
    const catalog = rankingCatalog(() => Promise.reject(new Error("Request timed out")), 0.82, (m) => logs.push(m));
    await expect(Promise.all([catalog.confirmsNumber(features), catalog.confirmsNumber(features)])).resolves.toEqual([false, false]);
    expect(logs).toHaveLength(1);
  });

  it("confirms nothing once the ranking failed, logs it once and asks no more", async () => {
    const logs: string[] = [];
    let calls = 0;
    const catalog = rankingCatalog(async () => (calls++, Promise.reject(new Error("Service 'matching.rankCandidates' is not found."))), 0.82, (m) => logs.push(m));
    await expect(catalog.confirmsNumber(features)).resolves.toBe(false);
    await expect(catalog.confirmsNumber(features)).resolves.toBe(false);
    await expect(catalog.knowsName(features)).resolves.toBe(false);
    expect(calls).toBe(1);
    expect(logs).toEqual(["catalog checks skipped, cards read without them: Service 'matching.rankCandidates' is not found."]);
  });
});
