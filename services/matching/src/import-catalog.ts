import type { CatalogSource, CatalogStore, ProgressListener } from "./ports";

/** What an import wrote. */
export interface ImportSummary {
  source: string;
  sets: number;
  cards: number;
  cardsWithFrenchName: number;
}

/**
 * Reads a whole catalog (validating every record first, so a bad file writes nothing) and upserts it
 * by id in one transaction. Idempotent: importing the same source twice leaves the same rows.
 */
export async function importCatalog(source: CatalogSource, store: CatalogStore, onProgress?: ProgressListener): Promise<ImportSummary> {
  const records = await source.read();
  await store.upsert(records, onProgress);
  return {
    source: source.description,
    sets: records.sets.length,
    cards: records.cards.length,
    cardsWithFrenchName: records.cards.filter((c) => c.nameFr).length,
  };
}
