import type { CardFeatures } from "@poke-ventory/contracts";

/** What OCR read in one zone of the card. Confidence 0..1. */
export interface ZoneReading {
  lines: { text: string; confidence: number }[];
  confidence: number;
  /** Other readings of the zone, too unsure to take: kept in the raw text only. */
  unsure?: { text: string; confidence: number }[];
}

/** OCR readings by zone name (see `CARD_ZONES`). */
export type CardReadings = Partial<Record<"name" | "hp" | "footer" | "copyright" | "number", ZoneReading>>;

const STAGE_WORDS = new Set(["basic", "base", "basique", "stage", "niveau", "restored", "vmax", "vstar", "v", "ex", "de"]);
const SUFFIXES: Record<string, string> = { ex: "ex", gx: "GX", v: "V", vmax: "VMAX", vstar: "VSTAR", break: "BREAK", prime: "Prime" };
const CONNECTORS = new Set(["de", "du", "des", "la", "le", "of", "&"]);
/** Words printed around the name (card kind, trainer kind): a run made only of these is the layout, not a name. */
const LAYOUT_WORDS = new Set([
  "basic", "base", "basique", "stage", "niveau", "pokémon", "pokemon", "trainer", "dresseur", "supporter", "supporteur",
  "item", "objet", "stadium", "stade", "tool", "outil", "ability", "talent", "energy", "énergie",
]);
const fold = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const LAYOUT_FOLDED = [...LAYOUT_WORDS].map(fold);

/**
 * A token made of layout words, OCR having glued them (`PokemonTool`) and perhaps a letter or two of the symbol
 * after them (`PokemonTooly`).
 */
function isLayout(token: string): boolean {
  const letters = fold(token).replace(/[^a-z]/g, "");
  // ends[i]: the first i letters are layout words end to end.
  const ends = [true];
  for (let i = 1; i <= letters.length; i++) ends[i] = LAYOUT_FOLDED.some((w) => i >= w.length && ends[i - w.length] && letters.startsWith(w, i - w.length));
  return letters.length > 0 && ends.some((end, i) => end && i > 0 && letters.length - i <= 2);
}

/**
 * `Evolves from Ekans` (`Évolue de …`) under the name: that line names the previous stage, not the card. OCR mangles
 * the start of `Evolves` (`Evoives`, `boivesfom`), less often the `ves from` after it.
 */
const EVOLVES = /^[^\p{L}]*\p{L}{0,2}(?:ev[a-z]{2,4}es|[ée]volue|[a-z]{0,4}ves\s?fr?om)/iu;
const WORD = /^[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿA-Z'’.-]*[a-zà-öø-ÿ'’.]$|^[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’.-]+-(?:ex|EX|GX)$/;

const clean = (token: string) => token.replace(/^[^\p{L}\d]+|[^\p{L}\d.'’-]+$/gu, "").replace(/[.]+$/, (m) => (m.length === 1 ? m : ""));

/**
 * The card's name from the name band: the longest run of capitalised words (with connectors such as `de`),
 * followed by a mechanic suffix (`ex`, `V`, `VMAX`…). Stage badges (`BASIC`, `STAGE 1`) and OCR debris are dropped.
 */
export function parseName(line: string): string | null {
  // A capital after a small letter starts a new word: OCR glues the mechanic's logo to the name (`PikachaW`).
  const all = line.split(/\s+/).flatMap((t) => t.split(/(?<=\p{Ll})(?=\p{Lu})/u)).map(clean).filter(Boolean);
  const evolves = all.findIndex((t) => EVOLVES.test(t));
  const tokens = evolves >= 0 ? all.slice(0, evolves) : all;
  let best: string[] = [];
  for (let start = 0; start < tokens.length; start++) {
    if (!WORD.test(tokens[start]) || STAGE_WORDS.has(tokens[start].toLowerCase())) continue;
    const run = [tokens[start]];
    for (let i = start + 1; i < tokens.length; i++) {
      const t = tokens[i];
      if (WORD.test(t) && !(t.toLowerCase() in SUFFIXES)) run.push(t);
      else if (/^d['’]\p{Lu}/u.test(t)) run.push(t);
      else if (CONNECTORS.has(t.toLowerCase()) && i + 1 < tokens.length && WORD.test(tokens[i + 1])) run.push(t);
      else {
        if (t.toLowerCase() in SUFFIXES) run.push(SUFFIXES[t.toLowerCase()]);
        break;
      }
    }
    if (run.every(isLayout)) continue;
    const letters = run.join("").length;
    if (letters > best.join("").length) best = run;
  }
  const name = best.join(" ");
  return name.replace(/[^\p{L}]/gu, "").length >= 3 ? name : null;
}

/**
 * HP is a multiple of ten from 30 to 400; OCR glues the energy symbol after it (`31007` is 310) and reads the `H`
 * of `HP` as a digit before it (`P5100` is 100).
 */
export function parseHp(line: string): number | null {
  const runs = line.match(/\d+/g) ?? [];
  const candidates = [...runs.flatMap((run) => [run.slice(0, 3), run.slice(0, 2)]), ...runs.filter((r) => r.length === 4).map((r) => r.slice(1))];
  for (const digits of candidates) {
    const hp = Number(digits);
    if (digits.length >= 2 && hp % 10 === 0 && hp >= 30 && hp <= 400) return hp;
  }
  return null;
}

/** The HP printed right of the name on the name band: only what follows the name counts (a stage badge precedes it). */
function hpAfterName(line: string): number | null {
  const name = parseName(line);
  const at = name ? line.indexOf(name.split(" ").at(-1)!) : -1;
  return parseHp(at >= 0 ? line.slice(at) : line);
}

const NUMBER_WITH_TOTAL = /(?<![A-Z0-9])([A-Z]{0,4}\d{1,3}[ab]?)\s?\/\s?([A-Z]{0,4}\d{1,3})(?![0-9])/;
/** Digits glued to the slash: a bracket or star read as a digit (`1166/1655` is 166/165). */
const LOOSE_NUMBER_WITH_TOTAL = /(\d{1,5})\s?[/,]{1,2}\s?(\d{2,5})/;
/** The slash read as `7`, `1` or `I` inside one run of digits, a star glued after (`18271654` is 182/165). */
const SLASHLESS_NUMBER = /(?<!\d)(\d{3})[71I](\d{3})\d?(?!\d)/;
/**
 * Six digits whose third is the slash read as `7` or `1` (`697165` is 69/165, the number's first digit lost): taken
 * only when the six cannot be a number and a total with the slash lost (697/165 is no number), and when the total
 * needs no repair of its own (`717765` would be 71/165 only with its `7` read as a `1` too: debris, no number).
 */
const SHORT_SLASHLESS_NUMBER = /(?<!\d)(\d{2})[71I](\d{3})(?!\d)/;
const shortSlashless = (line: string) => {
  const m = SHORT_SLASHLESS_NUMBER.exec(line);
  return m && !m[2].startsWith("7") && !plausible(m[0].slice(0, 3), m[2]) ? m : null;
};
/** A promo number; its digits may be read as lookalike letters (`SWSHI82`). */
const PROMO_NUMBER = /\b(SWSH|SVP|SV|SM|XY|BW|HGSS|DP)((?=[0-9IlO|]{0,2}\d)[0-9IlO|]{2,3})\b/i;
/**
 * A subset number (`GG10/GG70`, `TG05/TG30`, `SV12/SV94`, `RC3/RC32`): the total's two-letter prefix is read more
 * reliably than the number's (bigger context, no glued star), so the number is rebuilt under it.
 */
const PREFIXED_NUMBER = /([A-Z0-9|l]{1,5})\s?\/\s?([A-Z]{2})([0-9OIl|]{2,3})/;

/**
 * Collector number and printed total (`025/165`, `GG10/GG70`), or a promo number alone (`SWSH180`). Small print
 * is often misread around the slash: digits glued to it are trimmed to three, and a slash read as a digit is
 * recovered when the run has the shape of `ddd/ddd`.
 */
export function parseNumber(line: string): { number: string; printedTotal: string | null } | null {
  return parseNumberShape(line)?.number ?? null;
}

/**
 * True when `line` gives a number in its printed shape (`025/165`, `GG10/GG70`, `SWSH180`), not only through a
 * repair (digits glued to the slash, a slash read as a digit): `22/2038` may be 182/203 with digits lost.
 */
export function readsNumberCleanly(line: string): boolean {
  return parseNumberShape(line)?.clean ?? false;
}

function parseNumberShape(line: string): { number: { number: string; printedTotal: string | null }; clean: boolean } | null {
  const prefixed = parsePrefixedNumber(line);
  if (prefixed) return { number: prefixed, clean: true };
  const shaped = NUMBER_WITH_TOTAL.exec(line);
  const withTotal = shaped ?? LOOSE_NUMBER_WITH_TOTAL.exec(line) ?? SLASHLESS_NUMBER.exec(line) ?? shortSlashless(line);
  const promo = PROMO_NUMBER.exec(line);
  if (!withTotal && promo) return { number: { number: `${promo[1].toUpperCase()}${asDigits(promo[2])}`, printedTotal: null }, clean: true };
  if (!withTotal) return null;
  const plainTotal = /^\d+$/.test(withTotal[2]);
  // Letters before the number but none before the total are a symbol misread (`F174/198`): subsets prefix both.
  const printed = plainTotal ? withTotal[1].replace(/^[A-Z]+(?=\d)/, "") : withTotal[1];
  const number = unSeven(printed.length > 3 && /^\d+$/.test(printed) ? printed.slice(-3) : printed);
  const total = plainTotal ? gluedTotal(number, withTotal[2]) : unSeven(withTotal[2]);
  return plausible(number, total) ? { number: { number, printedTotal: total }, clean: withTotal === shaped } : null;
}

/**
 * A printed total with symbols glued after it as digits: its first three digits, or its first two when three make no
 * total (`15/3485` is 15/34 and the rarity star, as printed on a 34-card set).
 */
function gluedTotal(number: string, digits: string): string {
  const three = unSeven(digits.slice(0, 3));
  return digits.length > 3 && !plausible(number, three) ? digits.slice(0, 2) : three;
}

/** Letters OCR reads for digits in small print, as those digits (`I`, `l`, `|` for 1, `O` for 0). */
const asDigits = (s: string) => s.replace(/[IiLl|]/g, "1").replace(/[Oo]/g, "0");

/**
 * Printed totals run from 5 (the smallest set of the catalog) to under 300, and secret rares at most about 160 past
 * them (Paldean Fates: 245/091).
 */
const MIN_PRINTED_TOTAL = 5;
const MAX_PRINTED_TOTAL = 300;
const MAX_PAST_TOTAL = 160;

/**
 * A misread such as `935/203` is no number (nor `0/72`, no card is numbered 0, nor `14/1`): better none, so another
 * reading is tried.
 */
function plausible(number: string, total: string): boolean {
  if (!/^\d+$/.test(number) || !/^\d+$/.test(total)) return true;
  const [n, t] = [Number(number), Number(total)];
  return n > 0 && t >= MIN_PRINTED_TOTAL && t <= MAX_PRINTED_TOTAL && n <= t + MAX_PAST_TOTAL;
}

/**
 * `GI0/GG708` is GG10/GG70, `T1G29/TG30` is TG29/TG30: the number keeps the digits after its last letter (I, l, |
 * read as 1, O as 0), and both sides keep at most the two digits such subsets print.
 */
function parsePrefixedNumber(line: string): { number: string; printedTotal: string } | null {
  const m = PREFIXED_NUMBER.exec(line);
  if (!m) return null;
  const [, before, prefix, totalDigits] = m;
  // The digits follow the number's last letter (I and O excepted: they are digits misread).
  const number = asDigits(before.replace(/^.*[A-HJ-NP-Z]/, ""));
  const total = asDigits(totalDigits);
  if (!/^\d{1,3}$/.test(number) || !/^\d+$/.test(total)) return null;
  const two = (d: string) => (d.length > 2 ? d.slice(-2) : d);
  return { number: `${prefix}${two(number)}`, printedTotal: `${prefix}${total.slice(0, 2)}` };
}

const STRICT_NUMBER = /^([A-Z]{2})?(\d{1,3})\/([A-Z]{2})?(\d{2,3})$/;
const STRICT_PROMO = /^(?:SWSH|SVP|SM|XY|BW)\d{2,3}$/;

/**
 * A collector number standing alone as a word, in its exact printed shape (`195/165`, `GG10/GG70`, `SWSH180`):
 * for text read sparsely over art and symbols, where the loose repairs of {@link parseNumber} would turn debris
 * into a number. Returns the number as printed, or null.
 */
export function parseStrictNumber(line: string): string | null {
  for (const token of line.replace(/\s*\/\s*/g, "/").split(/\s+/).map((t) => t.replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/gi, ""))) {
    const m = STRICT_NUMBER.exec(token);
    if (m && (m[1] ?? "") === (m[3] ?? "")) return token;
    if (STRICT_PROMO.test(token.toUpperCase())) return token.toUpperCase();
  }
  return null;
}

/** The numbers read in `lines`, leading zeros aside (`024` and `24` agree), with how many lines read each. */
export function numberVotes(lines: readonly { text: string }[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const line of lines) {
    const key = numberKey(line.text);
    if (key !== null) votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  return votes;
}

/**
 * Of lines read over the same number line in several ways, the first of those giving the number read most often
 * ({@link numberVotes}); null when none gives a number. On the bench scans whose footer block gave no number, taking
 * the first number read instead loses scan_0024 (`11/41` read once in debris, `024` three times).
 */
export function mostReadNumber<L extends { text: string }>(lines: readonly L[]): L | null {
  const votes = numberVotes(lines);
  const most = Math.max(0, ...votes.values());
  return lines.find((line) => votes.get(numberKey(line.text) ?? "") === most) ?? null;
}

/**
 * True when a number read gives a printed total of two digits or more, or none (a promo code): debris, read upside
 * down or among symbols, gives `3/7`, `71/7`. (Three small sets of the catalog, of 5, 8 and 9 cards, print such totals.)
 */
export const wholeTotal = (n: { printedTotal: string | null }) => n.printedTotal === null || /\d\d$/.test(n.printedTotal);

/** True when one number has been read twice in `lines`, and more often than any other: the passes can stop. */
export function numberAgreed(lines: readonly { text: string }[]): boolean {
  const [most = 0, next = 0] = [...numberVotes(lines).values()].sort((a, b) => b - a);
  return most >= 2 && most > next;
}

const numberKey = (text: string) => parseNumber(text)?.number.replace(/^0+(?=\d)/, "") ?? null;

/** No set numbers its cards in the 700s: a leading `7` of three digits is the italic `1` misread. */
const unSeven = (digits: string) => (/^7\d\d$/.test(digits) ? `1${digits.slice(1)}` : digits);

/** The set code and regulation mark printed before the number (`G MEW EN 025/165`). */
export function parseSetMarks(line: string): { setCode: string | null; regulationMark: string | null } {
  const before = line.split(NUMBER_WITH_TOTAL)[0] ?? "";
  const tokens = before.split(/\s+/).map(clean).filter(Boolean);
  const setCode = [...tokens].reverse().find((t) => /^[A-Z]{3}\d?$/.test(t) && t !== "EN") ?? null;
  const mark = tokens.find((t) => /^[D-I]$/.test(t)) ?? null;
  return { setCode, regulationMark: mark };
}

/** The illustrator after `Illus.` (OCR often reads it `Hus.` or `lus:`), up to the first debris. */
export function parseIllustrator(line: string): string | null {
  const m = /(?:^|[^\p{L}])[IiHh|l]?l?l?us[.:,]\s*(.+)$/u.exec(line);
  if (!m) return null;
  const words: string[] = [];
  for (const token of m[1].split(/\s+/).map(clean).filter(Boolean)) {
    if (token.length < 2 || (token.length <= 3 && token === token.toLowerCase()) || !/\p{L}/u.test(token)) break;
    words.push(token);
  }
  return words.length > 0 ? words.join(" ") : null;
}

/** The copyright year (`©2023 Pokémon`, read `02023` or `(02023` as often as not). */
export function parseYear(line: string, maxYear: number): number | null {
  for (const m of line.matchAll(/(?:19|20)\d{2}/g)) {
    const year = Number(m[0]);
    if (year >= 1995 && year <= maxYear) return year;
  }
  return null;
}

/**
 * The name of the most confident line of the name band that gives one (the first of equals): on a foil, the band's
 * sparkle is read as lines of debris too, which can look like a word (`onVrax.` at 0.00 above `Flareo` at 0.88).
 */
function mostConfidentName(lines: ZoneReading["lines"]): string | null {
  let best: { name: string; confidence: number } | null = null;
  for (const line of lines) {
    const name = parseName(line.text);
    if (name !== null && (!best || line.confidence > best.confidence)) best = { name, confidence: line.confidence };
  }
  return best?.name ?? null;
}

/** Turns the OCR readings of one card's zones into features; anything not read stays null. */
export function parseCardText(readings: CardReadings, opts: { maxYear: number }): CardFeatures {
  const lines = (zone: keyof CardReadings) => readings[zone]?.lines.map((l) => l.text) ?? [];
  const firstOf = <T>(texts: string[], parse: (s: string) => T | null): T | null => {
    for (const t of texts) {
      const v = parse(t);
      if (v !== null) return v;
    }
    return null;
  };
  const footer = lines("footer");
  // A number line is read only when the footer gave no number in its printed shape: it is the better reading.
  const numberLine = [...lines("number"), ...footer].find((l) => parseNumber(l) !== null) ?? null;
  const number = numberLine ? parseNumber(numberLine) : null;
  const marks = numberLine ? parseSetMarks(numberLine) : { setCode: null, regulationMark: null };
  const read = Object.values(readings).filter((r) => r && r.lines.length > 0) as ZoneReading[];
  return {
    name: mostConfidentName(readings.name?.lines ?? []),
    hp: firstOf(lines("hp"), parseHp) ?? firstOf(lines("name"), hpAfterName),
    number: number?.number ?? null,
    printedTotal: number?.printedTotal ?? null,
    setCode: marks.setCode,
    regulationMark: marks.regulationMark,
    illustrator: firstOf(footer, parseIllustrator),
    year: firstOf([...lines("copyright"), ...footer], (l) => parseYear(l, opts.maxYear)),
    rawText: (["name", "hp", "footer", "number", "copyright"] as const)
      .flatMap((z) => [...lines(z), ...(readings[z]?.unsure?.map((l) => l.text) ?? [])])
      .join("\n"),
    confidence: read.length > 0 ? round2(read.reduce((s, r) => s + r.confidence, 0) / read.length) : 0,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
