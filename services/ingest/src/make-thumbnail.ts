import sharp from "sharp";

/** The long side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

/**
 * A WebP thumbnail of an image (upright: its EXIF orientation applied), at most {@link THUMBNAIL_SIZE} px on its long
 * side. No metadata is written (sharp keeps none unless asked): no EXIF, no GPS, no camera. A JPEG is shrunk on load
 * by libjpeg (DCT scaling), so a 12 MP photo is never decoded whole.
 */
export function makeThumbnail(bytes: Buffer, maxPixels: number): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" })
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 70, effort: 2 })
    .toBuffer();
}
