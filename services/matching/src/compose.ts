import type { ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { systemClock } from "@poke-ventory/runtime";
import type { MatchingConfig } from "./config";
import { TypeormCatalogStore } from "./adapters/typeorm-catalog-store";
import { openCatalogSource } from "./adapters/open-catalog-source";
import { importCatalog } from "./import-catalog";
import { LiveCatalog } from "./live-catalog";
import { createMatchingService } from "./matching.service";
import type { CatalogUpdated } from "./ports";

export interface MatchingShared {
  dataSource?: DataSource;
  natsUrl?: string;
  log?: (msg: string) => void;
}

/**
 * Builds matching on the catalog tables of `shared.dataSource`: imports `CATALOG_SOURCE` when the
 * catalog is empty, loads the in-memory index, and returns the service schema.
 */
export async function composeMatching(config: MatchingConfig, shared: MatchingShared): Promise<{ schemas: ServiceSchema[]; close(): Promise<void> }> {
  if (!shared.dataSource) throw new Error("composeMatching needs shared.dataSource: the catalog lives in the database");
  const log = shared.log ?? (() => undefined);
  const store = new TypeormCatalogStore(shared.dataSource);
  let imported: CatalogUpdated | null = null;
  if (config.CATALOG_SOURCE && (await store.counts()).cards === 0) {
    log(`The catalog is empty: importing ${config.CATALOG_SOURCE}`);
    imported = await importCatalog(await openCatalogSource(config.CATALOG_SOURCE), store);
    log(`Catalog imported: ${imported.sets} sets, ${imported.cards} cards`);
  }
  const catalog = new LiveCatalog(store);
  await catalog.reload();
  log(`Catalog index loaded: ${catalog.index.sets.length} sets, ${catalog.index.cardCount} cards, ${catalog.index.uniqueNameCount} names`);
  const schema = createMatchingService({
    catalog,
    store,
    clock: systemClock,
    maxCandidates: config.ANALYSIS_MAX_CANDIDATES,
    assetBaseUrl: config.CARD_ASSET_BASE_URL,
    imported,
  });
  return { schemas: [schema], close: async () => undefined };
}
