import type { ImageStatus, SubjectType } from "@poke-ventory/contracts";

/** One `import_batches` row. */
export interface BatchRecord {
  id: string;
  userId: string;
  subjectType: SubjectType;
  createdAt: Date;
}

/** One `analysis_images` row. */
export interface ImageRecord {
  id: string;
  batchId: string;
  userId: string;
  objectKey: string;
  contentType: string;
  sizeBytes: number;
  width: number;
  height: number;
  sha256: string;
  originalFilename: string | null;
  /** From the photo's EXIF: the camera's local date and time (`YYYY-MM-DDTHH:mm:ss`), make and model. */
  takenAt: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  subjectType: SubjectType;
  status: ImageStatus;
  cardsFound: number | null;
  failureReason: string | null;
  createdAt: Date;
  analysedAt: Date | null;
  expiresAt: Date;
}
