/** Outcome of ranking one card. */
export interface RankOutcome {
  /** 0-based position of the right card among the candidates, -1 when absent. */
  rank: number;
  topScore: number | null;
}

export interface LevelFigures {
  top1: number;
  top5: number;
  confident_wrong: number;
  abstain: number;
}

export interface BenchFigures {
  truth_top1: number;
  noise: Record<string, LevelFigures>;
  per_card_ms: { p50: number; p99: number };
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** Top-1, top-5, confident-wrong (top-1 wrong with a score ≥ threshold) and abstain (top-1 score < threshold). */
export function levelFigures(outcomes: readonly RankOutcome[], threshold: number): LevelFigures {
  let top1 = 0, top5 = 0, confidentWrong = 0, abstain = 0;
  for (const o of outcomes) {
    if (o.rank === 0) top1++;
    if (o.rank >= 0 && o.rank < 5) top5++;
    const confident = o.topScore !== null && o.topScore >= threshold;
    if (!confident) abstain++;
    else if (o.rank !== 0) confidentWrong++;
  }
  const n = outcomes.length;
  return { top1: ratio(top1, n), top5: ratio(top5, n), confident_wrong: ratio(confidentWrong, n), abstain: ratio(abstain, n) };
}

/** Nearest-rank percentile of durations in ms. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`.padStart(9);

/** The figures as a readable table. */
export function formatFigures(f: BenchFigures, counts: { truth: number; noise: number }, threshold: number): string {
  const lines = [
    `truth (${counts.truth} labelled cards, exact printed fields): top-1 ${pct(f.truth_top1).trim()}`,
    "",
    `noise (${counts.noise} catalog cards per level, threshold ${threshold})`,
    `  level      ${["top-1", "top-5", "conf-wrong", "abstain"].map((h) => h.padStart(11)).join("")}`,
    ...Object.entries(f.noise).map(
      ([level, l]) => `  ${level.padEnd(10)} ${[l.top1, l.top5, l.confident_wrong, l.abstain].map((x) => pct(x).padStart(11)).join("")}`,
    ),
    "",
    `time per card over all ranked cards: p50 ${f.per_card_ms.p50.toFixed(3)} ms, p99 ${f.per_card_ms.p99.toFixed(3)} ms`,
  ];
  return lines.join("\n");
}
