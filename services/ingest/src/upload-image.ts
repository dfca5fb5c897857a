import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { type ImageStored, type ImageView, type UploadMeta, type UsageView } from "@poke-ventory/contracts";
import { imageStoredMessage } from "./domain/image-stored-message";
import { toImageView } from "./domain/image-views";
import { quotaProblem, startOfUtcDay } from "./domain/quota";
import { imageLeaseKey, originalKey } from "./domain/object-keys";
import { originalFilename } from "./domain/original-filename";
import type { IngestDeps } from "./deps";
import { findOwnBatch } from "./get-batch";
import { checkImageBytes } from "./check-image";
import { readLimited } from "./read-limited";
import { reuseDuplicate } from "./reuse-duplicate";
import type { ImageRecord } from "./records";

export interface UploadRequest {
  stream: Readable;
  meta: UploadMeta;
}

/**
 * Checks an upload by its bytes (size, signature, completeness, pixels), stores it under `originals/`,
 * grants its lease, records it, and announces it for analysis (`sealed` images are archived instead).
 * The same bytes sent again by the same user, for the same subject type, while the first image lives, answer
 * that image with `duplicate_of` (nothing stored or analysed twice).
 */
export async function uploadImage(
  deps: IngestDeps,
  request: UploadRequest,
  announce: (message: ImageStored) => Promise<void>,
): Promise<ImageView> {
  const { meta } = request;
  const batch = await findOwnBatch(deps, meta.userId, meta.batchId);
  const bytes = await readLimited(request.stream, deps.settings.maxUploadBytes);
  const { contentType, width, height, takenAt, cameraMake, cameraModel } = await checkImageBytes(bytes, { maxPixels: deps.settings.maxImagePixels });

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const duplicate = await reuseDuplicate(deps, { userId: batch.userId, sha256, subjectType: batch.subjectType });
  if (duplicate) return duplicate;

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
    sha256,
    originalFilename: originalFilename(meta.filename),
    takenAt,
    cameraMake,
    cameraModel,
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
  // Two uploads of the same bytes at once: the unique index lets one in, the other answers with it.
  const { quota } = meta;
  const fits = quota
    ? {
        dayStart: startOfUtcDay(now),
        check: (used: UsageView) => {
          const problem = quotaProblem(used, quota, image.sizeBytes);
          if (problem) throw problem;
        },
      }
    : undefined;
  if (!(await deps.images.insertNew(image, fits))) {
    const winner = await reuseDuplicate(deps, image);
    if (winner) return winner;
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
