import { parseName } from "./parse-name";

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
export function hpAfterName(line: string): number | null {
  const name = parseName(line);
  const at = name ? line.indexOf(name.split(" ").at(-1)!) : -1;
  return parseHp(at >= 0 ? line.slice(at) : line);
}

