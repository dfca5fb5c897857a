import type { MigrationClass } from "@poke-ventory/db";
import type { EntitySchema } from "typeorm";
import { AnalysisImageEntity } from "./entities/analysis-image.entity";
import { ImportBatchEntity } from "./entities/import-batch.entity";
import { UploadSessionEntity } from "./entities/upload-session.entity";
import { IngestExifDedup1764870000000 } from "./migrations/ingest-exif-dedup";
import { IngestInit1763770000000 } from "./migrations/ingest-init";
import { UploadSessions1764900000000 } from "./migrations/1764900000000-upload-sessions";

export { ingestConfigShape, type IngestConfig } from "./config";
export { composeIngest, type IngestShared } from "./compose";
export { MemoryLeaseStore } from "./adapters/memory-lease-store";
export { RedisLeaseStore } from "./adapters/redis-lease-store";
export type { LeaseStore } from "./ports";

/** Tables owned by ingest. */
export const ingestEntities: EntitySchema[] = [ImportBatchEntity, AnalysisImageEntity, UploadSessionEntity] as EntitySchema[];
export const ingestMigrations: MigrationClass[] = [IngestInit1763770000000, IngestExifDedup1764870000000, UploadSessions1764900000000];
