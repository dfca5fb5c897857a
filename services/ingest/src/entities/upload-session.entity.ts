import { EntitySchema } from "typeorm";
import type { UploadSessionRecord } from "../upload-session-record";

export const UploadSessionEntity = new EntitySchema<UploadSessionRecord>({
  name: "UploadSession",
  tableName: "upload_sessions",
  columns: {
    id: { type: "uuid", primary: true },
    userId: { type: "text", name: "user_id" },
    status: { type: "text" },
    objectKey: { type: "text", name: "object_key" },
    filename: { type: "text" },
    sizeBytes: { type: "integer", name: "size_bytes" },
    contentType: { type: "text", name: "content_type" },
    sha256: { type: "text", nullable: true },
    batchId: { type: "uuid", name: "batch_id", nullable: true },
    imageId: { type: "uuid", name: "image_id", nullable: true },
    failureReason: { type: "text", name: "failure_reason", nullable: true },
    completingUntil: { type: "timestamptz", name: "completing_until", nullable: true },
    createdAt: { type: "timestamptz", name: "created_at" },
    expiresAt: { type: "timestamptz", name: "expires_at" },
  },
});
