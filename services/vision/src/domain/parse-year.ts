/** The copyright year (`©2023 Pokémon`, read `02023` or `(02023` as often as not). */
export function parseYear(line: string, maxYear: number): number | null {
  for (const m of line.matchAll(/(?:19|20)\d{2}/g)) {
    const year = Number(m[0]);
    if (year >= 1995 && year <= maxYear) return year;
  }
  return null;
}
