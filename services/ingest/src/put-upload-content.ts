import type { Readable } from "node:stream";
import { AppError, type PutUploadContentMeta, type UploadSessionView } from "@poke-ventory/contracts";
import type { IngestDeps } from "./deps";
import { toUploadSessionView } from "./domain/upload-session";
import { readLimited } from "./read-limited";

const forbidden = () => new AppError("FORBIDDEN", "The upload URL is invalid or has expired");

/**
 * The bytes of a direct upload sent to a signed gateway URL (filesystem store). The signature is the credential:
 * a tampered or expired URL, or a session no longer pending, is 403. The body must be exactly the declared size
 * and type; it is kept under `uploads/` until `complete` checks it as an image.
 */
export async function putUploadContent(deps: IngestDeps, stream: Readable, meta: Partial<PutUploadContentMeta>): Promise<UploadSessionView> {
  const session = typeof meta.id === "string" ? await deps.uploads.findById(meta.id) : null;
  const expires = Number(meta.expires);
  if (!session || !deps.uploadTarget.viaIngest || !Number.isInteger(expires) || typeof meta.signature !== "string") throw forbidden();
  if (!deps.uploadTarget.verify(session, expires, meta.signature)) throw forbidden();
  if (deps.clock.now().getTime() > expires * 1000 || session.status !== "pending") throw forbidden();
  const declaredType = (meta.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (declaredType !== session.contentType) {
    throw new AppError("VALIDATION_FAILED", `The Content-Type must be ${session.contentType}, as signed`);
  }
  const bytes = await readLimited(stream, session.sizeBytes);
  if (bytes.length !== session.sizeBytes) {
    throw new AppError("VALIDATION_FAILED", `The body has ${bytes.length} bytes, ${session.sizeBytes} were declared`);
  }
  await deps.objects.put(session.objectKey, bytes, { contentType: session.contentType, size: bytes.length });
  if (!(await deps.uploads.updateIfStatus(session.id, ["pending"], { status: "uploaded" }))) {
    // Expired (swept) or sent twice at once meanwhile: the bytes must not outlive the session.
    await deps.objects.delete(session.objectKey);
    throw forbidden();
  }
  return toUploadSessionView({ ...session, status: "uploaded" });
}
