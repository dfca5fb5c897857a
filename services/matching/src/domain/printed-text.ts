import { editDistance } from "./edit-distance";

/**
 * What a card prints, looked for in the raw OCR text of a reading. When vision could not read a field (an outlined
 * foil number read `0935/2038` at no confidence, an illustrator read `PAK IR AT EGAWA` with no `Illus.` before it),
 * each candidate's own printing can still be found in that text with a character or two wrong: the catalog is the
 * lexicon that turns a misreading into evidence. Pure: no catalog, no I/O.
 */

/** Prefixes of subset numbers, printed before the total too (`TG23/TG30`, `GG10/GG70`, `SV107/SV122`). */
const SUBSET_PREFIXES = new Set(["TG", "GG", "SV", "RC"]);

/** Upper case, no spaces: how a number's line is compared (OCR puts spaces inside numbers: `095/ 203`). */
export const compactCode = (text: string) => text.toUpperCase().replace(/\s+/g, "");

/** Lower-case letters and digits only, accents dropped: how an illustrator's name is compared. */
export const compactName = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** A raw text's lines compacted for looking up printed numbers and illustrators ({@link compactCode}, {@link compactName}). */
export interface TextLines {
  codes: string[];
  names: string[];
}

/** The raw text's non-empty lines, compacted both ways; null when there are none. */
export function rawTextLines(raw: string): TextLines | null {
  const lines = raw.split("\n").filter((l) => l.trim());
  if (lines.length === 0) return null;
  return { codes: lines.map(compactCode).filter(Boolean), names: lines.map(compactName).filter(Boolean) };
}

/**
 * The shapes in which a card prints its collector number, compacted: `095/203` and `95/203` (eras differ in zero
 * padding), `TG23/TG30`, `SWSH182` (promos print no total: pass null), `SVP045` and `045/SV-P` for a promo whose code
 * the catalog number omits (`promoCode`). None for a number of no known shape.
 */
export function printedNumbers(number: string, printedTotal: number | null, promoCode: string | null = null): string[] {
  const m = /^([A-Z]*)(\d+)([A-Z]?)$/i.exec(number.trim());
  if (!m) return [];
  const [, prefix, digits, suffix] = m;
  const value = String(Number(digits));
  if (promoCode && !prefix) {
    const padded = value.padStart(3, "0");
    return [`${promoCode}${padded}`, `${padded}/${promoCode.slice(0, -1)}-${promoCode.slice(-1)}`];
  }
  const upper = prefix.toUpperCase();
  if (upper && !SUBSET_PREFIXES.has(upper)) return [`${upper}${digits}${suffix}`.toUpperCase()];
  if (printedTotal === null) return [`${upper}${value}${suffix}`.toUpperCase()];
  if (upper) return [`${upper}${value}${suffix}/${upper}${printedTotal}`.toUpperCase()];
  const total = String(printedTotal);
  const padded = value.padStart(total.length, "0");
  return [...new Set([`${padded}${suffix}/${total}`, `${value}${suffix}/${total}`])].map((s) => s.toUpperCase());
}

/**
 * The fewest edits (insertions, deletions, substitutions) that turn `pattern` into some substring of `text`: 0 when
 * the text holds it, 1 when it holds it with one character wrong, missing or extra.
 */
export const distanceWithin = (pattern: string, text: string) => editDistance(pattern, text, text.length, true);

/** The smallest {@link distanceWithin} of any of `patterns` in any of `lines`. */
export function closestIn(patterns: readonly string[], lines: readonly string[]): number {
  let best = Infinity;
  for (const p of patterns) for (const line of lines) best = Math.min(best, distanceWithin(p, line));
  return best;
}
