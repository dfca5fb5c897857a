import type { Candidate, CardFeatures } from "@poke-ventory/contracts";
import { cardNameKey, nameSimilarity } from "./domain/card-name";
import { candidateEvidence, EVIDENCE, fragmentOnly, NAME_SIMILARITY_FLOOR, reasonList, REASONS, vetoList, withoutVeto, type NameSimilarity, type ScoreQuery, type Similarities } from "./domain/candidate-score";
import { calibratedScore, logPartition, VETOED_SCORE_CAP, vetoedScore } from "./domain/calibrated-scores";
import { parseCollectorNumber } from "./domain/collector-number";
import { decodeCollectorNumbers } from "./domain/decode-collector-numbers";
import { fragmentSimilarity, nameFragments } from "./domain/name-fragments";
import { rawTextLines } from "./domain/printed-text";
import type { CatalogIndex, IndexedCard } from "./catalog-index";
import type { NameHit } from "./name-index";
import { toCandidate } from "./catalog-views";

/** Numbers decoded from the raw text whose cards are pooled: more is debris read many ways. */
const TEXT_NUMBERS = 4;
/** Unique names taken from the fuzzy name search into the candidate pool. */
const NAME_HITS = 8;
/**
 * Number, total and name agree and nothing read disagrees (log-odds high enough): the number's own
 * cards settle it, the fuzzy name search is skipped.
 */
const DECISIVE = (1 << REASONS.indexOf("number")) | (1 << REASONS.indexOf("printed_total")) | (1 << REASONS.indexOf("name"));
const DECISIVE_LOG_ODDS = 9.5;

export interface RankOptions {
  maxCandidates: number;
  assetBaseUrl?: string;
}

/** Normalizes what vision read into the inputs of `candidateEvidence`. */
export function toScoreQuery(f: CardFeatures): ScoreQuery {
  const name = f.name ? cardNameKey(f.name) : "";
  return {
    number: parseCollectorNumber(f.number, f.printedTotal),
    name: name || null,
    hp: f.hp,
    setCode: f.setCode ? f.setCode.toUpperCase().replace(/\s/g, "") : null,
    regulationMark: f.regulationMark,
    illustrator: f.illustrator ? cardNameKey(f.illustrator) || null : null,
    text: rawTextLines(f.rawText),
  };
}

/** Per-index buffers reused by every ranking (rankings are synchronous), so a card allocates little. */
class Scratch {
  readonly stamp: Uint32Array;
  generation = 0;
  readonly pool: IndexedCard[] = [];
  logOdds = new Float64Array(256);
  reasons = new Int32Array(256);
  vetoes = new Int32Array(256);
  readonly top: number[] = [];
  readonly names = new Map<string, number>();
  readonly illustrators = new Map<string, number>();

  constructor(cards: number) {
    this.stamp = new Uint32Array(cards);
  }

  reset(): void {
    if (++this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    this.pool.length = 0;
    this.top.length = 0;
    this.names.clear();
    this.illustrators.clear();
  }

  add(cards: readonly IndexedCard[]): void {
    for (const e of cards) {
      if (this.stamp[e.ordinal] === this.generation) continue;
      this.stamp[e.ordinal] = this.generation;
      this.pool.push(e);
    }
    if (this.pool.length > this.logOdds.length) {
      const size = this.pool.length * 2;
      this.logOdds = Float64Array.from({ length: size }, (_, i) => this.logOdds[i] ?? 0);
      this.reasons = Int32Array.from({ length: size }, (_, i) => this.reasons[i] ?? 0);
      this.vetoes = Int32Array.from({ length: size }, (_, i) => this.vetoes[i] ?? 0);
    }
  }
}
const scratches = new WeakMap<CatalogIndex, Scratch>();

/** Similarity to one query, memoized per catalog name (many printings share a name). */
const memoized = (seen: Map<string, number>): NameSimilarity => (query, name) => {
  let value = seen.get(name);
  if (value === undefined) seen.set(name, (value = nameSimilarity(query, name, NAME_SIMILARITY_FLOOR)));
  return value;
};

/** Higher log-odds first, then the newer set, then the card id: a total order, so rankings are stable. */
function before(s: Scratch, a: number, b: number): boolean {
  if (s.logOdds[a] !== s.logOdds[b]) return s.logOdds[a] > s.logOdds[b];
  const ea = s.pool[a];
  const eb = s.pool[b];
  if (ea.recency !== eb.recency) return ea.recency < eb.recency;
  return ea.card.id < eb.card.id;
}

/** Keeps the `k` best pool positions in `s.top`, best first (insertion into a short sorted list). */
function selectTop(s: Scratch, k: number): void {
  for (let i = 0; i < s.pool.length; i++) {
    if (s.reasons[i] === 0) continue;
    if (s.top.length === k && !before(s, i, s.top[k - 1])) continue;
    if (s.top.length === k) s.top.pop();
    let at = s.top.length;
    while (at > 0 && before(s, i, s.top[at - 1])) at--;
    s.top.splice(at, 0, i);
  }
}

/**
 * Ranks catalog cards for one card's features. The pool is the cards sharing the collector number,
 * then the other printings of the name read when one of them agrees on number, total and name, else
 * the cards bearing the closest names (trigram pre-filter, then similarity, over unique names). Every pooled card is weighed (`candidateEvidence`) and the best
 * get a calibrated score (`calibratedScore`): the probability, given the whole pool, that it is the card.
 * When no number was read, the numbers of the catalog decoded from the raw text (`decodeCollectorNumbers`) pool
 * their cards; when no name of the catalog was read, the names the raw text's lines may be a cut part of
 * (`nameFragments`) pool theirs. A vetoed candidate, or one only a name fragment names (`fragmentOnly`), scores at
 * most `VETOED_SCORE_CAP`. Candidates on which no field agrees are left out.
 */
export function rankCandidates(index: CatalogIndex, features: CardFeatures, opts: RankOptions): Candidate[] {
  const query = toScoreQuery(features);
  let s = scratches.get(index);
  if (!s) scratches.set(index, (s = new Scratch(index.cardCount)));
  s.reset();
  const sims: Similarities = { name: memoized(s.names), illustrator: memoized(s.illustrators) };
  let scored = 0;
  let decisive = false;
  const weigh = () => {
    for (; scored < s.pool.length; scored++) {
      const evidence = candidateEvidence(query, s.pool[scored].target, sims);
      s.logOdds[scored] = evidence.logOdds;
      s.reasons[scored] = evidence.reasons;
      s.vetoes[scored] = evidence.vetoes;
      if ((evidence.reasons & DECISIVE) === DECISIVE && evidence.logOdds >= DECISIVE_LOG_ODDS) decisive = true;
    }
  };
  if (query.number) s.add(index.cardsWithNumber(query.number.key));
  else if (query.text) {
    query.textNumbers = decodeCollectorNumbers(features.rawText, index).slice(0, TEXT_NUMBERS);
    for (const n of query.textNumbers) s.add(index.cardsWithNumber(n.key));
  }
  weigh();
  let nameHits: NameHit[] | null = null;
  const closestNames = (name: string) => (nameHits ??= index.closestNames(name, NAME_HITS, sims.name));
  if (query.name && decisive) s.add(index.cardsNamed(query.name));
  else if (query.name) for (const hit of closestNames(query.name)) s.add(index.cardsNamed(hit.name));
  const knownName = !!query.name && (decisive || (closestNames(query.name)[0]?.similarity ?? 0) >= EVIDENCE.name.reason);
  if (!knownName && query.text) {
    query.nameFragments = nameFragments(features.rawText);
    // What was pooled so far is weighed again, with the fragments.
    scored = 0;
    for (const fragment of query.nameFragments) {
      for (const hit of index.scanNames(fragment, NAME_HITS, fragmentSimilarity, EVIDENCE.name_in_text.similarity)) s.add(index.cardsNamed(hit.name));
    }
  }
  weigh();
  selectTop(s, opts.maxCandidates);
  // The name veto stands only when the name read is a name of the catalog (`Ivysaur` on Machoke's number), not debris.
  const nameVetoed = s.top.some((i) => vetoList(s.vetoes[i]).includes("name"));
  if (query.name && nameVetoed && (closestNames(query.name)[0]?.similarity ?? 0) < EVIDENCE.name.reason) {
    for (const i of s.top) s.vetoes[i] = withoutVeto(s.vetoes[i], "name");
  }
  const logZ = logPartition(s.logOdds, s.pool.length);
  return s.top.map((i) => {
    const score = vetoedScore(calibratedScore(s.logOdds[i], logZ), s.vetoes[i]);
    return toCandidate(s.pool[i], { score: fragmentOnly(s.reasons[i]) ? Math.min(score, VETOED_SCORE_CAP) : score, reasons: reasonList(s.reasons[i]) }, opts.assetBaseUrl);
  });
}
