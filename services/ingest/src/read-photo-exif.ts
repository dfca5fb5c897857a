import exifReader from "exif-reader";

/** What ingest keeps of a photo's EXIF: when and with what it was taken. Never its GPS position. */
export interface PhotoExif {
  /** The camera's local date and time (EXIF has no time zone), `YYYY-MM-DDTHH:mm:ss`. */
  takenAt: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
}

const NONE: PhotoExif = { takenAt: null, cameraMake: null, cameraModel: null };

/** A printable EXIF text of at most 100 characters, or null. */
const text = (value: unknown): string | null => {
  if (typeof value !== "string") return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 100);
  return clean === "" ? null : clean;
};

/** exif-reader reads the zone-less EXIF date as if it were UTC: its UTC fields are the camera's clock. */
const localDateTime = (value: unknown): string | null =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 19) : null;

/** The date taken, camera make and model from a raw EXIF block (sharp's `metadata().exif`); nulls when absent or unreadable. */
export function readPhotoExif(exif: Buffer | undefined): PhotoExif {
  if (!exif || exif.length === 0) return NONE;
  try {
    const tags = exifReader(exif);
    return {
      takenAt: localDateTime(tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime),
      cameraMake: text(tags.Image?.Make),
      cameraModel: text(tags.Image?.Model),
    };
  } catch {
    return NONE;
  }
}
