/** A collector number read from a card (`051/198`, `GG10/GG70`, `SWSH050`, `SVP 045`). */
export interface CollectorNumber {
  /** Lookup key shared with catalog numbers: prefix + value without leading zeros + suffix (`TG5`, `51`, `60A`). */
  key: string;
  /** Letters before the digits (`TG`, `SWSH`), empty when none. */
  prefix: string;
  value: number;
  /** Variant letter after the digits (`A` for `60a`). */
  suffix: string;
  /** Number after the slash, when printed (`198`; `70` for `GG70`). */
  printedTotal: number | null;
  /** Letters of the printed total (`GG` for `GG70`). */
  totalPrefix: string;
  /** Catalog set a promo code names when catalog numbers omit it (`SVP 045`, `045/SV-P` → `svp`). */
  promoSetId: string | null;
}

/** Letter prefixes of catalog numbers, longest first so `SWSH` wins over `SV`/`SH`. */
const KNOWN_PREFIXES = ["SWSH", "HGSS", "SM", "SV", "XY", "BW", "DP", "TG", "GG", "RC", "SH", "SL", "AR", "RT", "H"];

/** Promo codes printed on cards whose catalog numbers carry no prefix. */
const PROMO_SETS: Record<string, string> = { SVP: "svp" };

/** The promo code a set's cards print before a catalog number that omits it (`svp` → `SVP`), or null. */
export const promoCodeOf = (setId: string): string | null => Object.keys(PROMO_SETS).find((code) => PROMO_SETS[code] === setId) ?? null;

/** Numbers printed as words (the Alph lithographs' `ONE` to `FOUR`, a museum promo): their key is the word. */
const WORD_NUMBERS = new Set(["ONE", "TWO", "THREE", "FOUR", "MUSEUM"]);

/** OCR confusions in letter positions of a prefix (`5WSH050` is `SWSH050`, `8W36` is `BW36`, `T605` is `TG05`). */
const LETTER_LOOKALIKES: Record<string, string> = { "0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B" };

/** OCR confusions in digit positions. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: "0", o: "0", l: "1", I: "1", i: "1", "|": "1", "!": "1", S: "5", s: "5", B: "8", Z: "2", z: "2", G: "6" };

/** Spaces and separators dropped, `VV` read as the `W` it is (`SVVSH050`). */
const compact = (s: string) => s.replace(/[\s.\-_]/g, "").replace(/VV/gi, "W");

function splitPrefix(s: string): { prefix: string; rest: string } {
  const upper = s.toUpperCase().replace(/[012568]/g, (c, i: number) => (i < 4 ? LETTER_LOOKALIKES[c] : c));
  for (const p of Object.keys(PROMO_SETS)) if (upper.startsWith(p)) return { prefix: p, rest: s.slice(p.length) };
  for (const p of KNOWN_PREFIXES) {
    // A prefix only counts when something that can be a digit follows it.
    if (upper.startsWith(p) && s.length > p.length && /[0-9OolIi|!SsBZzG]/.test(s[p.length])) return { prefix: p, rest: s.slice(p.length) };
  }
  return { prefix: "", rest: s };
}

function readDigits(rest: string): { value: number; digits: string; suffix: string } | null {
  const m = /^(.*?)([a-zA-Z])?$/.exec(rest);
  if (!m) return null;
  let body = m[1];
  let suffix = m[2] ?? "";
  // A trailing lookalike belongs to the digits (`5O` is `50`, `5B` is `58`); `a`, `b`, `A` are variant letters.
  if (suffix && !/^[abA]$/.test(suffix)) {
    body = rest;
    suffix = "";
  }
  const digits = [...body].map((c) => DIGIT_LOOKALIKES[c] ?? c).join("");
  if (!/^\d{1,4}$/.test(digits)) return null;
  return { value: Number(digits), digits, suffix: suffix.toUpperCase() };
}

function readPart(raw: string): { prefix: string; value: number; suffix: string } | null {
  const s = compact(raw);
  if (!s) return null;
  const plain = readDigits(s);
  // Digits alone first (`51`, `5O`), so a lookalike never turns a plain number into a prefix.
  if (plain && /^\d/.test(s)) return { prefix: "", value: plain.value, suffix: plain.suffix };
  const { prefix, rest } = splitPrefix(s);
  const digits = readDigits(rest);
  if (digits) return { prefix, value: digits.value, suffix: digits.suffix };
  return plain ? { prefix: "", value: plain.value, suffix: plain.suffix } : null;
}

/**
 * A subset number read under its total's letters (`6G01/GG70`, `T605/TG30`): the total's letters are read more
 * reliably, and a lookalike digit in the number's own letters would make it a plain number.
 */
function underPrefix(raw: string, prefix: string): { prefix: string; value: number; suffix: string } | null {
  const s = compact(raw);
  const letters = s.slice(0, prefix.length).toUpperCase().replace(/[012568]/g, (c) => LETTER_LOOKALIKES[c]);
  if (letters !== prefix) return null;
  const digits = readDigits(s.slice(prefix.length));
  return digits ? { prefix, value: digits.value, suffix: digits.suffix } : null;
}

/** Numbers of one letter or sign (Unown `C`, `?`) or a word (`ONE`): their key is the text itself. */
function letterNumber(raw: string): CollectorNumber | null {
  const text = compact(raw).toUpperCase();
  if (!/^[A-Z!?]$/.test(text) && !WORD_NUMBERS.has(text)) return null;
  return { key: text, prefix: text, value: 0, suffix: "", printedTotal: null, totalPrefix: "", promoSetId: null };
}

/** The lookup key of a number as the catalog stores it (`051` → `51`, `SWSH050` → `SWSH50`, `A` → `A`). */
export function collectorNumberKey(raw: string): string {
  const part = readPart(raw);
  return part ? `${part.prefix}${part.value}${part.suffix}` : compact(raw).toUpperCase();
}

/**
 * Parses a collector number as printed, with or without its total (`51/198`, `GG10/GG70`, `SM103`,
 * `SVP 045`, `005/SV-P`), fixing OCR lookalikes in digit positions. Returns null when nothing usable is left.
 */
export function parseCollectorNumber(raw: string | null | undefined, printedTotal?: string | null): CollectorNumber | null {
  if (!raw) return null;
  const [numberText, totalFromSlash] = raw.split("/", 2);
  const totalText = printedTotal ?? totalFromSlash ?? null;
  const total0 = totalText && !PROMO_SETS[compact(totalText).toUpperCase()] ? readPart(totalText) : null;
  const number = (total0?.prefix ? underPrefix(numberText, total0.prefix) : null) ?? readPart(numberText);
  if (!number) return letterNumber(numberText);
  let promoSetId = PROMO_SETS[number.prefix] ?? null;
  let prefix = promoSetId ? "" : number.prefix;
  let total: { prefix: string; value: number } | null = null;
  if (totalText) {
    const promo = PROMO_SETS[compact(totalText).toUpperCase()];
    if (promo) promoSetId = promo;
    else total = readPart(totalText);
  }
  if (promoSetId) prefix = "";
  return {
    key: `${prefix}${number.value}${number.suffix}`,
    prefix,
    value: number.value,
    suffix: number.suffix,
    printedTotal: total?.value ?? null,
    totalPrefix: total?.prefix ?? "",
    promoSetId,
  };
}
