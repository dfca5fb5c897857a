import { describe, expect, it } from "vitest";
import { mostReadNumber, numberAgreed, numberVotes } from "./number-votes";

// A number line read in four ways: debris once, the number three times (its leading zero once lost).
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

describe("numberAgreed", () => {
  it.each([
    ["one number read twice, more than any other", ["024/165", "G 24/165", "11/41"], true],
    ["one number read once", ["024/165", "Pokémon"], false],
    ["two numbers read twice each", ["024/165", "24/165", "11/41", "11/41"], false],
    ["nothing read", [], false],
  ])("%s → %s", (_label, texts, agreed) => {
    expect(numberAgreed(texts.map((text) => ({ text })))).toBe(agreed);
  });
});
