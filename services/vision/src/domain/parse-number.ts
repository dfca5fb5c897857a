/** `025/165`, `GG10/GG70`: a number and its total in their printed shape. */
export const NUMBER_WITH_TOTAL = /(?<![A-Z0-9])([A-Z]{0,4}\d{1,3}[ab]?)\s?\/\s?([A-Z]{0,4}\d{1,3})(?![0-9])/;
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

/** No set numbers its cards in the 700s: a leading `7` of three digits is the italic `1` misread. */
const unSeven = (digits: string) => (/^7\d\d$/.test(digits) ? `1${digits.slice(1)}` : digits);

/**
 * True when a number read gives a printed total of two digits or more, or none (a promo code): debris, read upside
 * down or among symbols, gives `3/7`, `71/7`. (Three small sets of the catalog, of 5, 8 and 9 cards, print such totals.)
 */
export const wholeTotal = (n: { printedTotal: string | null }) => n.printedTotal === null || /\d\d$/.test(n.printedTotal);
