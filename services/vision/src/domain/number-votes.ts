import { parseNumber } from "./parse-number";

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
 * ({@link numberVotes}); null when none gives a number: a number line read as `11/41` once in debris and as `024`
 * three times is `024`, where the first number read would be the debris.
 */
export function mostReadNumber<L extends { text: string }>(lines: readonly L[]): L | null {
  const votes = numberVotes(lines);
  const most = Math.max(0, ...votes.values());
  return lines.find((line) => votes.get(numberKey(line.text) ?? "") === most) ?? null;
}

/** True when one number has been read twice in `lines`, and more often than any other: the passes can stop. */
export function numberAgreed(lines: readonly { text: string }[]): boolean {
  const [most = 0, next = 0] = [...numberVotes(lines).values()].sort((a, b) => b - a);
  return most >= 2 && most > next;
}

const numberKey = (text: string) => parseNumber(text)?.number.replace(/^0+(?=\d)/, "") ?? null;
