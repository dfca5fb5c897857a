import type { CardFeatures, CardsMatched, Candidate, ImageAnalyzed } from "@poke-ventory/contracts";

/**
 * Turns vision's reading of an image into `cards.matched`: every card keeps its detected fields and
 * gains its ranked candidates. Deterministic for a given catalog, so a redelivery yields the same cards.
 */
export function matchImage(event: ImageAnalyzed, rank: (features: CardFeatures) => Candidate[], now: Date): CardsMatched {
  return {
    imageId: event.imageId,
    batchId: event.batchId,
    userId: event.userId,
    subjectType: event.subjectType,
    cards: event.cards.map((card) => ({ ...card, candidates: rank(card.features) })),
    matchedAt: now.toISOString(),
  };
}
