import type { Readable } from "node:stream";
import type { SubjectType } from "./payloads";

/** Fully qualified action names. Services are named after their package. */
export const Actions = {
  ingest: {
    createBatch: "ingest.createBatch",
    upload: "ingest.upload",
    getBatch: "ingest.getBatch",
    readImage: "ingest.readImage",
    readCrop: "ingest.readCrop",
    /** A WebP thumbnail (~320 px long side) of an image, or of one card's crop with `index`. */
    readThumbnail: "ingest.readThumbnail",
    ready: "ingest.ready",
    usage: "ingest.usage",
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
    selectDraft: "collection.selectDraft",
    listCards: "collection.listCards",
    listMasterSets: "collection.listMasterSets",
    ready: "collection.ready",
  },
  auth: { register: "auth.register", login: "auth.login", refresh: "auth.refresh", verify: "auth.verify" },
} as const;

/**
 * Reads that are safe to repeat: a call that fails because its node died is retried on another instance.
 * Never uploads, selections or anything that writes.
 */
export const IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set([
  Actions.ingest.getBatch,
  Actions.ingest.ready,
  Actions.ingest.usage,
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
  Actions.collection.listCards,
  Actions.collection.listMasterSets,
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
export interface ListCardsParams { userId: string; page: number; pageSize: number }
export interface UserParams { userId: string }
export interface GetCatalogItemParams { id: string }
export interface TrackedCardCountParams { setId: string }
export interface SearchCardsParams { q?: string; set?: string; number?: string; lang?: "en" | "fr"; limit?: number }
