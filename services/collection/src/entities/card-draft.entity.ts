import { EntitySchema } from "typeorm";
import type { CardDraft } from "../domain/records";

export const CardDraftEntity = new EntitySchema<CardDraft>({
  name: "CardDraft",
  tableName: "card_drafts",
  columns: {
    id: { type: "uuid", primary: true },
    batchId: { name: "batch_id", type: "text" },
    imageId: { name: "image_id", type: "text" },
    userId: { name: "user_id", type: "text" },
    cardIndex: { name: "card_index", type: "integer" },
    status: { type: "text" },
    subjectType: { name: "subject_type", type: "text" },
    candidates: { type: "jsonb" },
    topCandidateId: { name: "top_candidate_id", type: "text", nullable: true },
    detectedMetadata: { name: "detected_metadata", type: "jsonb" },
    selectedCardId: { name: "selected_card_id", type: "text", nullable: true },
    createdAt: { name: "created_at", type: "timestamptz" },
    validatedAt: { name: "validated_at", type: "timestamptz", nullable: true },
  },
  uniques: [{ name: "uq_card_drafts_image_card", columns: ["imageId", "cardIndex"] }],
  indices: [{ name: "ix_card_drafts_user_batch", columns: ["userId", "batchId"] }],
});
