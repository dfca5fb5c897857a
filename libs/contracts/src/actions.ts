import type { Readable } from "node:stream";
import type { SubjectType } from "./payloads";

/** Fully qualified action names. Services are named after their package. */
export const Actions = {
  ingest: {
    createBatch: "ingest.createBatch",
    upload: "ingest.upload",
    getBatch: "ingest.getBatch",
    listBatches: "ingest.listBatches",
    readImage: "ingest.readImage",
    readCrop: "ingest.readCrop",
    /** A WebP thumbnail (~320 px long side) of an image, or of one card's crop with `index`. */
    readThumbnail: "ingest.readThumbnail",
    ready: "ingest.ready",
    usage: "ingest.usage",
    prepareUpload: "ingest.prepareUpload",
    putUploadContent: "ingest.putUploadContent",
    completeUpload: "ingest.completeUpload",
    getUpload: "ingest.getUpload",
  },
  vision: { ready: "vision.ready" },
  matching: {
    rankCandidates: "matching.rankCandidates",
    searchCards: "matching.searchCards",
    listSets: "matching.listSets",
    getSet: "matching.getSet",
    getCard: "matching.getCard",
    trackedCardCount: "matching.trackedCardCount",
    ready: "matching.ready",
  },
  collection: {
    listDrafts: "collection.listDrafts",
    getDraft: "collection.getDraft",
    listDraftsByStatus: "collection.listDraftsByStatus",
    selectDraft: "collection.selectDraft",
    listCards: "collection.listCards",
    listMasterSets: "collection.listMasterSets",
    updateCard: "collection.updateCard",
    removeCard: "collection.removeCard",
    missingCards: "collection.missingCards",
    exportCsv: "collection.exportCsv",
    importCsv: "collection.importCsv",
    ready: "collection.ready",
  },
  auth: { register: "auth.register", login: "auth.login", refresh: "auth.refresh", logout: "auth.logout", verify: "auth.verify" },
} as const;

/**
 * Reads that are safe to repeat: a call that fails because its node died is retried on another instance.
 * Never uploads, selections or anything that writes.
 */
export const IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set([
  Actions.ingest.getBatch,
  Actions.ingest.listBatches,
  Actions.ingest.ready,
  Actions.ingest.usage,
  Actions.ingest.getUpload,
  Actions.vision.ready,
  Actions.matching.rankCandidates,
  Actions.matching.searchCards,
  Actions.matching.listSets,
  Actions.matching.getSet,
  Actions.matching.getCard,
  Actions.matching.trackedCardCount,
  Actions.matching.ready,
  Actions.collection.listDrafts,
  Actions.collection.getDraft,
  Actions.collection.listDraftsByStatus,
  Actions.collection.listCards,
  Actions.collection.listMasterSets,
  Actions.collection.missingCards,
  Actions.collection.exportCsv,
  Actions.collection.ready,
]);

/** The local key of a fully qualified action name, for a service schema: `collection.getDraft` → `getDraft`. */
export const actionKey = (fullName: string) => fullName.slice(fullName.indexOf(".") + 1);

/** The service part of a fully qualified action name: `collection.getDraft` → `collection`. */
export const serviceOf = (fullName: string) => fullName.slice(0, fullName.indexOf("."));

/** Meta sent with `ingest.upload` (the file itself is the call's stream). */
export interface UploadMeta {
  userId: string;
  batchId: string;
  filename: string | null;
  declaredType: string | null;
  /** The uploader's limits, set by the gateway (a user's own override, else the defaults): ingest refuses an image over them before storing its bytes. */
  quota?: UploadQuota;
}

/** A user's upload limits: images per UTC day and bytes kept in storage. */
export interface UploadQuota { imagesPerDay: number; storageBytes: number }
/** What a user has used, from `ingest.usage`: images uploaded since UTC midnight, bytes of the images still stored. */
export interface UsageView { images_today: number; stored_bytes: number }

/** A presigned direct upload (`POST /imports/uploads`): where and how to send the bytes, until when. */
export interface PreparedUploadView {
  upload_id: string;
  url: string;
  method: "PUT";
  headers: Record<string, string>;
  expires_at: string;
}
export type UploadSessionStatus = "pending" | "uploaded" | "completed" | "rejected" | "expired";
export interface UploadSessionView {
  upload_id: string;
  status: UploadSessionStatus;
  filename: string | null;
  size: number;
  content_type: string;
  batch_id: string | null;
  image_id: string | null;
  failure_reason: string | null;
  created_at: string;
  expires_at: string;
}
export interface PrepareUploadParams { userId: string; filename: string; size: number; contentType: string; sha256?: string }
/** `ingest.putUploadContent` meta (the bytes are the call's stream): the signed URL's query and the request's headers. */
export interface PutUploadContentMeta { id: string; expires: string; signature: string; contentType: string | null }
export interface CompleteUploadParams { userId: string; id: string; subjectType: SubjectType; batchId?: string; quota?: UploadQuota }
/** What `ingest.completeUpload` answers: the batch the image went into (the gateway answers it like a batch upload). */
export interface CompletedUpload { batch_id: string; image_id: string }

export interface CreateBatchParams { userId: string; subjectType: SubjectType }
export interface OwnedParams { userId: string; id: string }
export interface SelectDraftParams {
  userId: string;
  draftId: string;
  cardId: string;
  quantity: number;
  condition: string;
  pricePaid: number | null;
  acquiredAt: string | null;
  notes: string | null;
}
export interface ReadImageResult { contentType: string; sizeBytes: number; stream: Readable }
export interface ListDraftsParams { userId: string; batchId: string }
export interface PageParams { userId: string; page: number; pageSize: number }
export type ListBatchesParams = PageParams;
/** The review queue: a user's drafts in one status across batches, oldest first. */
export interface ListDraftsByStatusParams extends PageParams { status: "awaiting_validation" | "validated" }
/** `set` and `condition` match exactly, `name` a part of the English or French name. */
export interface ListCardsParams extends PageParams {
  set?: string;
  name?: string;
  condition?: string;
  sort?: "created_at" | "name" | "number" | "set" | "acquired_at";
  order?: "asc" | "desc";
}
/** Fields of a user card a collector may change (snake_case as in the REST body). */
export interface UpdateCardParams extends OwnedParams {
  changes: { quantity?: number; condition?: string; price_paid?: number | null; acquired_at?: string | null; notes?: string | null };
}
export interface MissingCardsParams { userId: string; setId: string }
export interface ImportCsvParams { userId: string; csv: string }
export interface UserParams { userId: string }
export interface GetCatalogItemParams { id: string }
export interface TrackedCardCountParams { setId: string }
export interface SearchCardsParams { q?: string; set?: string; number?: string; lang?: "en" | "fr"; limit?: number }
