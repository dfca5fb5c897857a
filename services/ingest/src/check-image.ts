import { AppError } from "@poke-ventory/contracts";
import { isCompleteImage, readHeaderSize } from "./domain/image-header";
import { sniffImageType, type ImageContentType } from "./domain/sniff-image-type";
import { exceedsPixelLimit } from "./domain/upload-limits";
import { inspectImage } from "./inspect-image";
import { readPhotoExif, type PhotoExif } from "./read-photo-exif";

export interface CheckedImage extends PhotoExif {
  contentType: ImageContentType;
  width: number;
  height: number;
}

/**
 * The checks every image goes through before it is accepted, whichever way its bytes arrived (a multipart
 * upload, or an object uploaded straight to storage): not empty, a JPEG/PNG/WebP signature, complete up to its
 * end marker (bytes after it are allowed and kept: Motion Photos, vendor trailers), at most `maxPixels` by its
 * header (read before anything is decoded), a header sharp can read, and one frame (an animated WebP is not a
 * photo). Also returns the date taken and the camera from its EXIF (never the GPS position). The size cap is the
 * caller's (it is enforced while the bytes are read). Throws the AppError the client gets.
 */
export async function checkImageBytes(bytes: Buffer, limits: { maxPixels: number }): Promise<CheckedImage> {
  if (bytes.length === 0) throw new AppError("VALIDATION_FAILED", "The file is empty");
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Only JPEG, PNG and WebP images are accepted");
  if (!isCompleteImage(contentType, bytes)) throw new AppError("VALIDATION_FAILED", "The image is truncated");
  const header = readHeaderSize(contentType, bytes);
  if (!header) throw new AppError("VALIDATION_FAILED", "The image could not be read", [{ field: "file", message: "no size in the image header" }]);
  checkPixels(header.width, header.height, limits.maxPixels);
  const { width, height, pages, exif } = await inspectImage(bytes);
  checkPixels(width, height, limits.maxPixels);
  if (pages > 1) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Animated images are not accepted: send a photo");
  return { contentType, width, height, ...readPhotoExif(exif) };
}

function checkPixels(width: number, height: number, maxPixels: number): void {
  if (exceedsPixelLimit(width, height, maxPixels)) {
    throw new AppError("IMAGE_TOO_LARGE", `The image has more than ${maxPixels} pixels`, { width, height, maxPixels });
  }
}
