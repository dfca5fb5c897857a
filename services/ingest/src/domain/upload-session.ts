import { AppError, type UploadSessionStatus, type UploadSessionView } from "@poke-ventory/contracts";
import { MAX_FILENAME_LENGTH, originalFilename } from "./original-filename";

export const ACCEPTED_UPLOAD_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

/** The terms of a direct upload, checked: a clear 4xx for each bad field. */
export function checkUploadTerms(
  input: { filename: unknown; size: unknown; contentType: unknown; sha256?: unknown },
  maxBytes: number,
): { filename: string; size: number; contentType: string; sha256: string | null } {
  const problems: { field: string; message: string }[] = [];
  const { size, contentType, sha256 } = input;
  const filename = typeof input.filename === "string" && input.filename.length <= MAX_FILENAME_LENGTH ? originalFilename(input.filename) : null;
  if (!filename) problems.push({ field: "filename", message: `1 to ${MAX_FILENAME_LENGTH} characters, a name without control characters` });
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1) problems.push({ field: "size", message: "a positive whole number of bytes" });
  if (typeof contentType !== "string" || !(ACCEPTED_UPLOAD_TYPES as readonly string[]).includes(contentType)) {
    problems.push({ field: "content_type", message: `one of ${ACCEPTED_UPLOAD_TYPES.join(", ")}` });
  }
  if (sha256 !== undefined && sha256 !== null && (typeof sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha256))) {
    problems.push({ field: "sha256", message: "64 hexadecimal characters" });
  }
  if (problems.length > 0) throw new AppError("VALIDATION_FAILED", "The request is not valid", problems);
  if ((size as number) > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${maxBytes} bytes`, { maxBytes });
  return { filename: filename!, size: size as number, contentType: contentType as string, sha256: typeof sha256 === "string" ? sha256.toLowerCase() : null };
}

/** Statuses from which a session may still receive bytes or be completed; the sweeper expires these once past due. */
export const OPEN_UPLOAD_STATUSES: readonly UploadSessionStatus[] = ["pending", "uploaded"];

/** The session as `GET /imports/uploads/{id}` shows it. */
export function toUploadSessionView(s: {
  id: string;
  status: UploadSessionStatus;
  filename: string;
  sizeBytes: number;
  contentType: string;
  batchId: string | null;
  imageId: string | null;
  failureReason: string | null;
  createdAt: Date;
  expiresAt: Date;
}): UploadSessionView {
  return {
    upload_id: s.id,
    status: s.status,
    filename: s.filename,
    size: s.sizeBytes,
    content_type: s.contentType,
    batch_id: s.batchId,
    image_id: s.imageId,
    failure_reason: s.failureReason,
    created_at: s.createdAt.toISOString(),
    expires_at: s.expiresAt.toISOString(),
  };
}
