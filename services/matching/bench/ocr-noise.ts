import type { CardFeatures } from "@poke-ventory/contracts";
import type { SeededRandom } from "./seeded-random";

/**
 * How badly a noise level corrupts a card's printed fields. Probabilities are per card unless noted
 * "per character". See README.md for the table of levels.
 */
export interface NoiseLevel {
  /** Per confusable character of the name, number or total: `O`↔`0`, `l`/`I`↔`1`, `S`↔`5`, `B`↔`8`. */
  confusion: number;
  /** Per character of the name: replaced by another letter or dropped. */
  typo: number;
  dropAccents: number;
  /** The name is cut to 50–85 % of its length (at least 4 characters). */
  truncate: number;
  /** Two words of the name are merged (a space or hyphen lost). */
  merge: number;
  missingName: number;
  missingHp: number;
  /** One digit of the collector number is read as another digit. */
  wrongDigit: number;
  missingTotal: number;
  missingIllustrator: number;
  missingRegulationMark: number;
}

export const NOISE_LEVELS: Record<string, NoiseLevel> = {
  light: {
    confusion: 0.03, typo: 0.01, dropAccents: 0.5, truncate: 0.05, merge: 0.05, missingName: 0,
    missingHp: 0.1, wrongDigit: 0.02, missingTotal: 0.05, missingIllustrator: 0.3, missingRegulationMark: 0.3,
  },
  moderate: {
    confusion: 0.1, typo: 0.03, dropAccents: 0.5, truncate: 0.15, merge: 0.15, missingName: 0.02,
    missingHp: 0.3, wrongDigit: 0.1, missingTotal: 0.2, missingIllustrator: 0.5, missingRegulationMark: 0.5,
  },
  heavy: {
    confusion: 0.2, typo: 0.06, dropAccents: 0.8, truncate: 0.3, merge: 0.3, missingName: 0.05,
    missingHp: 0.5, wrongDigit: 0.25, missingTotal: 0.4, missingIllustrator: 0.8, missingRegulationMark: 0.7,
  },
};

/** OCR lookalikes, both ways: a letter read as a digit and a digit read as a letter. */
const LOOKALIKES: Record<string, string[]> = {
  O: ["0"], o: ["0"], "0": ["O", "o"], l: ["1"], I: ["1"], i: ["1"], "1": ["l", "I"], S: ["5"], s: ["5"], "5": ["S"], B: ["8"], "8": ["B"],
};
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function confuse(text: string, p: number, rng: SeededRandom): string {
  let out = "";
  for (const c of text) out += LOOKALIKES[c] && rng.chance(p) ? rng.pick(LOOKALIKES[c]) : c;
  return out;
}

function typos(text: string, p: number, rng: SeededRandom): string {
  let out = "";
  for (const c of text) {
    if (!/\p{L}/u.test(c) || !rng.chance(p)) out += c;
    else if (rng.chance(0.7)) out += rng.pick([...LETTERS]);
  }
  return out;
}

function corruptName(name: string, level: NoiseLevel, rng: SeededRandom): string | null {
  if (rng.chance(level.missingName)) return null;
  let text = name;
  if (rng.chance(level.dropAccents)) text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (rng.chance(level.truncate) && text.length > 5) text = text.slice(0, Math.max(4, Math.ceil(text.length * (0.5 + 0.35 * rng.next()))));
  if (rng.chance(level.merge)) {
    const gaps = [...text.matchAll(/[\s-]/g)].map((m) => m.index);
    if (gaps.length > 0) {
      const at = rng.pick(gaps);
      text = text.slice(0, at) + text.slice(at + 1);
    }
  }
  return typos(confuse(text, level.confusion, rng), level.typo, rng);
}

function wrongDigit(number: string, rng: SeededRandom): string {
  const digits = [...number].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  if (digits.length === 0) return number;
  const at = rng.pick(digits);
  const other = String((Number(number[at]) + 1 + rng.int(9)) % 10);
  return number.slice(0, at) + other + number.slice(at + 1);
}

/** A card's exact printed fields read the way OCR fails at `level`. Deterministic for a given random state. */
export function corruptFeatures(exact: CardFeatures, level: NoiseLevel, rng: SeededRandom): CardFeatures {
  let number = exact.number;
  if (number && rng.chance(level.wrongDigit)) number = wrongDigit(number, rng);
  const total = exact.printedTotal && !rng.chance(level.missingTotal) ? confuse(exact.printedTotal, level.confusion, rng) : null;
  return {
    ...exact,
    name: exact.name ? corruptName(exact.name, level, rng) : null,
    hp: rng.chance(level.missingHp) ? null : exact.hp,
    number: number ? confuse(number, level.confusion, rng) : null,
    printedTotal: total,
    illustrator: exact.illustrator && !rng.chance(level.missingIllustrator) ? typos(confuse(exact.illustrator, level.confusion, rng), level.typo, rng) : null,
    regulationMark: rng.chance(level.missingRegulationMark) ? null : exact.regulationMark,
    confidence: 0.8,
  };
}
