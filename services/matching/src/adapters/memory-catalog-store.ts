import type { CatalogCard, CatalogRecords, CatalogSet } from "../domain/catalog";
import type { CatalogStore, ProgressListener } from "../ports";

/** In-memory catalog tables, for unit and service tests. */
export class MemoryCatalogStore implements CatalogStore {
  private readonly sets = new Map<string, CatalogSet>();
  private readonly cards = new Map<string, CatalogCard>();

  constructor(initial?: CatalogRecords) {
    if (initial) void this.upsert(initial);
  }

  async upsert(records: CatalogRecords, onProgress?: ProgressListener): Promise<void> {
    for (const s of records.sets) this.sets.set(s.id, s);
    records.cards.forEach((c, i) => {
      this.cards.set(c.id, c);
      onProgress?.(i + 1, records.cards.length);
    });
  }

  async loadAll(): Promise<CatalogRecords> {
    return { sets: [...this.sets.values()], cards: [...this.cards.values()] };
  }

  async counts(): Promise<{ sets: number; cards: number }> {
    return { sets: this.sets.size, cards: this.cards.size };
  }

  async ping(): Promise<void> {}
}
