import { describe, expect, it } from "vitest";
import { collectorNumberKey, parseCollectorNumber } from "./collector-number";

describe("parseCollectorNumber", () => {
  it.each([
    ["051/198", "51", 198, "", null],
    ["51/198", "51", 198, "", null],
    ["006/165", "6", 165, "", null],
    ["248/191", "248", 191, "", null],
    ["GG10/GG70", "GG10", 70, "GG", null],
    ["TG05/TG30", "TG5", 30, "TG", null],
    ["SWSH050", "SWSH50", null, "", null],
    ["SM103", "SM103", null, "", null],
    ["SVP 045", "45", null, "", "svp"],
    ["005/SV-P", "5", null, "", "svp"],
    ["15/34", "15", 34, "", null],
    ["60a", "60A", null, "", null],
    ["O51/l98", "51", 198, "", null],
    ["B8/1O2", "88", 102, "", null],
    ["0S1/I98", "51", 198, "", null],
    ["SWSHO5O", "SWSH50", null, "", null],
    [" 051 / 198 ", "51", 198, "", null],
    ["5WSH050", "SWSH50", null, "", null],
    ["SW5H025", "SWSH25", null, "", null],
    ["8W36", "BW36", null, "", null],
    ["5M62", "SM62", null, "", null],
    ["TGO5/TG3O", "TG5", 30, "TG", null],
    ["S1/198", "51", 198, "", null],
    ["C", "C", null, "", null],
    ["?", "?", null, "", null],
  ])("%s → key %s, total %s", (raw, key, total, totalPrefix, promo) => {
    const n = parseCollectorNumber(raw);
    expect(n).not.toBeNull();
    expect(n).toMatchObject({ key, printedTotal: total, totalPrefix, promoSetId: promo });
  });

  it.each([[""], [null], ["abc"], ["/198"], ["12345"]])("%s → null", (raw) => {
    expect(parseCollectorNumber(raw)).toBeNull();
  });

  it("takes the printed total from its own field when given", () => {
    expect(parseCollectorNumber("004", "165")).toMatchObject({ key: "4", printedTotal: 165 });
    expect(parseCollectorNumber("GG10", "GG70")).toMatchObject({ key: "GG10", printedTotal: 70, totalPrefix: "GG" });
  });
});

describe("collectorNumberKey", () => {
  it.each([
    ["51", "51"],
    ["051", "51"],
    ["TG05", "TG5"],
    ["SWSH050", "SWSH50"],
    ["BW004", "BW4"],
    ["SV107", "SV107"],
    ["60a", "60A"],
    ["A", "A"],
    ["?", "?"],
  ])("%s → %s", (raw, key) => expect(collectorNumberKey(raw)).toBe(key));
});
