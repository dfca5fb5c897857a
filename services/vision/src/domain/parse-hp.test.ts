import { describe, expect, it } from "vitest";
import { hpAfterName, parseHp } from "./parse-hp";

describe("parseHp", () => {
  it.each([
    ["»60 7", 60],
    ["«60 7", 60],
    ["A340 é", 340],
    ["#340 id", 340],
    // The energy symbol glued after the HP, the H of `HP` read as a digit before it.
    ["= 31007", 310],
    ["HP 220 @", 220],
    ["P5100 8", 100],
    ["wo SRE OT", null],
    ["HP 5", null],
  ])("%j → %j", (line, hp) => {
    expect(parseHp(line)).toBe(hp);
  });
});

describe("hpAfterName", () => {
  it.each([
    // A stage badge read `S80` before the name is no HP; an HP after the name is.
    ["S80 Machoke gS", null],
    ["S80 Machoke 100 gS", 100],
    ["Pikachu 60", 60],
  ])("%j → %j", (line, hp) => {
    expect(hpAfterName(line)).toBe(hp);
  });
});
