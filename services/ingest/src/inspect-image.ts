import sharp from "sharp";
import { AppError } from "@poke-ventory/contracts";

/**
 * Width, height, frame count (`pages`: more than 1 for an animated WebP) and raw EXIF block from the image header (no
 * pixel decoding); VALIDATION_FAILED when unreadable.
 */
export async function inspectImage(bytes: Buffer): Promise<{ width: number; height: number; pages: number; exif?: Buffer }> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new Error("no dimensions in the header");
    return { width: meta.width, height: meta.height, pages: meta.pages ?? 1, exif: meta.exif };
  } catch (err) {
    throw new AppError("VALIDATION_FAILED", "The image could not be read", undefined, { cause: err });
  }
}
