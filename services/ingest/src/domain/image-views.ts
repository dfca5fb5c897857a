import type { BatchView, ImageView } from "@poke-ventory/contracts";
import type { BatchRecord, ImageRecord } from "../records";

/** Where the gateway serves an image's bytes. */
export const imageUrl = (imageId: string) => `/imports/images/${imageId}`;

export function toImageView(image: ImageRecord): ImageView {
  return {
    id: image.id,
    batch_id: image.batchId,
    status: image.status,
    subject_type: image.subjectType,
    content_type: image.contentType,
    size_bytes: image.sizeBytes,
    width: image.width,
    height: image.height,
    original_filename: image.originalFilename,
    taken_at: image.takenAt,
    camera_make: image.cameraMake,
    camera_model: image.cameraModel,
    cards_found: image.cardsFound,
    failure_reason: image.status === "failed" ? image.failureReason : null,
    image_url: imageUrl(image.id),
    created_at: image.createdAt.toISOString(),
  };
}

export function toBatchView(batch: BatchRecord, images: ImageRecord[]): BatchView {
  return {
    id: batch.id,
    subject_type: batch.subjectType,
    created_at: batch.createdAt.toISOString(),
    images: images.map(toImageView),
  };
}
