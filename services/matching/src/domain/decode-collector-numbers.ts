import { editDistance } from "./edit-distance";

/**
 * The collector numbers a catalog holds, as the decoder asks for them: a noisy token is only ever resolved to a number
 * this says exists, so OCR debris cannot invent one.
 */
export interface NumberLexicon {
  /**
   * The number printed with letters as this compact code (`SWSH179`, `SM01`, `TG05`, `SVP045`), with its lookup key
   * (`collectorNumberKey`) and the promo set it names when the catalog number omits the code; null when none.
   */
  code(printed: string): { key: string; promoSetId: string | null } | null;
  /** True when a set printing `total` after the slash has a card with this key. */
  hasNumberOfTotal(key: string, total: number): boolean;
}

/** A number found in noisy text and known to the catalog. */
export interface DecodedNumber {
  key: string;
  /** The printed total read with it (`NNN/NNN`), null for a code read alone (`SWSH179`). */
  printedTotal: number | null;
  promoSetId: string | null;
  /** Edits beyond lookalike swaps that the letters needed (`SVSH` for `SWSH`: 1). */
  edits: number;
}

/**
 * Letter codes printed before digits, longest first, with the edits (beyond lookalikes) each may take: one for codes
 * of four letters, none for shorter ones (one edit in two letters matches too much debris).
 */
const CODES: readonly string[] = ["SWSH", "HGSS", "SVP", "SM", "XY", "BW", "DP", "TG", "GG", "SV", "RC", "SH", "SL", "AR", "RT", "H"];
const editsAllowed = (code: string) => (code.length >= 4 ? 1 : 0);

/** What a character may be read for in a letter position (`5WSH` is `SWSH`, `8W` is `BW`, `T6` is `TG`). */
const AS_LETTER: Record<string, string> = { "0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B", "|": "I", "!": "I" };
/** What a character may be read for in a digit position (`SWSHIZI` is `SWSH121`, `HOSS` is `H055`). */
const AS_DIGIT: Record<string, string> = { O: "0", Q: "0", D: "0", I: "1", L: "1", "|": "1", "!": "1", J: "1", Z: "2", S: "5", B: "8", G: "6" };
const MAX_DIGITS = 3;

/** Upper case, accents and spaces dropped, `VV` read as the `W` it is; slashes kept. */
export function compactLine(line: string): string {
  return line
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/VV/g, "W");
}

/** Language marks printed between a set code and the number (`SVP EN 045`). */
const LANGUAGE_MARKS = ["EN", "FR", "DE", "IT", "ES", "PT"];
/** The length of the language mark at `at`, or 0. */
const languageMark = (s: string, at: number) => (LANGUAGE_MARKS.includes(s.slice(at, at + 2)) ? 2 : 0);

const letterAt = (s: string, i: number) => AS_LETTER[s[i]] ?? s[i];
const digitAt = (s: string, i: number) => (/\d/.test(s[i] ?? "") ? s[i] : (AS_DIGIT[s[i]] ?? null));

/** The digits read from `at` on (lookalikes as digits), at most {@link MAX_DIGITS}. */
function digitsFrom(s: string, at: number): string {
  let digits = "";
  for (let i = at; i < s.length && digits.length < MAX_DIGITS; i++) {
    const d = digitAt(s, i);
    if (d === null) break;
    digits += d;
  }
  return digits;
}

/** End positions of `code` in `s` starting at `start`, with the edits it took (lookalikes free). */
function codeEnds(s: string, start: number, code: string): { end: number; edits: number }[] {
  const budget = editsAllowed(code);
  const ends: { end: number; edits: number }[] = [];
  for (let length = code.length - budget; length <= code.length + budget; length++) {
    if (length < 1 || start + length > s.length) continue;
    let window = "";
    for (let i = start; i < start + length; i++) window += letterAt(s, i);
    const edits = budget === 0 ? (window === code ? 0 : 1) : editDistance(code, window);
    // The window must start on the code's first or second letter: an edit at the start is debris otherwise.
    if (edits <= budget && (window[0] === code[0] || window[0] === code[1])) ends.push({ end: start + length, edits });
  }
  return ends;
}

/** True when the text from `at` reads as `code` (lookalikes as letters). */
const startsWithCode = (s: string, at: number, code: string) => [...code].every((c, i) => letterAt(s, at + i) === c);

/**
 * Letter codes in one compact line: `DSWSH044`, `ESVSH17908`, `SWVSHIZI`, `(0JISWSHOSS`. A code read inside a longer
 * one is dropped (the `H17` of `SWSH179`).
 */
function codedNumbers(s: string, lexicon: NumberLexicon, out: DecodedNumber[]): void {
  const hits: (DecodedNumber & { start: number; end: number })[] = [];
  for (let start = 0; start < s.length; start++) {
    for (const code of CODES) {
      for (const { end, edits } of codeEnds(s, start, code)) {
        const digits = digitsFrom(s, end) || digitsFrom(s, end + languageMark(s, end));
        // Digits running into a total that does not repeat the code (`TG05/TG30` does) are a number over its total,
        // the letter before them a mark (`H 248/191`).
        if (s[end + digits.length] === "/" && !startsWithCode(s, end + digits.length + 1, code)) continue;
        // Longest first: promos print a fixed width (`SWSH044`), junk after is cut (`SWSH17908` is `SWSH179`).
        for (let n = digits.length; n >= 1; n--) {
          const found = lexicon.code(`${code}${digits.slice(0, n)}`);
          if (!found) continue;
          hits.push({ key: found.key, printedTotal: null, promoSetId: found.promoSetId, edits, start, end });
          break;
        }
      }
    }
  }
  const inside = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a !== b && a.start >= b.start && a.end <= b.end && a.end - a.start < b.end - b.start;
  for (const hit of hits) {
    if (hits.some((other) => inside(hit, other))) continue;
    out.push({ key: hit.key, printedTotal: null, promoSetId: hit.promoSetId, edits: hit.edits });
  }
}

/** Promo codes printed after the slash in place of a total (`045/SV-P`). */
const CODES_AFTER_SLASH = ["SVP"];

/** The promo code printed from `at` on, its hyphen aside (`SV-P`, `5V-P`), or null. */
function promoAfter(s: string, at: number): string | null {
  let letters = "";
  for (let i = at; i < s.length && letters.length < 3; i++) if (s[i] !== "-") letters += letterAt(s, i);
  return CODES_AFTER_SLASH.includes(letters) ? letters : null;
}

/**
 * `NNN/NNN` in one compact line, digits glued around it (`S9240/191` is 240/191): the number is the last one to three
 * digits before the slash, the total the first two or three after it, each pair kept only when a set of that total
 * has a card of that number; `NNN/SV-P` likewise when the catalog has that promo.
 */
function slashNumbers(s: string, lexicon: NumberLexicon, out: DecodedNumber[]): void {
  for (let slash = s.indexOf("/"); slash >= 0; slash = s.indexOf("/", slash + 1)) {
    let before = "";
    for (let i = slash - 1; i >= 0 && before.length < 5; i--) {
      const d = digitAt(s, i);
      if (d === null) break;
      before = d + before;
    }
    const code = promoAfter(s, slash + 1);
    const promo = code && before ? lexicon.code(`${code}${before.slice(-3).padStart(3, "0")}`) : null;
    if (promo) out.push({ key: promo.key, printedTotal: null, promoSetId: promo.promoSetId, edits: 0 });
    const after = digitsFrom(s, slash + 1);
    // A total of one digit only when nothing is glued after it: three small sets print one (`1/8`).
    for (let t = after.length; t >= Math.max(1, Math.min(2, after.length)); t--) {
      const total = Number(after.slice(0, t));
      for (let n = Math.min(3, before.length); n >= 1; n--) {
        const key = String(Number(before.slice(-n)));
        if (key !== "0" && lexicon.hasNumberOfTotal(key, total)) out.push({ key, printedTotal: total, promoSetId: null, edits: 0 });
      }
    }
  }
}

/**
 * The collector numbers the catalog holds that can be read in noisy OCR text, fewest edits first, each once. Letter
 * codes are found with junk before and after them, lookalikes either way (S/5, O/0, I/l/1, Z/2, B/8, G/6, VV/W) and
 * one letter wrong, missing or extra in a code of four letters; digits only through lookalikes. Pure.
 */
export function decodeCollectorNumbers(text: string, lexicon: NumberLexicon): DecodedNumber[] {
  const found: DecodedNumber[] = [];
  for (const line of text.split("\n")) {
    const s = compactLine(line);
    if (!s) continue;
    codedNumbers(s, lexicon, found);
    slashNumbers(s, lexicon, found);
  }
  const seen = new Map<string, DecodedNumber>();
  for (const n of found.sort((a, b) => a.edits - b.edits)) {
    const id = `${n.key}|${n.printedTotal}|${n.promoSetId}`;
    if (!seen.has(id)) seen.set(id, n);
  }
  return [...seen.values()];
}
