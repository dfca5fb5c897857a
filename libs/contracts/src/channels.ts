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
  /** A collector confirmed a draft (audit and the ML export consume it, even after being down). */
  draftValidated: "draft.validated",
  /** An image could not be analysed after every retry (ingest records it, audit keeps it). */
  imageFailed: "image.failed",
} as const;
export type ChannelName = (typeof Channels)[keyof typeof Channels];

/** Consumer groups: one durable consumer per group and channel. */
export const Groups = {
  vision: "vision",
  matching: "matching",
  collection: "collection",
  audit: "audit",
  ingest: "ingest",
  /** Labelled examples for training, from validated drafts. */
  mlExport: "ml-export",
} as const;

/** Where messages go after their last retry. */
export const DEAD_LETTER_CHANNEL = "pipeline.dead-lettered";

/** Fire-and-forget notifications (Moleculer events, not durable). */
export const Events = {
  /** The catalog changed: every matching instance reloads its indexes. */
  catalogUpdated: "catalog.updated",
} as const;
export type EventName = (typeof Events)[keyof typeof Events];
