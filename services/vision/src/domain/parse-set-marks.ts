import { cleanToken } from "./clean-token";
import { NUMBER_WITH_TOTAL } from "./parse-number";

/** The set code and regulation mark printed before the number (`G MEW EN 025/165`). */
export function parseSetMarks(line: string): { setCode: string | null; regulationMark: string | null } {
  const before = line.split(NUMBER_WITH_TOTAL)[0] ?? "";
  const tokens = before.split(/\s+/).map(cleanToken).filter(Boolean);
  const setCode = [...tokens].reverse().find((t) => /^[A-Z]{3}\d?$/.test(t) && t !== "EN") ?? null;
  const mark = tokens.find((t) => /^[D-I]$/.test(t)) ?? null;
  return { setCode, regulationMark: mark };
}
