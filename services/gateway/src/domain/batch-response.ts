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

/**
 * Adds the files the batch answered with an earlier image (`duplicate_of`: the same bytes sent again) to its
 * response: those images, and their drafts among `earlierDrafts` (the drafts of the batches they belong to).
 */
export function withDuplicates(body: BatchResponse, duplicates: ImageView[], earlierDrafts: DraftView[]): BatchResponse {
  if (duplicates.length === 0) return body;
  const ids = new Set(duplicates.map((i) => i.id));
  const images = [...body.images, ...duplicates];
  return { ...body, status: batchStatus(images), images, drafts: [...body.drafts, ...earlierDrafts.filter((d) => ids.has(d.image_id))] };
}
