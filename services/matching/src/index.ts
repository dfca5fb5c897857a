import type { MigrationClass } from "@poke-ventory/db";
import type { EntitySchema } from "typeorm";
import { CardEntity } from "./entities/card.entity";
import { SetEntity } from "./entities/set.entity";
import { MatchingInit1700000000300 } from "./migrations/matching-init";

export { matchingConfigShape, type MatchingConfig } from "./config";
export { composeMatching, type MatchingShared } from "./compose";
export { createMatchingService, type MatchingServiceDeps } from "./matching.service";
export { importCatalog, type ImportSummary } from "./import-catalog";
export { openCatalogSource } from "./adapters/open-catalog-source";
export { TypeormCatalogStore } from "./adapters/typeorm-catalog-store";
export { MemoryCatalogStore } from "./adapters/memory-catalog-store";
export { CatalogIndex } from "./catalog-index";
export { rankCandidates } from "./rank-candidates";
export type { CatalogSource, CatalogStore, CatalogUpdated } from "./ports";

export const matchingEntities: EntitySchema[] = [SetEntity, CardEntity] as EntitySchema[];
export const matchingMigrations: MigrationClass[] = [MatchingInit1700000000300];
