/** Tesseract language codes we ship trained data for, by ISO 639-1 or 639-2 code. */
const TESSERACT_CODES: Record<string, string> = { fr: "fra", fra: "fra", en: "eng", eng: "eng" };

/**
 * Maps `ANALYSIS_LANGUAGES` entries (`fr`, `en`) to tesseract codes (`fra`, `eng`), in order, without duplicates.
 * Throws on a language we have no trained data for.
 */
export function tesseractLanguages(codes: readonly string[]): string[] {
  if (codes.length === 0) throw new Error("at least one language is required");
  const unknown = codes.filter((c) => !(c.toLowerCase() in TESSERACT_CODES));
  if (unknown.length > 0) {
    throw new Error(`unsupported language(s): ${unknown.join(", ")} (supported: fr, en)`);
  }
  return [...new Set(codes.map((c) => TESSERACT_CODES[c.toLowerCase()]))];
}

/**
 * The one model codes (numbers, HP, the collector line) are read with: the first analysis language. On the bench
 * images French alone (the default `fr,en` puts it first) reads them as well as French and English together, in
 * three quarters of the time; English alone reads fewer numbers.
 */
export function codeLanguage(languages: readonly string[]): string {
  return languages[0];
}
