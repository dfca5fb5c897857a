import type { CandidateView, DetectedMetadataView } from "./views";

export type SubjectType = "cards" | "sealed";
export const SUBJECT_TYPES: readonly SubjectType[] = ["cards", "sealed"];

/** `image.stored`: ingest kept the bytes; vision may read them by key. */
export interface ImageStored {
  imageId: string;
  batchId: string;
  userId: string;
  objectKey: string;
  contentType: string;
  subjectType: SubjectType;
  width: number;
  height: number;
  storedAt: string;
}

/** What vision read on one card. Every field may be missing: OCR is best effort. */
export interface CardFeatures {
  name: string | null;
  hp: number | null;
  /** Collector number as printed before the slash: `051`, `TG05`, `SWSH050`. */
  number: string | null;
  /** The part after the slash: `198`, `TG30`, `GG70`. */
  printedTotal: string | null;
  setCode: string | null;
  regulationMark: string | null;
  illustrator: string | null;
  year: number | null;
  rawText: string;
  /** Mean OCR confidence over the zones read, 0..1. */
  confidence: number;
}

export type Point = [number, number];

export interface DetectedCard {
  /** Stable index in the image (grid order for binder pages): the idempotency key with the image id. */
  index: number;
  /** Corners in original image pixels: top-left, top-right, bottom-right, bottom-left. */
  quad: Point[];
  rotation: 0 | 90 | 180 | 270;
  /** Grid position on a binder page, when the image is one. */
  position: { row: number; col: number } | null;
  cropKey: string | null;
  features: CardFeatures;
}

/** `image.analyzed`: vision's reading of every card found (zero cards is a normal result). */
export interface ImageAnalyzed {
  imageId: string;
  batchId: string;
  userId: string;
  subjectType: SubjectType;
  cards: DetectedCard[];
  analyzedAt: string;
  timingsMs: Record<string, number>;
}

/**
 * Default of `ANALYSIS_CONFIDENCE_THRESHOLD`: a top candidate scoring at least this is proposed as the card (and,
 * while vision reads a card, confirms the number read).
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.82;

export interface Candidate {
  cardId: string;
  name: string;
  names: { en: string | null; fr: string | null };
  setId: string;
  setName: string;
  number: string;
  score: number;
  /** Which features agreed: `number`, `printed_total`, `name`, `hp`, `illustrator`, `set_code`… */
  reasons: string[];
  imageUrl: string | null;
}

export interface MatchedCard extends DetectedCard {
  candidates: Candidate[];
}

/** `cards.matched`: matching ranked candidates for every card of an image. */
export interface CardsMatched {
  imageId: string;
  batchId: string;
  userId: string;
  subjectType: SubjectType;
  cards: MatchedCard[];
  matchedAt: string;
}

/** `drafts.created` channel message. */
export interface DraftsCreated {
  imageId: string;
  batchId: string;
  userId: string;
  draftIds: string[];
}

/**
 * `draft.validated` channel message. Self-contained (what was read, what was proposed, what the collector
 * chose), so a consumer needs no access to collection's tables.
 */
export interface DraftValidated {
  draftId: string;
  userId: string;
  imageId: string;
  batchId: string;
  cardIndex: number;
  cardId: string;
  topCandidateId: string | null;
  userCardId: string;
  validatedAt: string;
  /** What vision read on the card (with its crop's object key). */
  detected: DetectedMetadataView;
  /** What matching proposed, best first. */
  candidates: CandidateView[];
}

/** `image.failed` channel message. */
export interface ImageFailed {
  imageId: string;
  reason: string;
}
