import type { CandidateView, DetectedMetadataView, DraftStatus, SubjectType } from "@poke-ventory/contracts";

/** A `card_drafts` row: one card detected on an analysed image, waiting for its collector. */
export interface CardDraft {
  id: string;
  batchId: string;
  imageId: string;
  userId: string;
  cardIndex: number;
  status: DraftStatus;
  subjectType: SubjectType;
  candidates: CandidateView[];
  topCandidateId: string | null;
  detectedMetadata: DetectedMetadataView;
  selectedCardId: string | null;
  createdAt: Date;
  validatedAt: Date | null;
}

/** A `user_cards` row: copies of one catalog card a collector owns. */
export interface UserCard {
  id: string;
  userId: string;
  cardId: string;
  setId: string;
  quantity: number;
  condition: string;
  pricePaid: number | null;
  /** `YYYY-MM-DD`. */
  acquiredAt: string | null;
  notes: string | null;
  draftId: string | null;
  createdAt: Date;
}

/** A `user_master_sets` row: a collector's completion of one set. */
export interface UserMasterSet {
  userId: string;
  setId: string;
  ownedCardCount: number;
  trackedCardCount: number;
  completionRate: number;
  updatedAt: Date;
}
