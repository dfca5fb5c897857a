import { editDistance } from "./edit-distance";

/**
 * Mechanic suffixes in their normalized spelling, longest first. They may end the name
 * (`Charizard ex`) or sit inside it when French puts a complement after (`Groudon-EX de la Team Magma`).
 */
const SUFFIXES = ["v union", "lv x", "vmax", "vstar", "break", "prime", "legend", "ex", "gx", "v", "star", "delta"];
/** Suffixes also recognized in the middle of a name (the others are real words there: `Star Piece`). */
const MID_SUFFIXES = new Set(["vmax", "vstar", "break", "ex", "gx", "v"]);
/** `Radiant Charizard` / `Dracaufeu Radieux`: the same mechanic before or after the Pokémon. */
const RADIANT = /(^|\s)(radiant|radieux)(\s|$)/;
/**
 * The mechanic's word first or last in a name, read with one letter wrong, missing or extra (`Radiat Alakazam`):
 * still the mechanic, or the name's words would be compared in the wrong order (`alakazam radiant` in the catalog).
 */
const misreadRadiant = (word: string | undefined) => !!word && word.length >= 6 && ["radiant", "radieux"].some((r) => editDistance(word, r) <= 1);

/**
 * Normalizes a card name in either language for comparison: no accents, lower case, punctuation as
 * spaces (`Dracaufeu-ex` → `dracaufeu ex`, `Farfetch'd` → `farfetchd`, `Charizard ★` → `charizard star`).
 */
export function normalizeCardName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[★☆]/g, " star ")
    .replace(/δ/g, " delta ")
    .toLowerCase()
    .replace(/['’`´]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A normalized name split into the Pokémon / trainer part and its mechanic suffix (`ex`, `vmax`, `radiant`…). */
export interface CardNameParts {
  base: string;
  suffix: string | null;
}

/**
 * Splits a name (any language) into base and suffix: `Pikachu VMAX` → `pikachu` + `vmax`,
 * `Groudon-EX de la Team Magma` → `groudon de la team magma` + `ex`, `Dracaufeu Radieux` → `dracaufeu` + `radiant`.
 */
export function splitCardName(raw: string): CardNameParts {
  const name = normalizeCardName(raw);
  if (RADIANT.test(name)) return { base: name.replace(RADIANT, " ").trim(), suffix: "radiant" };
  const words = name.split(" ");
  if (words.length > 1 && misreadRadiant(words[0])) return { base: words.slice(1).join(" "), suffix: "radiant" };
  if (words.length > 1 && misreadRadiant(words.at(-1))) return { base: words.slice(0, -1).join(" "), suffix: "radiant" };
  for (const suffix of SUFFIXES) {
    if (name.endsWith(` ${suffix}`)) return { base: name.slice(0, -suffix.length - 1).trim(), suffix };
  }
  // Not the first word: `V` alone or `EX Holon` is not a suffix of nothing.
  const at = words.findIndex((w, i) => i > 0 && MID_SUFFIXES.has(w));
  if (at > 0) return { base: [...words.slice(0, at), ...words.slice(at + 1)].join(" "), suffix: words[at] };
  return { base: name, suffix: null };
}

/** The comparable form of a name: base and suffix in one canonical spelling (`groudon de la team magma ex`). */
export function canonicalCardName(raw: string): string {
  const { base, suffix } = splitCardName(raw);
  return suffix ? `${base} ${suffix}` : base;
}

/** OCR lookalikes folded to one character each, so `A1o1an` and `Alolan` share a key. */
const OCR_FOLD: Record<string, string> = { "0": "o", "1": "l", i: "l", "5": "s", "8": "b" };

/**
 * The lookup key of a name: canonical, with OCR lookalikes folded (`0`/`o`, `1`/`l`/`i`, `5`/`s`, `8`/`b`).
 * Catalog names and readings both go through it, so lookalike confusions cost nothing.
 */
export function cardNameKey(raw: string): string {
  return canonicalCardName(raw).replace(/[015i8]/g, (c) => OCR_FOLD[c]);
}

const bag = new Int16Array(128);

/** Lower bound of the edit distance between `a` and `b.slice(0, bLength)`: the characters one has and the other lacks. */
function bagDistance(a: string, b: string, bLength = b.length): number {
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < bLength; i++) bag[b.charCodeAt(i) & 127]--;
  let extra = 0;
  let missing = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    if (bag[c] > 0) extra += bag[c];
    bag[c] = 0;
  }
  for (let i = 0; i < bLength; i++) {
    const c = b.charCodeAt(i) & 127;
    if (bag[c] < 0) missing -= bag[c];
    bag[c] = 0;
  }
  return Math.max(extra, missing);
}

/**
 * Similarity in [0, 1] of two name keys: edit distance over the longer length, and a truncated
 * reading (`alolan exeggu`) counts as a prefix of the full name, weighted by how much of it was read.
 * A similarity certainly below `floor` is reported as 0 without computing it (a cheap character-bag
 * bound), for callers to which such names are all the same.
 */
export function nameSimilarity(a: string, b: string, floor = 0): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const shorter = a.length < b.length ? a : b;
  const longer = a.length < b.length ? b : a;
  const prefixWeight = shorter.length >= 4 ? 0.6 + 0.3 * (shorter.length / longer.length) : 0;
  let prefixBound = prefixWeight;
  if (floor > 0) {
    const editBound = 1 - bagDistance(a, b) / longest;
    prefixBound = prefixWeight * (1 - bagDistance(shorter, longer, shorter.length) / shorter.length);
    if (editBound < floor && prefixBound < floor) return 0;
  }
  const edit = 1 - editDistance(a, b) / longest;
  // The prefix reading only matters when it can beat the whole-name one.
  if (prefixBound <= edit) return edit;
  const prefix = 1 - editDistance(shorter, longer, shorter.length) / shorter.length;
  return Math.max(edit, prefix * prefixWeight);
}
