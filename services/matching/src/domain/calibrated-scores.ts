/**
 * Log-odds of "the card is none of the candidates scored" (not in the pool, or not in the catalog).
 * A lone candidate needs log-odds above this to score over 0.5.
 */
export const NONE_LOG_ODDS = 2.5;

/**
 * `log(exp(NONE_LOG_ODDS) + Σ exp(logOdds[i]))` over the first `count` candidates of a pool, computed
 * without overflow. See `calibratedScore`.
 */
export function logPartition(logOdds: ArrayLike<number>, count: number): number {
  let max = NONE_LOG_ODDS;
  for (let i = 0; i < count; i++) if (logOdds[i] > max) max = logOdds[i];
  let sum = Math.exp(NONE_LOG_ODDS - max);
  for (let i = 0; i < count; i++) sum += Math.exp(logOdds[i] - max);
  return max + Math.log(sum);
}

/**
 * The score of a candidate in [0, 1], read as the probability that it is the card:
 * `exp(L_i) / (exp(NONE_LOG_ODDS) + Σ_j exp(L_j))` with `logZ = logPartition(pool)`.
 *
 * Candidates share the probability mass, so the margin between top-1 and top-2 is folded in: the top
 * score never exceeds `1 / (1 + exp(L_2 − L_1))`. Two near-equal readings (a reprint with the same name
 * and number, the total unread) both score ≤ 0.5, and a 0.82 threshold needs `L_1 − L_2 ≥ 1.5`.
 * Rounded to 4 decimals.
 */
export function calibratedScore(logOdds: number, logZ: number): number {
  return Math.round(Math.min(1, Math.exp(logOdds - logZ)) * 1e4) / 1e4;
}

/**
 * The most a vetoed candidate scores (`CandidateEvidence.vetoes`): at best a coin flip, under any proposal threshold
 * worth the name, so a reading that contradicts a candidate never lets it be proposed with confidence, however much
 * else agrees. Its rank is left to its log-odds.
 */
export const VETOED_SCORE_CAP = 0.5;

/** A candidate's score once its vetoes are counted: capped at {@link VETOED_SCORE_CAP} when any. */
export const vetoedScore = (score: number, vetoes: number): number => (vetoes === 0 ? score : Math.min(score, VETOED_SCORE_CAP));
