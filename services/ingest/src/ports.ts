import type { ImageStatus, UploadSessionStatus, UsageView } from "@poke-ventory/contracts";
import type { BatchRecord, ImageRecord } from "./records";
import type { UploadSessionRecord } from "./upload-session-record";

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
  /** A user's batches, newest first. */
  listByUser(userId: string, offset: number, limit: number): Promise<{ items: BatchRecord[]; total: number }>;
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
   * same bytes and subject type (a unique index: race-safe); false when that one was there first. Under a quota the
   * row goes in only when `quota.check` passes on the user's usage (uploads since `quota.dayStart`, bytes not
   * expired), the user's uploads serialised so that parallel ones cannot both pass on the same usage; `check` throws
   * to refuse.
   */
  insertNew(image: ImageRecord, quota?: { dayStart: Date; check: (used: UsageView) => void }): Promise<boolean>;
  /** A user's images created since `dayStart` and the bytes of their images not yet expired. */
  usage(userId: string, dayStart: Date): Promise<UsageView>;
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


export type UploadSessionChanges = Partial<Pick<UploadSessionRecord, "status" | "batchId" | "imageId" | "failureReason" | "completingUntil">>;

/** `upload_sessions`. */
export interface UploadSessionRepository {
  insert(session: UploadSessionRecord): Promise<void>;
  /** Null for an unknown or malformed id. */
  findById(id: string): Promise<UploadSessionRecord | null>;
  /** Applies `changes` only while the session's status is one of `from`. */
  updateIfStatus(id: string, from: readonly UploadSessionStatus[], changes: UploadSessionChanges): Promise<boolean>;
  /** Takes the session for one `complete` until `until`: false while another holds it (and its claim is not past `now`) or once closed. */
  claim(id: string, now: Date, until: Date): Promise<boolean>;
  /** Sessions still open (pending, uploaded) whose time ran out by `now`, oldest first. */
  listAbandoned(now: Date, limit: number): Promise<UploadSessionRecord[]>;
}

/** Where a client sends a direct upload's bytes: a presigned S3 request, or a gateway URL signed with an HMAC. */
export interface UploadTarget {
  prepare(session: UploadSessionRecord): Promise<{ url: string; method: "PUT"; headers: Record<string, string> }>;
  /** Whether bytes arrive through ingest (`putUploadContent`, filesystem store) rather than straight into S3. */
  readonly viaIngest: boolean;
  /** For `viaIngest` targets: whether this signature and expiry are the ones issued for the session. */
  verify(session: UploadSessionRecord, expires: number, signature: string): boolean;
}
