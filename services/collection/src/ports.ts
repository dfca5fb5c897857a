import type { CardDraft, UserCard, UserMasterSet } from "./domain/records";
import type { Selection } from "./domain/selection";
import type { SetCompletion } from "./domain/set-completion";
import type { AuditOutcome, AuditReport } from "./domain/audit-report";

/** A catalog card as collection needs it. */
export interface CatalogCard {
  id: string;
  setId: string;
}

/** The card catalog (owned by matching). */
export interface Catalog {
  /** The card with that id, or null when the catalog has none. */
  findCard(id: string): Promise<CatalogCard | null>;
  /** How many cards a master set of that set tracks. */
  trackedCardCount(setId: string): Promise<number>;
}

/** Everything `validateDraft` needs to turn a draft into a user card, in one transaction. */
export interface DraftValidation {
  userId: string;
  draftId: string;
  card: CatalogCard;
  selection: Selection;
  userCardId: string;
  trackedCardCount: number;
  now: Date;
  /** Master-set numbers from the distinct cards owned in the set (pure domain rule). */
  completion: (ownedCardCount: number, trackedCardCount: number) => SetCompletion;
}

export type DraftValidationResult =
  | { outcome: "validated"; draft: CardDraft; userCard: UserCard; masterSet: UserMasterSet }
  | { outcome: "not_found" }
  | { outcome: "already_validated" };

/** The tables collection owns. */
export interface CollectionRepository {
  /** Inserts drafts, skipping any whose (image, card index) already exists. */
  insertDrafts(drafts: CardDraft[]): Promise<void>;
  draftsOfImage(imageId: string): Promise<CardDraft[]>;
  /** The draft if it exists and belongs to the user. */
  findDraft(userId: string, id: string): Promise<CardDraft | null>;
  /** A batch's drafts, by image then card index. */
  listDrafts(userId: string, batchId: string): Promise<CardDraft[]>;
  /**
   * Atomically: validates the draft only if it still awaits validation, adds the user card and
   * recounts the user's master set for the card's set. Safe under concurrent calls.
   */
  validateDraft(v: DraftValidation): Promise<DraftValidationResult>;
  /** A user's cards, newest first. */
  listUserCards(userId: string, offset: number, limit: number): Promise<{ items: UserCard[]; total: number }>;
  listMasterSets(userId: string): Promise<UserMasterSet[]>;
  /** Throws unless the database answers. */
  ping(): Promise<void>;
}

/** Where audit reports go. */
export interface AuditReportStore {
  /** Writes the report under `fileName` unless the image already has one; true when it wrote. */
  writeOnce(fileName: string, imageId: string, report: AuditReport): Promise<boolean>;
  /** Records a validation or a failure once per draft or image; true when it wrote. */
  writeOutcomeOnce(outcome: AuditOutcome): Promise<boolean>;
}
