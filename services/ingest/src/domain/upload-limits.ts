const BYTES_PER_MB = 1024 * 1024;

/** The upload size cap in bytes for a `MAX_UPLOAD_SIZE_MB` value (fractions allowed). */
export const maxUploadBytes = (megabytes: number): number => Math.floor(megabytes * BYTES_PER_MB);

/** Whether an image of these dimensions is over the pixel cap (decompression bombs, absurd scans). */
export const exceedsPixelLimit = (width: number, height: number, maxPixels: number): boolean => width * height > maxPixels;
