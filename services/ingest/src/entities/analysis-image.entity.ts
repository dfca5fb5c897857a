import { EntitySchema } from "typeorm";
import type { ImageRecord } from "../records";

export const AnalysisImageEntity = new EntitySchema<ImageRecord>({
  name: "AnalysisImage",
  tableName: "analysis_images",
  columns: {
    id: { type: "uuid", primary: true },
    batchId: { type: "uuid", name: "batch_id" },
    userId: { type: "text", name: "user_id" },
    objectKey: { type: "text", name: "object_key" },
    contentType: { type: "text", name: "content_type" },
    sizeBytes: { type: "integer", name: "size_bytes" },
    width: { type: "integer" },
    height: { type: "integer" },
    sha256: { type: "text" },
    originalFilename: { type: "text", name: "original_filename", nullable: true },
    takenAt: { type: "text", name: "taken_at", nullable: true },
    cameraMake: { type: "text", name: "camera_make", nullable: true },
    cameraModel: { type: "text", name: "camera_model", nullable: true },
    subjectType: { type: "text", name: "subject_type" },
    status: { type: "text" },
    cardsFound: { type: "integer", name: "cards_found", nullable: true },
    failureReason: { type: "text", name: "failure_reason", nullable: true },
    createdAt: { type: "timestamptz", name: "created_at" },
    analysedAt: { type: "timestamptz", name: "analysed_at", nullable: true },
    expiresAt: { type: "timestamptz", name: "expires_at" },
  },
});
