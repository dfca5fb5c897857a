import { randomUUID } from "node:crypto";
import { notFound, type PreparedUploadView, type PrepareUploadParams, type UploadSessionView } from "@poke-ventory/contracts";
import type { IngestDeps } from "./deps";
import { checkUploadTerms, toUploadSessionView } from "./domain/upload-session";
import type { UploadSessionRecord } from "./upload-session-record";

/** Where a direct upload's bytes wait for `complete` (never read as an image before that). */
export const stagedUploadKey = (sessionId: string) => `uploads/${sessionId}`;

/** Opens a direct upload (`pending`) and answers where to send its bytes, until `UPLOAD_SESSION_TTL_SECONDS` from now. */
export async function prepareUpload(deps: IngestDeps, params: PrepareUploadParams): Promise<PreparedUploadView> {
  const terms = checkUploadTerms(params, deps.settings.maxUploadBytes);
  const now = deps.clock.now();
  const id = randomUUID();
  const session: UploadSessionRecord = {
    id,
    userId: params.userId,
    status: "pending",
    objectKey: stagedUploadKey(id),
    filename: terms.filename,
    sizeBytes: terms.size,
    contentType: terms.contentType,
    sha256: terms.sha256,
    batchId: null,
    imageId: null,
    failureReason: null,
    completingUntil: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.uploadSessionTtlSeconds * 1000),
  };
  await deps.uploads.insert(session);
  const target = await deps.uploadTarget.prepare(session);
  return { upload_id: id, ...target, expires_at: session.expiresAt.toISOString() };
}

/** The caller's session, or NOT_FOUND (another user's is indistinguishable from a missing one). */
export async function findOwnUpload(deps: Pick<IngestDeps, "uploads">, userId: string, id: string): Promise<UploadSessionRecord> {
  const session = await deps.uploads.findById(id);
  if (!session || session.userId !== userId) throw notFound("Upload");
  return session;
}

export async function getUpload(deps: Pick<IngestDeps, "uploads">, params: { userId: string; id: string }): Promise<UploadSessionView> {
  return toUploadSessionView(await findOwnUpload(deps, params.userId, params.id));
}
