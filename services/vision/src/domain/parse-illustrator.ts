import { cleanToken } from "./clean-token";

/** The illustrator after `Illus.` (OCR often reads it `Hus.` or `lus:`), up to the first debris. */
export function parseIllustrator(line: string): string | null {
  const m = /(?:^|[^\p{L}])[IiHh|l]?l?l?us[.:,]\s*(.+)$/u.exec(line);
  if (!m) return null;
  const words: string[] = [];
  for (const token of m[1].split(/\s+/).map(cleanToken).filter(Boolean)) {
    if (token.length < 2 || (token.length <= 3 && token === token.toLowerCase()) || !/\p{L}/u.test(token)) break;
    words.push(token);
  }
  return words.length > 0 ? words.join(" ") : null;
}
