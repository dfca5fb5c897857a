import type {
  Candidate,
  CandidateView,
  DetectedMetadataView,
  DraftView,
  MasterSetView,
  MatchedCard,
  UserCardView,
} from "@poke-ventory/contracts";
import type { CardDraft, UserCard, UserMasterSet } from "./records";
import type { DescribedCard } from "./card-listing";

/** Where the gateway serves an analysed image. */
export const imageUrl = (imageId: string) => `/imports/images/${imageId}`;
/** The card's own crop, served by ingest like the image (owner only, same TTL). */
export const cropUrl = (imageId: string, cardIndex: number) => `${imageUrl(imageId)}/cards/${cardIndex}`;

export function candidateView(c: Candidate): CandidateView {
  return {
    card_id: c.cardId,
    name: c.name,
    name_fr: c.names?.fr ?? null,
    set_id: c.setId,
    set_name: c.setName,
    number: c.number,
    score: c.score,
    reasons: c.reasons ?? [],
    image_url: c.imageUrl ?? null,
  };
}

/** What vision read on a card, as the REST API shows it. */
export function detectedMetadata(card: MatchedCard): DetectedMetadataView {
  const f = card.features;
  return {
    probable_name: f.name,
    local_number: f.number,
    printed_total: f.printedTotal,
    hp: f.hp,
    set_code: f.setCode,
    regulation_mark: f.regulationMark,
    illustrator: f.illustrator,
    year: f.year,
    raw_text: f.rawText ?? "",
    ocr_confidence: f.confidence,
    card_index: card.index,
    position: card.position ?? null,
    quad: card.quad,
    rotation: card.rotation,
    crop_key: card.cropKey ?? null,
  };
}

export function draftView(d: CardDraft): DraftView {
  return {
    id: d.id,
    batch_id: d.batchId,
    image_id: d.imageId,
    status: d.status,
    image_url: imageUrl(d.imageId),
    crop_url: d.detectedMetadata.crop_key ? cropUrl(d.imageId, d.detectedMetadata.card_index) : null,
    subject_type: d.subjectType,
    top_candidate_id: d.topCandidateId,
    candidates: d.candidates,
    detected_metadata: d.detectedMetadata,
    selected_card_id: d.selectedCardId,
    created_at: d.createdAt.toISOString(),
    validated_at: d.validatedAt ? d.validatedAt.toISOString() : null,
  };
}

export function userCardView(c: UserCard): UserCardView {
  return {
    id: c.id,
    card_id: c.cardId,
    set_id: c.setId,
    quantity: c.quantity,
    condition: c.condition,
    price_paid: c.pricePaid,
    acquired_at: c.acquiredAt,
    notes: c.notes,
    draft_id: c.draftId,
    created_at: c.createdAt.toISOString(),
  };
}

/** A user card with its catalog name, French name, set name and number. */
export const describedCardView = (c: DescribedCard): UserCardView => ({
  ...userCardView(c),
  name: c.name,
  name_fr: c.nameFr,
  set_name: c.setName,
  number: c.number,
});

export function masterSetView(m: UserMasterSet): MasterSetView {
  return {
    set_id: m.setId,
    owned_card_count: m.ownedCardCount,
    tracked_card_count: m.trackedCardCount,
    completion_rate: m.completionRate,
  };
}
