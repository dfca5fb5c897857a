/**
 * Durable pipeline steps (JetStream channels). At-least-once: handlers must be idempotent.
 * Image bytes never travel on a message, only ids and object keys.
 */
export const Channels = {
  imageStored: "image.stored",
  imageAnalyzed: "image.analyzed",
  cardsMatched: "cards.matched",
  /** Collection wrote the drafts of an analysed image (ingest marks the image analysed). */
  draftsCreated: "drafts.created",
} as const;
export type ChannelName = (typeof Channels)[keyof typeof Channels];

/** Consumer groups: one durable consumer per group and channel. */
export const Groups = {
  vision: "vision",
  matching: "matching",
  collection: "collection",
  audit: "audit",
  ingest: "ingest",
} as const;

/** Where messages go after their last retry. */
export const DEAD_LETTER_CHANNEL = "pipeline.dead-lettered";

/** Fire-and-forget notifications (Moleculer events, not durable). */
export const Events = {
  /** A collector confirmed a draft. */
  draftValidated: "draft.validated",
  /** The catalog changed: every matching instance reloads its indexes. */
  catalogUpdated: "catalog.updated",
  /** An image could not be analysed after every retry. */
  imageFailed: "image.failed",
} as const;
export type EventName = (typeof Events)[keyof typeof Events];
