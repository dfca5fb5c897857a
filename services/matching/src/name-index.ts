import Fuse from "fuse.js";

const SHORTLIST = 32;

function trigrams(s: string): string[] {
  const padded = ` ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** A name found by {@link NameIndex.search}, best first. */
export interface NameHit {
  name: string;
  /** fuse.js score turned into a similarity: 1 is exact. */
  similarity: number;
}

/**
 * Fuzzy search over the unique canonical names of the catalog (English and French). A trigram
 * pre-filter keeps a shortlist, so fuse.js ranks a few dozen strings per query instead of thousands.
 */
export class NameIndex {
  private readonly postings = new Map<string, number[]>();
  /** Scratch counters reused by every query (one per name), reset after use. */
  private readonly counts: Uint16Array;

  constructor(private readonly names: readonly string[]) {
    this.counts = new Uint16Array(names.length);
    names.forEach((name, id) => {
      for (const t of trigrams(name)) {
        const list = this.postings.get(t);
        if (list) list.push(id);
        else this.postings.set(t, [id]);
      }
    });
  }

  get size(): number {
    return this.names.length;
  }

  /** Names closest to `query` (already canonical), at most `limit`. */
  search(query: string, limit: number): NameHit[] {
    if (!query) return [];
    const shortlist = this.shortlist(query);
    if (shortlist.length === 0) return [];
    const fuse = new Fuse(shortlist, { includeScore: true, ignoreLocation: true, threshold: 0.6 });
    return fuse.search(query, { limit }).map((r) => ({ name: r.item, similarity: 1 - (r.score ?? 1) }));
  }

  private shortlist(query: string): string[] {
    const grams = trigrams(query);
    const touched: number[] = [];
    for (const t of grams) {
      for (const id of this.postings.get(t) ?? []) {
        if (this.counts[id]++ === 0) touched.push(id);
      }
    }
    // Dice coefficient on trigram sets: shared / (query + name), so long names do not win by size.
    const scored: Array<[number, number]> = touched.map((id) => [id, (2 * this.counts[id]) / (grams.length + this.names[id].length + 2)]);
    for (const id of touched) this.counts[id] = 0;
    scored.sort((a, b) => b[1] - a[1]);
    return scored.slice(0, SHORTLIST).map(([id]) => this.names[id]);
  }
}
