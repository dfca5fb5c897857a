import type { CardsMatched } from "@poke-ventory/contracts";
import type { CardDraft } from "./records";
import { candidateView, detectedMetadata } from "./views";

/**
 * One `awaiting_validation` draft per matched card, candidates best first. Ids come from `newId`
 * (only the drafts actually inserted keep theirs: (image, card index) is the idempotency key).
 */
export function draftsFromMatch(msg: CardsMatched, newId: () => string, now: Date): CardDraft[] {
  return msg.cards.map((card) => {
    const candidates = [...card.candidates].sort((a, b) => b.score - a.score).map(candidateView);
    return {
      id: newId(),
      batchId: msg.batchId,
      imageId: msg.imageId,
      userId: msg.userId,
      cardIndex: card.index,
      status: "awaiting_validation",
      subjectType: msg.subjectType,
      candidates,
      topCandidateId: candidates[0]?.card_id ?? null,
      detectedMetadata: detectedMetadata(card),
      selectedCardId: null,
      createdAt: now,
      validatedAt: null,
    };
  });
}
