import { describe, expect, it } from "vitest";
import { mostReadNumber, numberVotes, parseCardText, parseHp, parseIllustrator, parseName, parseNumber, parseSetMarks, parseStrictNumber, parseYear, readsNumberCleanly, wholeTotal } from "./card-text";

// Inputs are lines tesseract.js read on the bench images (scan_0003, scan_0025, scan_0150, photo_0001, photo_0002, photo_0004).
describe("parseName", () => {
  it.each([
    ['425" Pikachu', "Pikachu"],
    ["“== Pikachu", "Pikachu"],
    ["A Venusaur GE 4", "Venusaur"],
    ["a Venusaur ET à", "Venusaur"],
    ["BASIC Pikachu VMAX", "Pikachu VMAX"],
    ["VMAX Umbreon Vmax", "Umbreon VMAX"],
    ["Team Magma's Groudon-EX", "Team Magma's Groudon-EX"],
    ["Radiant Alakazam ~", "Radiant Alakazam"],
    ["Noadkoko d'Alola-ex", "Noadkoko d'Alola-ex"],
    ["Florizarre-ex", "Florizarre-ex"],
    ["Salamèche", "Salamèche"],
    // The mechanic's logo glued to the name (photo_0001): a capital after a small letter starts a word.
    ["mx “PikachaW77; Me", "Pikacha"],
    ["VaporeonVMAX", "Vaporeon VMAX"],
    ["fe Oo con Vi", null],
    // Layout lines of the name band, read on scan_0040, scan_0196, scan_0211, scan_0024: not names.
    ["> \\ LEvolvesfromJigglypuif cu", null],
    ["~~ |  Evoives fromJigalypuff", null],
    ["Evolves from Ekans", null],
    // On a synthetic table photo of Haunter (its name read `maunter` on the line above).
    ["L.  boivesfomGasiy «", null],
    ["Pokémon TOOL ,..  _.. T", null],
    ["PokemonTooly .. 1", null],
    ["Supporter", null],
    ["Daisy’s Help", "Daisy’s Help"],
    ["Exp. Share", "Exp. Share"],
    ["w ~~ oh cL 5e", null],
    ["", null],
  ])("%j → %j", (line, name) => {
    expect(parseName(line)).toBe(name);
  });
});

describe("parseHp", () => {
  it.each([
    ["»60 7", 60],
    ["«60 7", 60],
    ["A340 é", 340],
    ["#340 id", 340],
    ["= 31007", 310],
    ["HP 220 @", 220],
    ["P5100 8", 100],
    ["wo SRE OT", null],
    ["HP 5", null],
  ])("%j → %j", (line, hp) => {
    expect(parseHp(line)).toBe(hp);
  });
});

describe("parseNumber", () => {
  it.each([
    ["(ED 025/165 ©", { number: "025", printedTotal: "165" }],
    ["(6) 025/165 @", { number: "025", printedTotal: "165" }],
    ["4 CED 003/165 *% Œ", { number: "003", printedTotal: "165" }],
    ["(s) CHE) 150/165 % HS", { number: "150", printedTotal: "165" }],
    ["BOULE 150/165 né SRailt", { number: "150", printedTotal: "165" }],
    ["GG10/GG70", { number: "GG10", printedTotal: "GG70" }],
    // Subset numbers rebuilt under the total's prefix (binder_0002 r0c0, scan_0210).
    ["GI0/GG708", { number: "GG10", printedTotal: "GG70" }],
    ["TG05/TG30", { number: "TG05", printedTotal: "TG30" }],
    // A symbol read as a letter before a plain number (scan_0211): the letter goes, and 174/596 is no number.
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
    // Misreads around the slash, read on scan_0166, scan_0182, photo_0002, photo_0005, scan_0038, photo_0008.
    ["gd 1166/1655 4 Elo", { number: "166", printedTotal: "165" }],
    ["6] (MEW 18271654 + WN", { number: "182", printedTotal: "165" }],
    ["NZ 2059/1958 4", { number: "059", printedTotal: "195" }],
    ["4 2182/2033", { number: "182", printedTotal: "203" }],
    ["SHUEY 0357165 1  A", { number: "035", printedTotal: "165" }],
    ["REE) sWsH180 Riga", { number: "SWSH180", printedTotal: null }],
    ["(CTD 75/7165 POG", { number: "75", printedTotal: "116" }],
    ["Alakazam 788/165", { number: "188", printedTotal: "165" }],
    ["(MEW 156/765 BED", { number: "156", printedTotal: "165" }],
    // Six digits, the slash read as 7 (scan_0169): 697/165 is no number, so 69/165; 177165 stays ambiguous, none.
    ["GAULLE 697165 ES", { number: "69", printedTotal: "165" }],
    ["GAULLE 177165 ES", null],
    // Implausible readings are no number (photo_0004, scan_0199): another pass may read the line right.
    ["0935/2038 4", null],
    ["GRR? 997/650", null],
    // Debris read on scans turned upside down (scan_0116, scan_0206): no card is numbered 0, no set has 1 card.
    ["A 0/72 Y", null],
    ["| 010gpo1paISE 14/1 sa", null],
    ["245/091", { number: "245", printedTotal: "091" }],
    // scan_0171 turned 90°, its sparse bottom line: two repairs stacked make no number.
    ["AUD 717765)", null],
    // photo_0014: 15/34 (Double Crisis) and the rarity star read as digits.
    ["nagimiso 15/3485 ®©", { number: "15", printedTotal: "34" }],
    ["©2023 Pokemon / Nintend:", null],
    ["Illus. Naoyo Kimura \\", null],
  ])("%j → %j", (line, expected) => {
    expect(parseNumber(line)).toEqual(expected);
  });
});

// photo_0005's footer block reads `22/2038` for 182/203: only a repair makes it a number, so it is checked.
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

// Lines read as sparse text over the bottom band (scan_0195, photo_0006, binder_0002, scan_0203, photo_0005).
describe("parseStrictNumber", () => {
  it.each([
    ["795/165;", "795/165"],
    ["(MEW EN 195/165; x", "195/165"],
    ["GG10/GG70", "GG10/GG70"],
    ["F5 Q swsh182 ☆", "SWSH182"],
    ["0/GG7O", null],
    ["(1223728 /127", null],
    ["[nagimisols 15/3", null],
    ["AC ILE 2037165204", null],
    ["GG10/TG30", null],
    // Its words read apart and put back in a row (photo_0005).
    ["Pas 1e 182 / 203", "182/203"],
  ])("%j → %j", (line, expected) => {
    expect(parseStrictNumber(line)).toBe(expected);
  });
});

// The number line of scan_0024 read in four ways: debris once, the number three times (its leading zero once lost).
describe("mostReadNumber", () => {
  const lines = [{ text: "11/41 05D RE" }, { text: "G 0247165 AXIS" }, { text: "A C/UUE024/165/X" }, { text: "G 24/165" }, { text: "Pokémon" }];

  it("counts each number once per line, leading zeros aside", () => {
    expect([...numberVotes(lines)]).toEqual([["11", 1], ["24", 3]]);
  });

  it("takes the first line of the number read most often", () => {
    expect(mostReadNumber(lines)).toBe(lines[1]);
  });

  it("keeps the first number read when each is read once", () => {
    expect(mostReadNumber([{ text: "195/165" }, { text: "196/165" }])?.text).toBe("195/165");
  });

  it("gives null when no line holds a number", () => {
    expect(mostReadNumber([{ text: "Pokémon" }, { text: "" }])).toBeNull();
  });
});

describe("parseSetMarks", () => {
  it.each([
    ["G MEW EN 025/165", { setCode: "MEW", regulationMark: "G" }],
    ["F BRS 102/172", { setCode: "BRS", regulationMark: "F" }],
    ["(ED 025/165 ©", { setCode: null, regulationMark: null }],
  ])("%j → %j", (line, expected) => {
    expect(parseSetMarks(line)).toEqual(expected);
  });
});

describe("parseIllustrator", () => {
  it.each([
    ["Illus. Naoyo Kimura \\", "Naoyo Kimura"],
    ["Hllus. Naoyo Kimura \\", "Naoyo Kimura"],
    ["; lus: 5ban Graphics ore", "5ban Graphics"],
    [") Hus. 5ban Graphics TK", "5ban Graphics TK"],
    ["|_Illus. AKIRA EGAWA A Pol", "AKIRA EGAWA"],
    ["(6) 025/165 @", null],
  ])("%j → %j", (line, expected) => {
    expect(parseIllustrator(line)).toBe(expected);
  });
});

describe("parseYear", () => {
  it.each([
    ["©2023 Pokémon / Nintendo / Creatures / G/", 2023],
    ["02023 pokemon Nintond", 2023],
    ["\\ . (02023 Pokemon / Nintone nd", 2023],
    ["©1999 Wizards", 1999],
    ["(ED 025/165 ©", null],
    ["2087 Pokemon", null],
  ])("%j → %j", (line, year) => {
    expect(parseYear(line, 2030)).toBe(year);
  });
});

describe("parseCardText", () => {
  it("reads scan_0025 (Pikachu, MEW 025/165)", () => {
    const features = parseCardText(
      {
        name: { lines: [{ text: '425" Pikachu', confidence: 0.64 }], confidence: 0.64 },
        hp: { lines: [{ text: "»60 7", confidence: 0.71 }], confidence: 0.71 },
        footer: {
          lines: [
            { text: "Illus. Naoyo Kimura \\", confidence: 0.8 },
            { text: "(ED 025/165 ©", confidence: 0.46 },
          ],
          confidence: 0.65,
        },
        copyright: { lines: [{ text: "02023 pokemon Nintond", confidence: 0.52 }], confidence: 0.52 },
      },
      { maxYear: 2030 },
    );
    expect(features).toEqual({
      name: "Pikachu",
      hp: 60,
      number: "025",
      printedTotal: "165",
      setCode: null,
      regulationMark: null,
      illustrator: "Naoyo Kimura",
      year: 2023,
      rawText: '425" Pikachu\n»60 7\nIllus. Naoyo Kimura \\\n(ED 025/165 ©\n02023 pokemon Nintond',
      confidence: 0.63,
    });
  });

  it("takes the HP from the name band only after the name (scan_0177: `S80` is the stage badge)", () => {
    const read = (name: string, hp: string) =>
      parseCardText({ name: { lines: [{ text: name, confidence: 0.5 }], confidence: 0.5 }, hp: { lines: [{ text: hp, confidence: 0.5 }], confidence: 0.5 } }, { maxYear: 2030 }).hp;
    expect(read("S80 Machoke gS", "wo SRE")).toBeNull();
    expect(read("S80 Machoke 100 gS", "wo SRE")).toBe(100);
    expect(read("S80 Machoke gS", "P5100 8")).toBe(100);
  });

  it("keeps unsure readings in the raw text only (photo_0003: `0935/2038` is its 095/203, read at 0.06)", () => {
    const features = parseCardText(
      {
        hp: { lines: [{ text: "& 310", confidence: 0.27 }], confidence: 0.27 },
        number: { lines: [{ text: "3 37 EE", confidence: 0.14 }], confidence: 0.14, unsure: [{ text: "0935/2038", confidence: 0.06 }, { text: "ME O 2 P 25", confidence: 0 }] },
      },
      { maxYear: 2030 },
    );
    expect(features).toMatchObject({ hp: 310, number: null, printedTotal: null, rawText: "& 310\n3 37 EE\n0935/2038\nME O 2 P 25" });
  });

  // photo_0008 (Flareon VMAX on foil): the band's first lines are the sparkle read as debris, one of them word-like.
  it("takes the name of the most confident line that gives one (photo_0008: `Flareo`, not `onVrax.` above it)", () => {
    const lines = [["ve", 0], ["onVrax.", 0], ["Flareo", 0.88], ["Flan", 0.01], ["‘ War", 0.14]] as const;
    const name = { lines: lines.map(([text, confidence]) => ({ text, confidence })), confidence: 0.21 };
    expect(parseCardText({ name }, { maxYear: 2030 }).name).toBe("Flareo");
    const equal = { lines: [{ text: "Pikachu", confidence: 0.5 }, { text: "Raichu", confidence: 0.5 }], confidence: 0.5 };
    expect(parseCardText({ name: equal }, { maxYear: 2030 }).name).toBe("Pikachu");
  });

  it("nothing read gives empty features", () => {
    expect(parseCardText({}, { maxYear: 2030 })).toMatchObject({ name: null, hp: null, number: null, rawText: "", confidence: 0 });
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
