import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { AppError, type CompletedUpload, type CompleteUploadParams, type ImageStored } from "@poke-ventory/contracts";
import { ObjectNotFoundError } from "@poke-ventory/storage";
import { createBatch } from "./create-batch";
import type { IngestDeps } from "./deps";
import { OPEN_UPLOAD_STATUSES } from "./domain/upload-session";
import { sniffImageType } from "./domain/sniff-image-type";
import { findOwnBatch } from "./get-batch";
import { findOwnUpload } from "./prepare-upload";
import { readLimited } from "./read-limited";
import { uploadImage } from "./upload-image";

/**
 * Completes a direct upload: the staged object is checked against what was declared (size, type by its bytes,
 * SHA-256 when given), then goes through the multipart path (`uploadImage`: image checks, quota, `image.stored`)
 * into `batchId` (the caller's, else NOT_FOUND before anything is read) or a new batch. A bad object rejects the
 * session and is deleted; completing twice answers the same.
 */
export async function completeUpload(
  deps: IngestDeps,
  params: CompleteUploadParams,
  announce: (message: ImageStored) => Promise<void>,
): Promise<CompletedUpload> {
  const session = await findOwnUpload(deps, params.userId, params.id);
  if (session.status === "completed" && session.batchId && session.imageId) return { batch_id: session.batchId, image_id: session.imageId };
  if (session.status === "rejected") throw new AppError("VALIDATION_FAILED", `The upload was rejected: ${session.failureReason ?? "invalid"}`);
  const now = deps.clock.now();
  if (session.status === "expired" || now > session.expiresAt) throw new AppError("IMAGE_EXPIRED", "The upload session has expired");
  // A batch that is not the caller's is the request's fault, not the object's: the session stays open for another try.
  if (params.batchId) await findOwnBatch(deps, params.userId, params.batchId);
  if (!(await deps.uploads.claim(session.id, now, new Date(now.getTime() + CLAIM_MS)))) {
    // Another complete holds it, or has just closed it: answer what it did.
    const latest = await findOwnUpload(deps, params.userId, params.id);
    if (latest.status === "completed" && latest.batchId && latest.imageId) return { batch_id: latest.batchId, image_id: latest.imageId };
    throw new AppError("UPLOAD_IN_PROGRESS", "The upload is being completed by another request");
  }

  let bytes: Buffer;
  try {
    bytes = await readLimited(await deps.objects.getStream(session.objectKey), session.sizeBytes);
  } catch (err) {
    if (err instanceof ObjectNotFoundError) {
      await deps.uploads.updateIfStatus(session.id, OPEN_UPLOAD_STATUSES, { completingUntil: null });
      throw new AppError("VALIDATION_FAILED", "Nothing was uploaded to the URL yet");
    }
    if (err instanceof AppError) return reject(deps, session, err);
    throw err;
  }
  try {
    checkDeclared(session, bytes);
    const batchId = params.batchId ?? (await createBatch(deps, { userId: params.userId, subjectType: params.subjectType })).id;
    const image = await uploadImage(
      deps,
      { stream: Readable.from([bytes]), meta: { userId: params.userId, batchId, filename: session.filename, declaredType: session.contentType, quota: params.quota } },
      announce,
    );
    await deps.uploads.updateIfStatus(session.id, OPEN_UPLOAD_STATUSES, { status: "completed", batchId, imageId: image.id });
    await deps.objects.delete(session.objectKey);
    return { batch_id: batchId, image_id: image.id };
  } catch (err) {
    // A refusal (4xx) closes the session; a failure of ours (5xx) leaves it open for another try.
    if (err instanceof AppError && err.status < 500) return reject(deps, session, err);
    await deps.uploads.updateIfStatus(session.id, OPEN_UPLOAD_STATUSES, { completingUntil: null });
    throw err;
  }
}

/** How long one complete may hold a session before another may take it over (a crashed node's claim lapses). */
const CLAIM_MS = 120_000;

/** The staged bytes must be what the session declared: exact size, the declared type by signature, the SHA-256 if given. */
function checkDeclared(session: { sizeBytes: number; contentType: string; sha256: string | null }, bytes: Buffer): void {
  if (bytes.length !== session.sizeBytes) {
    throw new AppError("VALIDATION_FAILED", `The uploaded object has ${bytes.length} bytes, ${session.sizeBytes} were declared`);
  }
  const sniffed = sniffImageType(bytes);
  if (!sniffed) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Only JPEG, PNG and WebP images are accepted");
  if (sniffed !== session.contentType) throw new AppError("VALIDATION_FAILED", `The bytes are ${sniffed}, ${session.contentType} was declared`);
  if (session.sha256 && createHash("sha256").update(bytes).digest("hex") !== session.sha256) {
    throw new AppError("VALIDATION_FAILED", "The uploaded bytes do not match the declared sha256");
  }
}

async function reject(deps: IngestDeps, session: { id: string; objectKey: string }, err: AppError): Promise<never> {
  await deps.uploads.updateIfStatus(session.id, OPEN_UPLOAD_STATUSES, { status: "rejected", failureReason: err.message });
  await deps.objects.delete(session.objectKey);
  throw err;
}
