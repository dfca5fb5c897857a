import Fuse from "fuse.js";

/** Names kept by the trigram pre-filter before the fine ranking. */
const SHORTLIST = 24;

function trigrams(s: string): string[] {
  const padded = ` ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** A name found by {@link NameIndex}, best first. */
export interface NameHit {
  name: string;
  /** 1 is exact. */
  similarity: number;
}

/**
 * Fuzzy search over the unique name keys of the catalog (English and French). A trigram pre-filter
 * (Dice coefficient over an inverted index, in reused typed arrays) keeps a shortlist of a few dozen
 * names, so the fine ranking — fuse.js for the manual search, the scoring's own similarity for
 * candidate ranking — never scans the 8k names.
 */
export class NameIndex {
  private readonly postings = new Map<string, Uint32Array>();
  /** Scratch counters reused by every query (one per name), reset after use. */
  private readonly counts: Uint16Array;
  private readonly trigramCounts: Uint16Array;
  private readonly touched: Uint32Array;
  private readonly best: number[] = [];
  private readonly bestDice: number[] = [];

  constructor(private readonly names: readonly string[]) {
    this.counts = new Uint16Array(names.length);
    this.trigramCounts = new Uint16Array(names.length);
    this.touched = new Uint32Array(names.length);
    const lists = new Map<string, number[]>();
    names.forEach((name, id) => {
      const grams = trigrams(name);
      this.trigramCounts[id] = grams.length;
      for (const t of grams) {
        const list = lists.get(t);
        if (list) list.push(id);
        else lists.set(t, [id]);
      }
    });
    for (const [t, ids] of lists) this.postings.set(t, Uint32Array.from(ids));
  }

  get size(): number {
    return this.names.length;
  }

  /** Names closest to `query` (a name key) by fuse.js over the shortlist, at most `limit`. */
  search(query: string, limit: number): NameHit[] {
    const shortlist = this.shortlist(query);
    if (shortlist.length === 0) return [];
    const fuse = new Fuse(shortlist, { includeScore: true, ignoreLocation: true, threshold: 0.6 });
    return fuse.search(query, { limit }).map((r) => ({ name: r.item, similarity: 1 - (r.score ?? 1) }));
  }

  /** Names closest to `query` by `similarity` over the shortlist, at most `limit`, best first. */
  closest(query: string, limit: number, similarity: (a: string, b: string) => number): NameHit[] {
    const hits = this.shortlist(query).map((name) => ({ name, similarity: similarity(query, name) }));
    hits.sort((a, b) => b.similarity - a.similarity || (a.name < b.name ? -1 : 1));
    return hits.slice(0, limit);
  }

  /**
   * Names at `similarity` ≥ `floor` to `query` over every name, at most `limit`, best first: no trigram pre-filter, for
   * a query that is a cut part of a name (`ncnan` of `hitmonchan` shares no trigram with it). `similarity` must reject
   * most names cheaply.
   */
  scan(query: string, limit: number, similarity: (a: string, b: string) => number, floor: number): NameHit[] {
    const hits: NameHit[] = [];
    for (const name of this.names) {
      const value = similarity(query, name);
      if (value >= floor) hits.push({ name, similarity: value });
    }
    hits.sort((a, b) => b.similarity - a.similarity || (a.name < b.name ? -1 : 1));
    return hits.slice(0, limit);
  }

  /** The `SHORTLIST` names sharing the most trigrams with the query (Dice coefficient), best first. */
  private shortlist(query: string): string[] {
    if (!query) return [];
    const grams = trigrams(query);
    let touched = 0;
    for (const t of grams) {
      const ids = this.postings.get(t);
      if (!ids) continue;
      for (let i = 0; i < ids.length; i++) if (this.counts[ids[i]]++ === 0) this.touched[touched++] = ids[i];
    }
    const { best, bestDice } = this;
    best.length = 0;
    bestDice.length = 0;
    for (let i = 0; i < touched; i++) {
      const id = this.touched[i];
      // Dice coefficient on trigram sets: shared / (query + name), so long names do not win by size.
      const dice = (2 * this.counts[id]) / (grams.length + this.trigramCounts[id]);
      this.counts[id] = 0;
      if (best.length === SHORTLIST && dice <= bestDice[SHORTLIST - 1]) continue;
      if (best.length === SHORTLIST) {
        best.pop();
        bestDice.pop();
      }
      let at = best.length;
      while (at > 0 && dice > bestDice[at - 1]) at--;
      best.splice(at, 0, id);
      bestDice.splice(at, 0, dice);
    }
    return best.map((id) => this.names[id]);
  }
}
