import { describe, expect, it } from "vitest";
import { parseYear } from "./parse-year";

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
