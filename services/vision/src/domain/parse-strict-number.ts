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
