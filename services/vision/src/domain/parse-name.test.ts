import { describe, expect, it } from "vitest";
import { parseName } from "./parse-name";

// Lines tesseract.js read on name bands of scans and photos.
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
    // The mechanic's logo glued to the name on a photo: a capital after a small letter starts a word.
    ["mx “PikachaW77; Me", "Pikacha"],
    ["VaporeonVMAX", "Vaporeon VMAX"],
    ["fe Oo con Vi", null],
    // Layout lines of the name band (the previous stage, the trainer kind): not names.
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
