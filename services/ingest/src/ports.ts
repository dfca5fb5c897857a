import type { ImageStatus } from "@poke-ventory/contracts";
import type { BatchRecord, ImageRecord } from "./records";

export type { ObjectStore } from "@poke-ventory/storage";

/**
 * Time-limited leases (`image:<id>`): while one lives, its image may be read. Redis when distributed,
 * memory when embedded.
 */
export interface LeaseStore {
  /** Starts (or restarts) a lease that lapses after `ttlSeconds`. */
  grant(key: string, ttlSeconds: number): Promise<void>;
  /** Extends a live lease to `ttlSeconds` from now; false when it has already lapsed. */
  refresh(key: string, ttlSeconds: number): Promise<boolean>;
  isLive(key: string): Promise<boolean>;
  /** Milliseconds left on a live lease, null when there is none. */
  remainingMs(key: string): Promise<number | null>;
  /** Ends a lease now; a missing lease is not an error. */
  revoke(key: string): Promise<void>;
  /** Throws when the store cannot be reached (for /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `import_batches`. */
export interface BatchRepository {
  insert(batch: BatchRecord): Promise<void>;
  /** Null for an unknown or malformed id. */
  findById(id: string): Promise<BatchRecord | null>;
}

/** Fields of an image that change after upload. */
export type ImageChanges = Partial<Pick<ImageRecord, "status" | "cardsFound" | "failureReason" | "analysedAt" | "expiresAt">>;

/** Where a sweep left off: rows are ordered by (expiresAt, id). */
export interface ExpiryCursor {
  expiresAt: Date;
  id: string;
}

/** `analysis_images`. */
export interface ImageRepository {
  insert(image: ImageRecord): Promise<void>;
  /**
   * Inserts a new live image unless the user already has a live one (`stored`, `analysed`, `archived`) of the
   * same bytes and subject type (a unique index: race-safe); false when that one was there first.
   */
  insertUnlessDuplicate(image: ImageRecord): Promise<boolean>;
  /** The user's live image (`stored`, `analysed` or `archived`) of these bytes and subject type. */
  findLiveDuplicate(of: Pick<ImageRecord, "userId" | "sha256" | "subjectType">): Promise<ImageRecord | null>;
  /** Null for an unknown or malformed id. */
  findById(id: string): Promise<ImageRecord | null>;
  listByBatch(batchId: string): Promise<ImageRecord[]>;
  update(id: string, changes: ImageChanges): Promise<void>;
  /** Applies `changes` only while the row's status is one of `from` (no lost update between read and write). */
  updateIfStatus(id: string, from: readonly ImageStatus[], changes: ImageChanges): Promise<boolean>;
  /** Images not yet expired whose lease should have lapsed by `now`, oldest first, after the `after` cursor. */
  listDueForExpiry(now: Date, limit: number, after?: ExpiryCursor): Promise<ImageRecord[]>;
  /** Images still waiting for analysis (`stored`) whose lease is alive at `now`, oldest first. */
  listAwaitingAnalysis(now: Date): Promise<ImageRecord[]>;
  /** Images whose lease should still be alive at `now` (to restore in-memory leases after a restart). */
  listUnexpired(now: Date): Promise<Pick<ImageRecord, "id" | "expiresAt">[]>;
}

