import type { BatchView, DraftView, ImageView } from "@poke-ventory/contracts";

export type BatchStatus = "processing" | "completed";

export interface BatchResponse {
  batch_id: string;
  status: BatchStatus;
  subject_type: string;
  created_at: string;
  images: ImageView[];
  drafts: DraftView[];
}

/** An image still `stored` (not analysed, failed or archived yet) keeps its batch processing. */
export function batchStatus(images: ImageView[]): BatchStatus {
  return images.some((i) => i.status === "stored") ? "processing" : "completed";
}

export function batchResponse(batch: BatchView, drafts: DraftView[]): BatchResponse {
  return {
    batch_id: batch.id,
    status: batchStatus(batch.images),
    subject_type: batch.subject_type,
    created_at: batch.created_at,
    images: batch.images,
    drafts,
  };
}
