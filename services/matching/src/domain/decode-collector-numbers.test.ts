import { describe, expect, it } from "vitest";
import { collectorNumberKey } from "./collector-number";
import { decodeCollectorNumbers, type NumberLexicon } from "./decode-collector-numbers";

/** A small catalog: printed codes, and plain numbers by printed total. */
const CODES = ["H24", "SWSH179", "SWSH044", "SWSH004", "SWSH121", "SWSH055", "SWSH017", "SM10", "SM108", "SM62", "TG05", "TG29", "GG10", "H17", "SH1", "XY01"];
const PLAIN: Record<number, string[]> = { 191: ["240", "24", "40"], 165: ["2", "67"], 86: ["6"] };
const lexicon: NumberLexicon = {
  code: (printed) => {
    if (printed === "SVP045") return { key: "45", promoSetId: "svp" };
    return CODES.includes(printed) ? { key: collectorNumberKey(printed), promoSetId: null } : null;
  },
  hasNumberOfTotal: (key, total) => PLAIN[total]?.includes(key) ?? false,
};
const keys = (text: string) => decodeCollectorNumbers(text, lexicon).map((n) => (n.printedTotal ? `${n.key}/${n.printedTotal}` : n.key));

describe("decodeCollectorNumbers", () => {
  it.each([
    ["a promo read as printed", "SWSH179", ["SWSH179"]],
    ["a promo's W read as SV, a star's corner glued after", "ESVSH17908", ["SWSH179"]],
    ["a promo with a letter of debris before it", "DSWSH044", ["SWSH44"]],
    ["a promo's W read VW, its digits as letters", "SWVSHIZI", ["SWSH121"]],
    ["a promo in lower case among debris, its digits as O and S", "(0JiswsHoss", ["SWSH55"]],
    ["a promo's W read as VV", "SVVSH 179", ["SWSH179"]],
    ["a promo whose S is read 5", "5WSH044", ["SWSH44"]],
    ["a two-digit promo with a digit glued after, both in the catalog", "SM108", ["SM108"]],
    ["a two-digit promo with junk after that makes no number", "SM627", ["SM62"]],
    ["a subset number with its total", "TG05/TG30", ["TG5"]],
    ["a subset number with G read 6", "T629/T630", ["TG29"]],
    ["an SVP promo code", "SVP 045", ["45"]],
    ["an SVP promo code with its language mark", "SVP EN 045", ["45"]],
    ["an SVP promo number over its code", "045/SV-P", ["45"]],
    ["a number and total with digits glued before", "S9240/191", ["240/191", "40/191"]],
    ["a number and total after a regulation mark that is also a code letter", "H 240/191", ["240/191", "40/191"]],
    ["a number and total with the total's zero read O", "CRIE6/O86", ["6/86"]],
    ["an Ivysaur's number read as another card's", "67/165", ["67/165"]],
    ["a promo code followed by nothing the catalog holds", "SWSH999", []],
    ["a code of two letters one letter off (no edit allowed)", "SN62", []],
    ["debris", "E 7 xX | 8", []],
    ["a total the catalog has no set of", "240/192", []],
  ])("%s: %s → %s", (_label, text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  it("reads each line of the raw text, fewest edits first, each number once", () => {
    expect(keys("Pikachu\nESVSH17908\nSWSH044 SWSH044")).toEqual(["SWSH44", "SWSH179"]);
  });

  it("never returns a number the catalog does not hold", () => {
    const noisy = ["SWSH1", "XY", "S", "5/5", "SWSHSWSH", "HGSS", "GG70", "0000/000", "TGTG05"];
    const codeKeys = new Set([...CODES.map(collectorNumberKey), "45"]);
    for (const text of noisy) {
      for (const n of decodeCollectorNumbers(text, lexicon)) {
        const known = n.printedTotal === null ? codeKeys.has(n.key) : lexicon.hasNumberOfTotal(n.key, n.printedTotal);
        expect(known, `${text} → ${n.key}`).toBe(true);
      }
    }
  });
});
