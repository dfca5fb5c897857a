/**
 * `npm run bench:matching [-- --catalog DIR --labels FILE --out FILE --count N --seed N]`
 *
 * Loads a whole catalog in memory, then ranks (1) every labelled card from its exact printed fields
 * (top-1 must be 100 %) and (2) `--count` catalog cards drawn with a fixed seed, corrupted the way OCR
 * fails at each level of `NOISE_LEVELS` (defined in ./ocr-noise.ts, documented in ./README.md).
 * Prints top-1, top-5, confident-wrong and abstain rates per level and the time per card (p50/p99 over
 * every ranked card); `--out` writes the same figures as JSON.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchCardsDir, catalogDir } from "@poke-ventory/testing";
import { openCatalogSource } from "../src/adapters/open-catalog-source";
import { CatalogIndex } from "../src/catalog-index";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "../src/config";
import { rankCandidates } from "../src/rank-candidates";
import { drawCards, noiseCases, truthCases, type BenchCase } from "./bench-cases";
import { formatFigures, levelFigures, percentile, type BenchFigures, type RankOutcome } from "./bench-report";
import { NOISE_LEVELS } from "./ocr-noise";

const { values } = parseArgs({
  options: {
    catalog: { type: "string", default: catalogDir },
    labels: { type: "string", default: path.join(benchCardsDir, "labels.jsonl") },
    out: { type: "string" },
    count: { type: "string", default: "5000" },
    seed: { type: "string", default: "20240611" },
  },
});
async function main() {
  const threshold = Number(process.env.ANALYSIS_CONFIDENCE_THRESHOLD ?? DEFAULT_CONFIDENCE_THRESHOLD);
  const maxCandidates = 5;
  const seed = Number(values.seed);

  const loadStarted = performance.now();
  const index = new CatalogIndex(await (await openCatalogSource(values.catalog)).read());
  console.log(`catalog ${values.catalog}: ${index.sets.length} sets, ${index.cardCount} cards, ${index.uniqueNameCount} names (${((performance.now() - loadStarted) / 1000).toFixed(1)} s)`);

  const timings: number[] = [];
  const cpuTimings: number[] = [];
  function run(cases: readonly BenchCase[], timed = true): RankOutcome[] {
    return cases.map(({ expected, features }) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const candidates = rankCandidates(index, features, { maxCandidates });
      if (timed) {
        timings.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cpuTimings.push((used.user + used.system) / 1000);
      }
      return { rank: candidates.findIndex((c) => c.cardId === expected), topScore: candidates[0]?.score ?? null };
    });
  }

  const drawn = drawCards(index, Number(values.count), seed);
  // Warm the JIT on cards of another draw, untimed, so the first timed cards are not compile time.
  run(noiseCases(index, drawCards(index, 500, seed + 1), NOISE_LEVELS.moderate, seed + 1), false);

  const truth = truthCases(index, values.labels);
  const truthOutcomes = run(truth);
  const misses = truth.filter((_, i) => truthOutcomes[i].rank !== 0).map((c) => c.expected);
  const noise = Object.fromEntries(
    Object.entries(NOISE_LEVELS).map(([name, level], i) => [name, levelFigures(run(noiseCases(index, drawn, level, seed + 100 + i)), threshold)]),
  );
  const sorted = Float64Array.from(timings).sort();
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const figures: BenchFigures = {
    truth_top1: round(levelFigures(truthOutcomes, threshold).top1),
    noise: Object.fromEntries(Object.entries(noise).map(([k, f]) => [k, { top1: round(f.top1), top5: round(f.top5), confident_wrong: round(f.confident_wrong), abstain: round(f.abstain) }])),
    per_card_ms: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) },
  };

  console.log(formatFigures(figures, { truth: truth.length, noise: drawn.length }, threshold));
  const cpuSorted = Float64Array.from(cpuTimings).sort();
  console.log(`process CPU time per card: p50 ${percentile(cpuSorted, 50).toFixed(3)} ms, p99 ${percentile(cpuSorted, 99).toFixed(3)} ms (load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs)`);
  if (misses.length > 0) console.log(`truth misses: ${misses.join(", ")}`);
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`figures written to ${values.out}`);
  }
}

main().catch((err: unknown) => {
  console.error(`bench:matching failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
