import type { CardDraft, UserCard, UserMasterSet } from "./domain/records";
import type { Selection } from "./domain/selection";
import type { SetCompletion } from "./domain/set-completion";
import type { AuditOutcome, AuditReport } from "./domain/audit-report";

/** A catalog card as collection needs it. */
/** Which of a user's cards: one set's, one condition's, or all. */
export interface UserCardFilter {
  setId?: string;
  condition?: string;
}

export interface CatalogCard {
  id: string;
  setId: string;
}

/** A catalog card as listings, CSV and missing-card lists show it. */
export interface CatalogCardInfo {
  id: string;
  number: string;
  name: string;
  nameFr: string | null;
  rarity: string | null;
}

/** A set with all its cards, or null when the catalog has no such set. */
export interface CatalogSetCards {
  id: string;
  name: string;
  cards: CatalogCardInfo[];
}

/** The card catalog (owned by matching). */
export interface Catalog {
  /** The set and every card of it, or null for an unknown set. */
  setCards(setId: string): Promise<CatalogSetCards | null>;
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

/** How a change recounts the master sets it touches: tracked cards per set, the completion rule, the time. */
export interface MasterSetRecount {
  trackedCardCount: ReadonlyMap<string, number>;
  completion: (ownedCardCount: number, trackedCardCount: number) => SetCompletion;
  now: Date;
}

/** The tables collection owns. */
export interface CollectionRepository {
  /** Inserts drafts, skipping any whose (image, card index) already exists. */
  insertDrafts(drafts: CardDraft[]): Promise<void>;
  draftsOfImage(imageId: string): Promise<CardDraft[]>;
  /** The draft if it exists and belongs to the user. */
  findDraft(userId: string, id: string): Promise<CardDraft | null>;
  /** A batch's drafts, by image then card index. */
  listDrafts(userId: string, batchId: string): Promise<CardDraft[]>;
  /** A user's drafts in one status across batches, oldest first. */
  listDraftsByStatus(userId: string, status: CardDraft["status"], offset: number, limit: number): Promise<{ items: CardDraft[]; total: number }>;
  /**
   * Atomically: validates the draft only if it still awaits validation, adds the user card and
   * recounts the user's master set for the card's set. Safe under concurrent calls.
   */
  validateDraft(v: DraftValidation): Promise<DraftValidationResult>;
  /** One page of a user's cards in the order they were added (`desc`: newest first; ties by id), with the count. */
  listUserCards(userId: string, filter: UserCardFilter, order: "asc" | "desc", offset: number, limit: number): Promise<{ items: UserCard[]; total: number }>;
  listMasterSets(userId: string): Promise<UserMasterSet[]>;
  /** Every card of a user, optionally only one set's or one condition's. */
  listAllUserCards(userId: string, filter: UserCardFilter): Promise<UserCard[]>;
  /** The card if it exists and belongs to the user. */
  findUserCard(userId: string, id: string): Promise<UserCard | null>;
  /** Saves the card's changed fields and recounts its set, in one transaction. */
  updateUserCard(card: UserCard, recount: MasterSetRecount): Promise<void>;
  /** Deletes the user's card and recounts its set; false when there was no such card. */
  deleteUserCard(userId: string, id: string, recount: MasterSetRecount): Promise<boolean>;
  /** Adds cards and recounts every set they belong to, in one transaction. */
  insertUserCards(cards: UserCard[], recount: MasterSetRecount): Promise<void>;
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
