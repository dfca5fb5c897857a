import { randomUUID } from "node:crypto";
import {
  AppError,
  notFound,
  type DraftValidated,
  type DraftView,
  type MasterSetView,
  type SelectDraftParams,
  type UserCardView,
} from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { parseSelection } from "./domain/selection";
import { setCompletion } from "./domain/set-completion";
import { draftView, masterSetView, userCardView } from "./domain/views";
import type { Catalog, CollectionRepository } from "./ports";

/** What `collection.selectDraft` answers (the REST body of `POST /imports/drafts/{id}/select`). */
export interface SelectDraftResult {
  draft: DraftView;
  user_card: UserCardView;
  master_set: MasterSetView;
}

const alreadyValidated = () => new AppError("DRAFT_ALREADY_VALIDATED", "This draft has already been validated");

/**
 * Step 5: the collector confirms a draft as any catalog card. Adds the user card, validates the draft
 * and recounts the master set of the card's set, exactly once even under concurrent calls.
 */
export async function selectDraft(
  deps: { repo: CollectionRepository; clock: Clock },
  catalog: Catalog,
  params: SelectDraftParams,
): Promise<{ result: SelectDraftResult; event: DraftValidated }> {
  const selection = parseSelection(params as unknown as Record<string, unknown>);
  const existing = await deps.repo.findDraft(params.userId, params.draftId);
  if (!existing) throw notFound("Draft");
  if (existing.status === "validated") throw alreadyValidated();

  const card = await catalog.findCard(selection.cardId);
  if (!card) {
    throw new AppError("VALIDATION_FAILED", `Card "${selection.cardId}" is not in the catalog`, {
      fields: [{ field: "card_id", message: "unknown catalog card" }],
    });
  }
  const trackedCardCount = await catalog.trackedCardCount(card.setId);

  const outcome = await deps.repo.validateDraft({
    userId: params.userId,
    draftId: params.draftId,
    card,
    selection,
    userCardId: randomUUID(),
    trackedCardCount,
    now: deps.clock.now(),
    completion: setCompletion,
  });
  if (outcome.outcome === "not_found") throw notFound("Draft");
  if (outcome.outcome === "already_validated") throw alreadyValidated();

  const { draft, userCard, masterSet } = outcome;
  return {
    result: { draft: draftView(draft), user_card: userCardView(userCard), master_set: masterSetView(masterSet) },
    event: {
      draftId: draft.id,
      userId: draft.userId,
      imageId: draft.imageId,
      batchId: draft.batchId,
      cardIndex: draft.cardIndex,
      cardId: userCard.cardId,
      topCandidateId: draft.topCandidateId,
      userCardId: userCard.id,
      validatedAt: (draft.validatedAt ?? deps.clock.now()).toISOString(),
      detected: draft.detectedMetadata,
      candidates: draft.candidates,
    },
  };
}
