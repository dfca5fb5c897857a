import { nameSimilarity } from "./card-name";
import type { CollectorNumber } from "./collector-number";

/** What was read on the card, already normalized. */
export interface ScoreQuery {
  number: CollectorNumber | null;
  /** Canonical name (see `canonicalCardName`). */
  name: string | null;
  hp: number | null;
  /** Set code as printed, upper case without spaces (`PAL`, `EAP`). */
  setCode: string | null;
  regulationMark: string | null;
  /** Normalized illustrator name. */
  illustrator: string | null;
}

/** The catalog side of one candidate, already normalized. */
export interface ScoreTarget {
  setId: string;
  numberKey: string;
  /** Canonical names in every language the catalog knows. */
  names: string[];
  hp: number | null;
  regulationMark: string | null;
  illustrator: string | null;
  setPrintedTotal: number | null;
  /** Set codes printed on the set's cards (ptcgo code, French abbreviation). */
  setCodes: string[];
}

export interface CandidateScore {
  /** In [0, 1]: the weighted share of the card's identity that the reading confirms. */
  score: number;
  /** Which features agreed: `number`, `printed_total`, `name`, `hp`, `set_code`, `regulation_mark`, `illustrator`. */
  reasons: string[];
}

/**
 * Weights sum to 1. Set + number come first: a number with the printed total that narrows the set
 * identifies the printing, a name alone is shared by many printings.
 */
export const SCORE_WEIGHTS = {
  number: 0.3,
  printed_total: 0.2,
  name: 0.3,
  hp: 0.08,
  set_code: 0.06,
  regulation_mark: 0.03,
  illustrator: 0.03,
} as const;

/** Below this similarity a name reading counts for nothing and is not a reason. */
const NAME_FLOOR = 0.5;
const NAME_REASON = 0.8;

/** Similarity of two canonical names in [0, 1]; callers may pass a memoized one. */
export type NameSimilarity = (a: string, b: string) => number;

function nameScore(query: string | null, names: string[], similarity: NameSimilarity): number {
  if (!query) return 0;
  let best = 0;
  for (const n of names) best = Math.max(best, similarity(query, n));
  return best < NAME_FLOOR ? 0 : (best - NAME_FLOOR) / (1 - NAME_FLOOR);
}

function numberMatches(n: CollectorNumber, t: ScoreTarget): boolean {
  if (n.promoSetId && n.promoSetId !== t.setId) return false;
  return n.key === t.numberKey;
}

function totalMatches(n: CollectorNumber, t: ScoreTarget): boolean {
  if (n.promoSetId) return n.promoSetId === t.setId;
  if (n.printedTotal === null || t.setPrintedTotal === null) return false;
  // `GG10/GG70`: the total's letters must be the number's letters too.
  if (n.totalPrefix && !t.numberKey.startsWith(n.totalPrefix)) return false;
  return n.printedTotal === t.setPrintedTotal;
}

/** Scores one catalog card against what was read. Pure: every input is already normalized. */
export function candidateScore(q: ScoreQuery, t: ScoreTarget, similarity: NameSimilarity = nameSimilarity): CandidateScore {
  const reasons: string[] = [];
  let score = 0;
  const agree = (reason: keyof typeof SCORE_WEIGHTS, share = 1) => {
    score += SCORE_WEIGHTS[reason] * share;
    reasons.push(reason);
  };
  if (q.number && numberMatches(q.number, t)) agree("number");
  if (q.number && totalMatches(q.number, t)) agree("printed_total");
  const name = nameScore(q.name, t.names, similarity);
  if (name > 0) {
    score += SCORE_WEIGHTS.name * name;
    if (name >= NAME_REASON) reasons.push("name");
  }
  if (q.hp !== null && t.hp !== null && q.hp === t.hp) agree("hp");
  if (q.setCode && t.setCodes.includes(q.setCode)) agree("set_code");
  if (q.regulationMark && t.regulationMark && q.regulationMark.toUpperCase() === t.regulationMark.toUpperCase()) agree("regulation_mark");
  if (q.illustrator && t.illustrator && q.illustrator === t.illustrator) agree("illustrator");
  return { score: Math.round(Math.min(1, score) * 1e4) / 1e4, reasons };
}
