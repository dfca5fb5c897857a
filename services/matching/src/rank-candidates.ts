import type { Candidate, CardFeatures } from "@poke-ventory/contracts";
import { canonicalCardName, nameSimilarity, normalizeCardName } from "./domain/card-name";
import { candidateScore, type NameSimilarity, type ScoreQuery } from "./domain/candidate-score";
import { parseCollectorNumber } from "./domain/collector-number";
import type { CatalogIndex, IndexedCard } from "./catalog-index";
import { toCandidate } from "./catalog-views";

/** Unique names taken from the fuzzy name search into the candidate pool. */
const NAME_HITS = 8;

export interface RankOptions {
  maxCandidates: number;
  assetBaseUrl?: string;
}

/** Normalizes what vision read into the inputs of `candidateScore`. */
export function toScoreQuery(f: CardFeatures): ScoreQuery {
  const name = f.name ? canonicalCardName(f.name) : "";
  return {
    number: parseCollectorNumber(f.number, f.printedTotal),
    name: name || null,
    hp: f.hp,
    setCode: f.setCode ? f.setCode.toUpperCase().replace(/\s/g, "") : null,
    regulationMark: f.regulationMark,
    illustrator: f.illustrator ? normalizeCardName(f.illustrator) : null,
  };
}

/** Many printings share a name: compare the query with each distinct name once. */
function memoizedSimilarity(): NameSimilarity {
  const seen = new Map<string, number>();
  return (query, name) => {
    let value = seen.get(name);
    if (value === undefined) seen.set(name, (value = nameSimilarity(query, name)));
    return value;
  };
}

/**
 * Ranks catalog cards for one card's features. The pool is the cards sharing the collector number
 * plus the cards bearing the closest names; every card of the pool is scored, best first.
 */
export function rankCandidates(index: CatalogIndex, features: CardFeatures, opts: RankOptions): Candidate[] {
  const query = toScoreQuery(features);
  const pool = new Map<string, IndexedCard>();
  if (query.number) for (const entry of index.cardsWithNumber(query.number.key)) pool.set(entry.card.id, entry);
  if (query.name) {
    for (const hit of index.searchNames(query.name, NAME_HITS)) {
      for (const entry of index.cardsNamed(hit.name)) pool.set(entry.card.id, entry);
    }
  }
  const similarity = memoizedSimilarity();
  const scored = [...pool.values()]
    .map((entry) => ({ entry, result: candidateScore(query, entry.target, similarity) }))
    .filter(({ result }) => result.score > 0);
  scored.sort(
    (a, b) =>
      b.result.score - a.result.score ||
      (b.entry.set.releaseDate ?? "").localeCompare(a.entry.set.releaseDate ?? "") ||
      a.entry.card.id.localeCompare(b.entry.card.id),
  );
  return scored.slice(0, opts.maxCandidates).map(({ entry, result }) => toCandidate(entry, result, opts.assetBaseUrl));
}
