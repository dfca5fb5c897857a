import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { AppError, type ImageStored, type ImageView, type UploadMeta } from "@poke-ventory/contracts";
import { imageStoredMessage } from "./domain/image-stored-message";
import { toImageView } from "./domain/image-views";
import { quotaProblem, startOfUtcDay } from "./domain/quota";
import { imageLeaseKey, originalKey } from "./domain/object-keys";
import { isCompleteImage, sniffImageType, type ImageContentType } from "./domain/sniff-image-type";
import { exceedsPixelLimit } from "./domain/upload-limits";
import type { IngestDeps } from "./deps";
import { findOwnBatch } from "./get-batch";
import { inspectImage } from "./inspect-image";
import { readLimited } from "./read-limited";
import type { ImageRecord } from "./records";

export interface UploadRequest {
  stream: Readable;
  meta: UploadMeta;
}

/**
 * Checks an upload by its bytes (size, signature, completeness, pixels), stores it under `originals/`,
 * grants its lease, records it, and announces it for analysis (`sealed` images are archived instead).
 */
export async function uploadImage(
  deps: IngestDeps,
  request: UploadRequest,
  announce: (message: ImageStored) => Promise<void>,
): Promise<ImageView> {
  const { meta } = request;
  const batch = await findOwnBatch(deps, meta.userId, meta.batchId);
  const bytes = await readLimited(request.stream, deps.settings.maxUploadBytes);
  const { contentType, width, height } = await checkImage(bytes, deps.settings.maxImagePixels);

  const now = deps.clock.now();
  const ttl = deps.settings.imageTtlSeconds;
  const image: ImageRecord = {
    id: randomUUID(),
    batchId: batch.id,
    userId: batch.userId,
    objectKey: "",
    contentType,
    sizeBytes: bytes.length,
    width,
    height,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    originalFilename: meta.filename ?? null,
    subjectType: batch.subjectType,
    status: batch.subjectType === "sealed" ? "archived" : "stored",
    cardsFound: null,
    failureReason: null,
    createdAt: now,
    analysedAt: null,
    expiresAt: new Date(now.getTime() + ttl * 1000),
  };
  image.objectKey = originalKey(image.id);

  // The row first: whatever fails after it, the image is accounted for and the sweeper can clean it up.
  // Under a quota the row goes in only if it fits, checked with the user's uploads serialised: bytes are stored after.
  const { quota } = meta;
  if (quota) {
    await deps.images.insertWithinQuota(image, startOfUtcDay(now), (used) => {
      const problem = quotaProblem(used, quota, image.sizeBytes);
      if (problem) throw problem;
    });
  } else {
    await deps.images.insert(image);
  }
  try {
    await deps.objects.put(image.objectKey, bytes, { contentType, size: bytes.length });
    await deps.leases.grant(imageLeaseKey(image.id), ttl);
    if (image.status === "stored") await announce(imageStoredMessage(image));
  } catch (err) {
    await Promise.allSettled([deps.objects.delete(image.objectKey), deps.leases.revoke(imageLeaseKey(image.id))]);
    await deps.images.update(image.id, { status: "failed", failureReason: "could not be stored or announced" }).catch(() => undefined);
    throw err;
  }
  return toImageView(image);
}

async function checkImage(bytes: Buffer, maxPixels: number): Promise<{ contentType: ImageContentType; width: number; height: number }> {
  if (bytes.length === 0) throw new AppError("VALIDATION_FAILED", "The file is empty");
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Only JPEG, PNG and WebP images are accepted");
  if (!isCompleteImage(contentType, bytes)) throw new AppError("VALIDATION_FAILED", "The image is truncated");
  const { width, height } = await inspectImage(bytes);
  if (exceedsPixelLimit(width, height, maxPixels)) {
    throw new AppError("IMAGE_TOO_LARGE", `The image has more than ${maxPixels} pixels`, { width, height, maxPixels });
  }
  return { contentType, width, height };
}
