import { describe, expect, it } from "vitest";
import { cardNameKey } from "./card-name";
import { fragmentSimilarity, NAME_FRAGMENT, nameFragments } from "./name-fragments";

const key = cardNameKey;

describe("nameFragments", () => {
  it.each([
    ["a name with its front cut, then an HP and debris", "ntacool\n1165\n7×2", ["ntacool"]],
    ["layout words dropped, rules text and numbers skipped", "Help\nSupporter\nTRAINER\nYou may play only 1 Supporter card\n1936163", ["help"]],
    ["a layout word misread is still layout", "Resistoncel\nresistance\nretreat", []],
    ["layout words dropped from a line, what is left kept if long enough", "Pokemon Too!\nPokemon duri", ["durl"]],
    ["repeats once", "ncnan\nncnan", ["ncnan"]],
    ["nothing word-like", "HP120\nX2\n\"\no", []],
  ])("%s", (_label, raw, expected) => expect(nameFragments(raw)).toEqual(expected));

  it(`keeps at most ${NAME_FRAGMENT.lines} lines, the first ones`, () => {
    const lines = Array.from({ length: 20 }, (_, i) => `word${String.fromCharCode(97 + i)}xyz`);
    expect(nameFragments(lines.join("\n"))).toEqual(lines.slice(0, NAME_FRAGMENT.lines).map(key));
  });
});

describe("fragmentSimilarity", () => {
  it.each([
    ["its front cut", "ntacool", "Tentacool", 1],
    ["its end cut", "alolan exegg", "Alolan Exeggutor ex", 1],
    ["its front cut and a letter wrong", "ncnan", "Hitmonchan", 0.8],
    ["the last word of a trainer's name", "help", "Daisy's Help", 1],
    ["too short to tell", "ool", "Tentacool", 0],
    ["a middle part is no cut end", "ntaco", "Tentacool", 0],
    ["two letters wrong of five", "ncnon", "Hitmonchan", 0],
    ["a short fragment allows no letter wrong", "halp", "Daisy's Help", 0],
    ["longer than the name", "tentacoolx2", "Tentacool", 0],
  ])("%s: %s in %s → %d", (_label, fragment, name, expected) => expect(fragmentSimilarity(key(fragment), key(name))).toBeCloseTo(expected, 5));

  it("gives 1 to every start and end of a name long enough, and to the name itself", () => {
    for (const name of ["tentacool", "dalsys help", "alolan exeggutor ex", "pikachu vmax", "hltmonchan"]) {
      for (let cut = 0; cut <= name.length - NAME_FRAGMENT.minLetters; cut++) {
        expect(fragmentSimilarity(name.slice(cut), name)).toBe(1);
        expect(fragmentSimilarity(name.slice(0, name.length - cut), name)).toBe(1);
      }
    }
  });

  it("is 0 or at least 1 − wrongShare, never in between", () => {
    const names = ["tentacool", "dalsys help", "hltmonchan", "weedle", "pikachu"];
    const fragments = ["ntacool", "ncnan", "help", "eedle", "kachu", "chan", "tacol", "xyzw", "edle"];
    for (const f of fragments) {
      for (const n of names) {
        const s = fragmentSimilarity(f, n);
        expect(s === 0 || s >= 1 - NAME_FRAGMENT.wrongShare).toBe(true);
      }
    }
  });
});
