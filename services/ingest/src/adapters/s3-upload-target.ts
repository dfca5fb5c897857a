import type { Clock } from "@poke-ventory/runtime";
import type { MinioObjectStore } from "@poke-ventory/storage";
import type { UploadTarget } from "../ports";
import type { UploadSessionRecord } from "../upload-session-record";

/**
 * S3/MinIO: a presigned PUT straight to the bucket that signs the host, the key, the declared size and type (as
 * `Content-Length` and `Content-Type`), so S3 refuses other ones. The bytes are unsigned: complete checks them all
 * again (size, signature, pixels, sha256), which also covers S3 servers that do not check signatures.
 */
export class S3UploadTarget implements UploadTarget {
  readonly viaIngest = false;

  constructor(private readonly store: MinioObjectStore, private readonly clock: Clock) {}

  async prepare(session: UploadSessionRecord) {
    const now = this.clock.now();
    const seconds = Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
    const { url, headers } = this.store.presignedPut(session.objectKey, seconds, now, { size: session.sizeBytes, contentType: session.contentType });
    return { url, method: "PUT" as const, headers };
  }

  verify(): boolean {
    return false;
  }
}
