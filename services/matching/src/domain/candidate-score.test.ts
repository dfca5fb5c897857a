import { describe, expect, it } from "vitest";
import { candidateScore, type ScoreQuery, type ScoreTarget } from "./candidate-score";
import { parseCollectorNumber } from "./collector-number";

const target: ScoreTarget = {
  setId: "sv8",
  numberKey: "248",
  names: ["alolan exeggutor ex", "noadkoko dalola ex"],
  hp: 230,
  regulationMark: "H",
  illustrator: "kantaro",
  setPrintedTotal: 191,
  setCodes: ["SSP", "ETD"],
};
const query = (q: Partial<ScoreQuery> & { raw?: string }): ScoreQuery => ({
  number: q.raw ? parseCollectorNumber(q.raw) : null,
  name: null,
  hp: null,
  setCode: null,
  regulationMark: null,
  illustrator: null,
  ...q,
});

describe("candidateScore", () => {
  it.each([
    ["everything agrees", { raw: "248/191", name: "alolan exeggutor ex", hp: 230, setCode: "SSP", regulationMark: "H", illustrator: "kantaro" }, 1, ["number", "printed_total", "name", "hp", "set_code", "regulation_mark", "illustrator"]],
    ["number + total + name", { raw: "248/191", name: "alolan exeggutor ex" }, 0.8, ["number", "printed_total", "name"]],
    ["French name", { raw: "248/191", name: "noadkoko dalola ex" }, 0.8, ["number", "printed_total", "name"]],
    ["number + total only", { raw: "248/191" }, 0.5, ["number", "printed_total"]],
    ["number without total", { raw: "248" }, 0.3, ["number"]],
    ["total of another set", { raw: "248/198" }, 0.3, ["number"]],
    ["name only", { name: "alolan exeggutor ex" }, 0.3, ["name"]],
    ["wrong hp", { raw: "248/191", hp: 120 }, 0.5, ["number", "printed_total"]],
    ["nothing read", {}, 0, []],
  ] as const)("%s → %s", (_label, q, score, reasons) => {
    const result = candidateScore(query(q as Partial<ScoreQuery>), target);
    expect(result.score).toBeCloseTo(score, 4);
    expect(result.reasons).toEqual(reasons);
  });

  it("ranks a typo below the exact name but keeps it well above nothing", () => {
    const exact = candidateScore(query({ name: "alolan exeggutor ex" }), target).score;
    const typo = candidateScore(query({ name: "alolan exegutor ex" }), target).score;
    expect(typo).toBeLessThan(exact);
    expect(typo).toBeGreaterThan(0.2);
  });

  it("needs the total's letters on the number (GG70 is not a plain /70)", () => {
    const gg: ScoreTarget = { ...target, setId: "swsh12pt5gg", numberKey: "GG10", setPrintedTotal: 70 };
    expect(candidateScore(query({ raw: "GG10/GG70" }), gg).reasons).toEqual(["number", "printed_total"]);
    expect(candidateScore(query({ raw: "10/GG70" }), { ...gg, numberKey: "10" }).reasons).toEqual(["number"]);
  });

  it("keeps a promo code to its set", () => {
    const svp: ScoreTarget = { ...target, setId: "svp", numberKey: "45", setPrintedTotal: 102 };
    expect(candidateScore(query({ raw: "SVP 045" }), svp).reasons).toEqual(["number", "printed_total"]);
    expect(candidateScore(query({ raw: "SVP 045" }), { ...svp, setId: "sv1" }).reasons).toEqual([]);
  });

  it("stays within [0, 1]", () => {
    const { score } = candidateScore(query({ raw: "248/191", name: "alolan exeggutor ex", hp: 230, setCode: "SSP", regulationMark: "h", illustrator: "kantaro" }), target);
    expect(score).toBeLessThanOrEqual(1);
  });
});
