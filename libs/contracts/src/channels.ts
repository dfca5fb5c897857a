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

/**
 * How one channel's consumers treat a message (both channel adapters of `@poke-ventory/runtime` apply it).
 * A delivery holds one of a process's `maxInFlight` slots; the rest of the backlog waits in JetStream.
 */
export interface ChannelPolicy {
  /** Messages one process works on at once (a channel declaration's `maxInFlight` overrides it). */
  maxInFlight: number;
  /**
   * Without an ack or an in-progress ack for this long, the server gives the message to another replica. In-progress
   * acks are sent only while a handler runs, so this is how long the messages of a killed process wait.
   */
  ackWaitMs: number;
  /** Deliveries (attempts) before the message goes to the dead letter. */
  maxDeliver: number;
  /** Delay before the next delivery after failed attempt n (index n-1; the last value repeats). */
  backoffMs: readonly number[];
  /** A handler running longer than this fails its delivery (retried with the backoff). */
  timeoutMs: number;
}

export const DEFAULT_CHANNEL_POLICY: ChannelPolicy = {
  maxInFlight: 4,
  ackWaitMs: 5_000,
  maxDeliver: 5,
  backoffMs: [1_000, 5_000, 30_000, 120_000],
  timeoutMs: 30_000,
};

/**
 * Per-channel policies, sized to the stage. Database consumers stay well under the pool of 10 connections per
 * process (collection 4, ingest 4 + 2 beside its uploads; audit writes report files).
 */
export const CHANNEL_POLICIES: Readonly<Record<string, Partial<ChannelPolicy>>> = {
  // OCR blocks the event loop in bursts: a longer ack wait so a busy process is not mistaken for a dead one.
  [Channels.imageStored]: { maxInFlight: 1, ackWaitMs: 6_000, timeoutMs: 90_000 },
  [Channels.imageAnalyzed]: { maxInFlight: 8, timeoutMs: 15_000 },
  [Channels.cardsMatched]: { maxInFlight: 4, timeoutMs: 20_000 },
  [Channels.draftsCreated]: { maxInFlight: 4, timeoutMs: 10_000 },
  [DEAD_LETTER_CHANNEL]: { maxInFlight: 2, maxDeliver: 10, timeoutMs: 10_000 },
};

/** The policy of `channel` (its unprefixed name), with a declaration's overrides. */
export function channelPolicy(channel: string, overrides: Partial<ChannelPolicy> = {}): ChannelPolicy {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined && v !== null));
  return { ...DEFAULT_CHANNEL_POLICY, ...CHANNEL_POLICIES[channel], ...defined };
}

/** Headers a dead-lettered message carries (besides its original ones). */
export const DeadLetterHeaders = {
  channel: "x-original-channel",
  group: "x-original-group",
  /** Why the last attempt failed, for the collector (`failure_reason`). */
  reason: "x-failure-reason",
  /** A stable code when the failure is known (`OBJECT_MISSING`…). */
  code: "x-failure-code",
  deliveries: "x-deliveries",
} as const;

/** Fire-and-forget notifications (Moleculer events, not durable). */
export const Events = {
  /** The catalog changed: every matching instance reloads its indexes. */
  catalogUpdated: "catalog.updated",
} as const;
export type EventName = (typeof Events)[keyof typeof Events];

/** Failure codes a dead letter may carry. */
export const FailureCodes = {
  /** The image's object is gone (its TTL swept it): the image is expired, not failed. */
  objectMissing: "OBJECT_MISSING",
  /** The message could not be decoded. */
  badMessage: "BAD_MESSAGE",
} as const;

/** A failure no retry can change (the object is gone…): the message is dead-lettered at once with `code`. */
export class PermanentMessageError extends Error {
  readonly permanent = true;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PermanentMessageError";
  }
}
