import { describe, expect, it } from "vitest";
import { candidateEvidence, fragmentOnly, reasonList, vetoList, type ScoreQuery, type ScoreTarget } from "./candidate-score";
import { parseCollectorNumber } from "./collector-number";
import { printedNumbers, rawTextLines } from "./printed-text";

const target: ScoreTarget = {
  setId: "sv8",
  numberKey: "248",
  names: ["alolan exeggutor ex", "noadkoko dalola ex"],
  hp: 230,
  regulationMark: "H",
  illustrator: "kantaro",
  setPrintedTotal: 191,
  setCodes: ["SSP", "ETD"],
  printedNumbers: printedNumbers("248", 191),
  illustratorText: "kantaro",
  printsHp: true,
};
type QueryParts = Partial<ScoreQuery> & { raw?: string; ocr?: string };
const query = ({ raw, ocr, ...q }: QueryParts): ScoreQuery => ({
  number: raw ? parseCollectorNumber(raw) : null,
  name: null,
  hp: null,
  setCode: null,
  regulationMark: null,
  illustrator: null,
  text: ocr ? rawTextLines(ocr) : null,
  ...q,
});
const evidence = (q: QueryParts, t: ScoreTarget = target) => {
  const e = candidateEvidence(query(q), t);
  return { logOdds: e.logOdds, reasons: reasonList(e.reasons), vetoes: vetoList(e.vetoes) };
};

describe("candidateEvidence", () => {
  it.each([
    ["everything agrees", { raw: "248/191", name: "alolan exeggutor ex", hp: 230, setCode: "SSP", regulationMark: "H", illustrator: "kantaro" }, ["number", "printed_total", "name", "hp", "set_code", "regulation_mark", "illustrator"]],
    ["number + total + name", { raw: "248/191", name: "alolan exeggutor ex" }, ["number", "printed_total", "name"]],
    ["French name", { raw: "248/191", name: "noadkoko dalola ex" }, ["number", "printed_total", "name"]],
    ["number + total only", { raw: "248/191" }, ["number", "printed_total"]],
    ["number without total", { raw: "248" }, ["number"]],
    ["total of another set", { raw: "248/198" }, ["number"]],
    ["name only", { name: "alolan exeggutor ex" }, ["name"]],
    ["wrong hp", { raw: "248/191", hp: 120 }, ["number", "printed_total"]],
    ["the French set code", { setCode: "ETD" }, ["set_code"]],
    ["a lower-case regulation mark", { regulationMark: "h" }, ["regulation_mark"]],
    ["a misread illustrator", { illustrator: "kantar0" }, ["illustrator"]],
    ["nothing read", {}, []],
    ["the number as printed in the raw text", { ocr: "es\nG SVI 248/ 191 *" }, ["number_in_text"]],
    ["the number in the raw text with one character wrong", { ocr: "2438/191" }, ["number_in_text"]],
    ["the number in the raw text with two wrong", { ocr: "2A8/1S1" }, []],
    ["a number read: the raw text is not looked at", { raw: "112/191", ocr: "248/191" }, ["printed_total"]],
    ["the illustrator in the raw text, one letter wrong", { ocr: "Ilus Kamtaro" }, ["illustrator"]],
    ["the illustrator in the raw text, two letters wrong", { ocr: "Ilus Kamtar0" }, []],
    ["another illustrator read, this one in the raw text", { illustrator: "spproropi vmaxa", ocr: "illus. Kantaro" }, ["illustrator"]],
    ["a name fragment ending a name of the candidate", { nameFragments: ["xeggutor ex"] }, ["name_in_text"]],
    ["a name fragment starting its French name", { nameFragments: ["debris", "noadkoko d"] }, ["name_in_text"]],
    ["a name fragment in the middle of its name", { nameFragments: ["exeggutor"] }, []],
  ] as const)("%s → %s", (_label, q, reasons) => {
    expect(evidence(q as QueryParts).reasons).toEqual(reasons);
  });

  it("holds a candidate named by a fragment alone below confidence, not one whose number or whole name agrees", () => {
    const bits = (q: QueryParts) => candidateEvidence(query(q), target).reasons;
    expect(fragmentOnly(bits({ nameFragments: ["xeggutor ex"], hp: 230, illustrator: "kantaro" }))).toBe(true);
    expect(fragmentOnly(bits({ nameFragments: ["xeggutor ex"], raw: "248/191" }))).toBe(false);
    expect(fragmentOnly(bits({ nameFragments: ["xeggutor ex"], ocr: "248/191" }))).toBe(false);
    expect(fragmentOnly(bits({ hp: 230 }))).toBe(false);
  });

  it.each([
    ["more fields agreeing", { raw: "248/191", name: "alolan exeggutor ex", hp: 230 }, { raw: "248/191", name: "alolan exeggutor ex" }],
    ["the exact name over a typo", { name: "alolan exeggutor ex" }, { name: "alolan exegutor ex" }],
    ["a typo over nothing", { name: "alolan exegutor ex" }, {}],
    ["one digit misread over another number", { raw: "243/191" }, { raw: "112/191" }],
    ["a number over a total", { raw: "248" }, { raw: "1/191" }],
    ["an unread field over a disagreeing one", { raw: "248/191" }, { raw: "248/191", hp: 120 }],
    ["a total of this set over another set's", { raw: "248/191" }, { raw: "248/198" }],
    ["a number read over one found in the raw text", { raw: "248/191" }, { ocr: "248/191" }],
    ["a number found as printed over one found with a character wrong", { ocr: "248/191" }, { ocr: "2438/191" }],
    ["an illustrator found in the raw text over another read", { illustrator: "5ban graphics", ocr: "kantaro" }, { illustrator: "5ban graphics" }],
  ] as const)("weighs %s higher", (_label, better, worse) => {
    expect(evidence(better as QueryParts).logOdds).toBeGreaterThan(evidence(worse as QueryParts).logOdds);
  });

  it("needs the total's letters on the number (GG70 is not a plain /70)", () => {
    const gg: ScoreTarget = { ...target, setId: "swsh12pt5gg", numberKey: "GG10", setPrintedTotal: 70 };
    expect(evidence({ raw: "GG10/GG70" }, gg).reasons).toEqual(["number", "printed_total"]);
    expect(evidence({ raw: "10/GG70" }, { ...gg, numberKey: "10" }).reasons).toEqual(["number"]);
  });

  it("looks for a subset's or a promo's number in its printed shape", () => {
    const tg: ScoreTarget = { ...target, setId: "swsh9tg", numberKey: "TG23", setPrintedTotal: 30, printedNumbers: printedNumbers("TG23", 30) };
    expect(evidence({ ocr: "TG23/TG3O" }, tg).reasons).toEqual(["number_in_text"]);
    const promo: ScoreTarget = { ...target, setId: "swshp", numberKey: "SWSH182", setPrintedTotal: 307, printedNumbers: printedNumbers("SWSH182", 307) };
    expect(evidence({ ocr: "E SWSH182" }, promo).reasons).toEqual(["number_in_text"]);
    expect(evidence({ ocr: "E SWSH18" }, promo).reasons).toEqual(["number_in_text"]);
    expect(evidence({ ocr: "182/307" }, promo).reasons).toEqual([]);
  });

  it("keeps a promo code to its set", () => {
    const svp: ScoreTarget = { ...target, setId: "svp", numberKey: "45", setPrintedTotal: 102 };
    expect(evidence({ raw: "SVP 045" }, svp).reasons).toEqual(["number", "printed_total"]);
    expect(evidence({ raw: "SVP 045" }, { ...svp, setId: "sv1" }).reasons).toEqual([]);
  });
});

describe("candidateEvidence vetoes", () => {
  const trainer: ScoreTarget = { ...target, setId: "sv4", numberKey: "151", names: ["giovannis charisma"], hp: null, printsHp: false, setPrintedTotal: 182 };
  const machoke: ScoreTarget = { ...target, setId: "sv3pt5", numberKey: "67", names: ["machoke", "machopeur"], hp: 100, setPrintedTotal: 165 };
  it.each([
    ["an HP read on a trainer", { raw: "151/182", hp: 200 }, trainer, ["hp_on_trainer"]],
    ["an HP read on a trainer whose name was read too", { raw: "151/182", name: "giovannis charisma", hp: 200 }, trainer, ["hp_on_trainer"]],
    ["a name read that is nothing like the candidate's", { raw: "67/165", name: "ivysaur" }, machoke, ["name"]],
    ["a total read that is not the candidate set's", { raw: "248/198" }, target, ["printed_total"]],
    ["a promo code read on a card of another set", { raw: "SVP 045" }, { ...target, setId: "sv1", numberKey: "45" }, ["printed_total"]],
    ["a name and a total that both disagree", { raw: "67/191", name: "ivysaur" }, machoke, ["name", "printed_total"]],
  ] as const)("vetoes %s", (_label, q, t, vetoes) => {
    expect(evidence(q as QueryParts, t).vetoes).toEqual(vetoes);
  });

  it.each([
    ["no HP read on a trainer", { raw: "151/182" }, trainer],
    ["the name in the other language", { raw: "67/165", name: "machopeur" }, machoke],
    ["a name read with letters wrong or lost", { raw: "67/165", name: "machok" }, machoke],
    ["a name too short to tell (a stage badge's debris)", { raw: "67/165", name: "ex" }, machoke],
    ["a total not read", { raw: "67", name: "machoke" }, machoke],
    ["a total read on a card whose set prints none", { raw: "67/165" }, { ...machoke, setPrintedTotal: null }],
    ["a total misread on a card whose name agrees", { raw: "67/176", name: "machoke" }, machoke],
    ["an HP that differs on a Pokémon (evidence against, no veto)", { raw: "67/165", hp: 120 }, machoke],
  ] as const)("does not veto %s", (_label, q, t) => {
    expect(evidence(q as QueryParts, t).vetoes).toEqual([]);
  });

  it("weighs an HP read against a trainer", () => {
    expect(evidence({ raw: "151/182", hp: 200 }, trainer).logOdds).toBeLessThan(evidence({ raw: "151/182" }, trainer).logOdds);
  });
});
