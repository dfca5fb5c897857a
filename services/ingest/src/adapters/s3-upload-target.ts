import type { Clock } from "@poke-ventory/runtime";
import type { MinioObjectStore } from "@poke-ventory/storage";
import type { UploadTarget } from "../ports";
import type { UploadSessionRecord } from "../upload-session-record";

/**
 * S3/MinIO: a presigned PUT straight to the bucket. It signs the host and the key only, so the size and type
 * are checked against the session when the upload is completed (a mismatch is rejected and the object deleted).
 */
export class S3UploadTarget implements UploadTarget {
  readonly viaIngest = false;

  constructor(private readonly store: MinioObjectStore, private readonly clock: Clock) {}

  async prepare(session: UploadSessionRecord) {
    const now = this.clock.now();
    const seconds = Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
    const url = await this.store.presignedPut(session.objectKey, seconds, now);
    return { url, method: "PUT" as const, headers: { "Content-Type": session.contentType } };
  }

  verify(): boolean {
    return false;
  }
}
