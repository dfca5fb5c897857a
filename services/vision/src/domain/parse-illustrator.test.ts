import { describe, expect, it } from "vitest";
import { parseIllustrator } from "./parse-illustrator";

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
