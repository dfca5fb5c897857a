import { cardNameKey } from "./card-name";
import { editDistance } from "./edit-distance";

/**
 * A name read with its front or its end cut (`ntacool` on a photo whose warp or glare ate the first letters, `Help`
 * with `Daisy's` under a sleeve's glare) is no name vision can parse (it wants a capitalised word) or no name of the
 * catalog, yet it is a part of one. The raw text's word-like lines are looked for as the start or the end of the
 * catalog's names, with few letters wrong. Pure: no catalog, no I/O.
 *
 * Fitted on the synthetic table photos of seeds 7 and 11 (`bench:make-photos`), where the name band gave such lines.
 */
export const NAME_FRAGMENT = {
  /** Fewer letters match too many names' ends (`chan`, `ite`). */
  minLetters: 4,
  /** More words is rules text (`You may play only 1 Supporter`), not a name. */
  maxWords: 3,
  /** Share of a line's characters (spaces aside) that must be letters: `HP120`, `7×2`, `193A163` are no names. */
  letterShare: 0.8,
  /** Share of the fragment's letters that may be wrong, missing or extra (rounded down: none below five letters). */
  wrongShare: 0.2,
  /** Lines looked at, first first (the name band comes first in the raw text). */
  lines: 8,
} as const;

/**
 * Words printed on every card of a kind, around the name or on the stats line (`TRAINER`, `Supporter`, `resistance`):
 * layout, not a name, though some names hold one (`Pokémon Nurse`, `Ace Trainer`, `… Energy`), whose other words would
 * then be matched on the layout word alone (`Pokemon duri` as `Pokémon Nurse`).
 */
const LAYOUT_WORDS = [
  "basic", "base", "basique", "stage", "niveau", "pokemon", "trainer", "dresseur", "supporter", "supporteur", "item", "objet",
  "stadium", "stade", "tool", "outil", "ability", "talent", "energy", "energie", "weakness", "faiblesse", "resistance",
  "retreat", "retraite", "evolves", "from", "evolue", "rule", "regle",
].map(cardNameKey);

/** A layout word, perhaps misread as a fragment may be (`Resistoncel`). */
const isLayout = (word: string) => LAYOUT_WORDS.some((w) => editDistance(word, w) <= allowedEdits(Math.max(word.length, w.length)));

/** Letters that may be wrong, missing or extra in a fragment of `length` letters. */
const allowedEdits = (length: number) => Math.floor(length * NAME_FRAGMENT.wrongShare);

/**
 * The raw text's lines that may be a name cut at one end, as name keys (`cardNameKey`) without their layout words: at
 * most `maxWords` words, `minLetters` letters or more, mostly letters; first lines first, no repeats.
 */
export function nameFragments(raw: string): string[] {
  const out: string[] = [];
  for (const line of raw.split("\n")) {
    const chars = line.replace(/\s+/g, "");
    const letters = chars.replace(/[^\p{L}]/gu, "");
    if (letters.length < chars.length * NAME_FRAGMENT.letterShare) continue;
    const words = cardNameKey(line).split(" ");
    const key = words.filter((w) => !isLayout(w)).join(" ");
    if (words.length > NAME_FRAGMENT.maxWords || key.replace(/ /g, "").length < NAME_FRAGMENT.minLetters || out.includes(key)) continue;
    out.push(key);
    if (out.length === NAME_FRAGMENT.lines) break;
  }
  return out;
}

const reverse = (s: string) => [...s].reverse().join("");

/** The fewest edits that turn `a` into a prefix of `b` of `a`'s length give or take `slack`. */
function prefixDistance(a: string, b: string, slack: number): number {
  let best = Infinity;
  for (let length = Math.max(0, a.length - slack); length <= Math.min(b.length, a.length + slack); length++) {
    best = Math.min(best, editDistance(a, b, length));
  }
  return best;
}

/**
 * True when `name` holds one of `edits + 1` pieces of `fragment` as they are: a fragment read with at most `edits`
 * letters wrong keeps one piece whole (pigeonhole), so a name holding none is no match, found without an edit distance.
 */
function holdsPiece(fragment: string, name: string, edits: number): boolean {
  const size = Math.floor(fragment.length / (edits + 1));
  for (let i = 0; i <= edits; i++) {
    if (name.includes(fragment.slice(i * size, i === edits ? fragment.length : (i + 1) * size))) return true;
  }
  return false;
}

/**
 * Similarity in [0, 1] of a fragment (a name key) to a catalog name key it may be the start or the end of:
 * `1 − edits / fragment length` against the name's closest prefix or suffix, 0 when more than `wrongShare` of the
 * fragment is wrong or the fragment has fewer than `minLetters` characters. A whole name is its own prefix.
 */
export function fragmentSimilarity(fragment: string, name: string): number {
  if (fragment.length < NAME_FRAGMENT.minLetters || fragment.length > name.length + 1) return 0;
  const allowed = allowedEdits(fragment.length);
  if (!holdsPiece(fragment, name, allowed)) return 0;
  const edits = Math.min(prefixDistance(fragment, name, allowed), prefixDistance(reverse(fragment), reverse(name), allowed));
  return edits > allowed ? 0 : 1 - edits / fragment.length;
}
