import type { CatalogRecords } from "./domain/catalog";

/** Where a catalog is read from: the normalized format or the upstream pokemon-tcg-data layout. */
export interface CatalogSource {
  /** Human-readable origin for logs and errors. */
  readonly description: string;
  /** Reads and validates every record; throws an `AppError` (VALIDATION_FAILED) naming file, line and field. */
  read(): Promise<CatalogRecords>;
}

/** The files of a catalog layout, by path relative to its root: a folder or the base URL of raw files. */
export interface CatalogFiles {
  /** The root, for messages. */
  readonly description: string;
  /** Where a file is, for messages (`/data/catalog/sets.json`, `https://…/sets/en.json`). */
  locate(file: string): string;
  /** The file's text, or null when it does not exist; throws an `AppError` when it cannot be read. */
  read(file: string): Promise<string | null>;
}

/** Progress of a long write: `done` of `total` cards. */
export type ProgressListener = (done: number, total: number) => void;

/** The catalog tables (`sets`, `cards`). */
export interface CatalogStore {
  /** Inserts or updates every set and card by id, atomically. */
  upsert(records: CatalogRecords, onProgress?: ProgressListener): Promise<void>;
  /** Every set and card, to build the in-memory index. */
  loadAll(): Promise<CatalogRecords>;
  counts(): Promise<{ sets: number; cards: number }>;
  /** Throws when the store is unreachable. */
  ping(): Promise<void>;
}

/**
 * Payload of `Events.catalogUpdated` (belongs in libs/contracts): the catalog tables changed, every
 * matching instance reloads its index.
 */
export interface CatalogUpdated {
  source: string;
  sets: number;
  cards: number;
}
