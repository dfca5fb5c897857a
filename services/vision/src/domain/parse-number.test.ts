import { describe, expect, it } from "vitest";
import { parseNumber, readsNumberCleanly, wholeTotal } from "./parse-number";

// Number lines tesseract.js read on scans, photos and binder pages.
describe("parseNumber", () => {
  it.each([
    ["(ED 025/165 ©", { number: "025", printedTotal: "165" }],
    ["(6) 025/165 @", { number: "025", printedTotal: "165" }],
    ["4 CED 003/165 *% Œ", { number: "003", printedTotal: "165" }],
    ["(s) CHE) 150/165 % HS", { number: "150", printedTotal: "165" }],
    ["BOULE 150/165 né SRailt", { number: "150", printedTotal: "165" }],
    ["GG10/GG70", { number: "GG10", printedTotal: "GG70" }],
    // Subset numbers rebuilt under the total's prefix (a binder cell's and a scan's Galarian Gallery numbers).
    ["GI0/GG708", { number: "GG10", printedTotal: "GG70" }],
    ["TG05/TG30", { number: "TG05", printedTotal: "TG30" }],
    // A symbol read as a letter before a plain number: the letter goes, and 174/596 is no number.
    ["F174/198", { number: "174", printedTotal: "198" }],
    ["RUCHSVIM F174/596 0 MS", null],
    // Only `a` and `b` follow a number (XY's `88a`); another letter there is a digit garbled, no number.
    ["88a/146", { number: "88a", printedTotal: "146" }],
    ["P(OCED r4s/165 + body, the", null],
    ["F LOR TGl2 / TG3O", { number: "TG12", printedTotal: "TG30" }],
    ["RC3/RC32", { number: "RC3", printedTotal: "RC32" }],
    ["T1G29/TG30!", { number: "TG29", printedTotal: "TG30" }],
    ["E 095/ 203", { number: "095", printedTotal: "203" }],
    ["SWSH180 ☆", { number: "SWSH180", printedTotal: null }],
    ["E SWSHI82", { number: "SWSH182", printedTotal: null }],
    ["SWSHIO", null],
    // Misreads around the slash: a bracket or star glued as a digit, the slash read as 7, an italic 1 read as 7.
    ["gd 1166/1655 4 Elo", { number: "166", printedTotal: "165" }],
    ["6] (MEW 18271654 + WN", { number: "182", printedTotal: "165" }],
    ["NZ 2059/1958 4", { number: "059", printedTotal: "195" }],
    ["4 2182/2033", { number: "182", printedTotal: "203" }],
    ["SHUEY 0357165 1  A", { number: "035", printedTotal: "165" }],
    ["REE) sWsH180 Riga", { number: "SWSH180", printedTotal: null }],
    ["(CTD 75/7165 POG", { number: "75", printedTotal: "116" }],
    ["Alakazam 788/165", { number: "188", printedTotal: "165" }],
    ["(MEW 156/765 BED", { number: "156", printedTotal: "165" }],
    // Six digits, the slash read as 7: 697/165 is no number, so 69/165; 177165 stays ambiguous, none.
    ["GAULLE 697165 ES", { number: "69", printedTotal: "165" }],
    ["GAULLE 177165 ES", null],
    // Implausible readings are no number (a foil's outlined number, debris): another pass may read the line right.
    ["0935/2038 4", null],
    ["GRR? 997/650", null],
    // Debris read on scans turned upside down: no card is numbered 0, no set has 1 card.
    ["A 0/72 Y", null],
    ["| 010gpo1paISE 14/1 sa", null],
    ["245/091", { number: "245", printedTotal: "091" }],
    // A sparse bottom line of a card turned 90°: two repairs stacked make no number.
    ["AUD 717765)", null],
    // 15/34 (a set of 34 cards) and the rarity star read as digits.
    ["nagimiso 15/3485 ®©", { number: "15", printedTotal: "34" }],
    ["©2023 Pokemon / Nintend:", null],
    ["Illus. Naoyo Kimura \\", null],
  ])("%j → %j", (line, expected) => {
    expect(parseNumber(line)).toEqual(expected);
  });
});

// A photo's footer block read `22/2038` for 182/203: only a repair makes it a number, so it is checked.
describe("readsNumberCleanly", () => {
  it.each([
    ["ONE 22/2038) mens €", false],
    ["1 1166/1655", false],
    ["18271654", false],
    ["ve 182/203 your opponent", true],
    ["E 024/165 ©", true],
    ["GI0/GG708", true],
    ["0 FT AE SWSH180 1 2197", true],
    ["Illus. Naoyo Kimura", false],
  ])("%j → %j", (line, expected) => {
    expect(readsNumberCleanly(line)).toBe(expected);
  });
});

describe("wholeTotal", () => {
  it.each([
    ["041", "165", true],
    ["TG29", "TG30", true],
    ["SWSH182", null, true],
    ["71", "7", false],
    ["7", "6", false],
  ] as const)("%s/%s → %s", (_number, printedTotal, whole) => {
    expect(wholeTotal({ printedTotal })).toBe(whole);
  });
});
