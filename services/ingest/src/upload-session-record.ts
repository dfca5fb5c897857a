import type { UploadSessionStatus } from "@poke-ventory/contracts";

/** One `upload_sessions` row: a presigned direct upload from prepare to complete (or expiry). */
export interface UploadSessionRecord {
  id: string;
  userId: string;
  status: UploadSessionStatus;
  objectKey: string;
  filename: string;
  sizeBytes: number;
  contentType: string;
  sha256: string | null;
  batchId: string | null;
  imageId: string | null;
  failureReason: string | null;
  /** Set while one `complete` works on the session, so a parallel one cannot store the image twice. */
  completingUntil: Date | null;
  createdAt: Date;
  expiresAt: Date;
}
