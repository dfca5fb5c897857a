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

/** A batch in `GET /imports/batches`: the same fields as `GET /imports/batches/{id}` without the drafts. */
export const batchSummary = (batch: BatchView): Omit<BatchResponse, "drafts"> => ({
  batch_id: batch.id,
  status: batchStatus(batch.images),
  subject_type: batch.subject_type,
  created_at: batch.created_at,
  images: batch.images,
});

export function batchResponse(batch: BatchView, drafts: DraftView[]): BatchResponse {
  return { ...batchSummary(batch), drafts };
}
