import { describe, expect, it } from "vitest";
import { parseCardText } from "./parse-card-text";

describe("parseCardText", () => {
  it("reads a scan of Pikachu, MEW 025/165, field by field", () => {
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

  it("takes the HP from the name band only after the name (`S80` is the stage badge)", () => {
    const read = (name: string, hp: string) =>
      parseCardText({ name: { lines: [{ text: name, confidence: 0.5 }], confidence: 0.5 }, hp: { lines: [{ text: hp, confidence: 0.5 }], confidence: 0.5 } }, { maxYear: 2030 }).hp;
    expect(read("S80 Machoke gS", "wo SRE")).toBeNull();
    expect(read("S80 Machoke 100 gS", "wo SRE")).toBe(100);
    expect(read("S80 Machoke gS", "P5100 8")).toBe(100);
  });

  it("keeps unsure readings in the raw text only (a foil's outlined 095/203 read `0935/2038` at 0.06)", () => {
    const features = parseCardText(
      {
        hp: { lines: [{ text: "& 310", confidence: 0.27 }], confidence: 0.27 },
        number: { lines: [{ text: "3 37 EE", confidence: 0.14 }], confidence: 0.14, unsure: [{ text: "0935/2038", confidence: 0.06 }, { text: "ME O 2 P 25", confidence: 0 }] },
      },
      { maxYear: 2030 },
    );
    expect(features).toMatchObject({ hp: 310, number: null, printedTotal: null, rawText: "& 310\n3 37 EE\n0935/2038\nME O 2 P 25" });
  });

  // A foil Flareon VMAX photographed: the band's first lines are the sparkle read as debris, one of them word-like.
  it("takes the name of the most confident line that gives one (`Flareo`, not `onVrax.` above it)", () => {
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
