import { CatalogIndex } from "./catalog-index";
import type { CatalogStore } from "./ports";

/** The current in-memory index, rebuilt from the store on demand (start, `catalog.updated`). */
export class LiveCatalog {
  private current: CatalogIndex = new CatalogIndex({ sets: [], cards: [] });
  private reloading: Promise<CatalogIndex> | null = null;

  constructor(private readonly store: CatalogStore) {}

  get index(): CatalogIndex {
    return this.current;
  }

  /** Rebuilds the index; concurrent calls share one load. Queries keep the old index until it is ready. */
  reload(): Promise<CatalogIndex> {
    this.reloading ??= this.store
      .loadAll()
      .then((records) => (this.current = new CatalogIndex(records)))
      .finally(() => (this.reloading = null));
    return this.reloading;
  }
}
