import sharp from "sharp";
import { UndecodableImageError, type ImageCodec, type RawImage } from "../ports";

/** sharp (libvips) behind the {@link ImageCodec} port. */
export class SharpImageCodec implements ImageCodec {
  async decode(bytes: Buffer, maxPixels: number): Promise<RawImage> {
    let meta: sharp.Metadata;
    try {
      meta = await sharp(bytes).metadata();
    } catch (err) {
      throw new UndecodableImageError("not a readable image", { cause: err });
    }
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels === 0) throw new UndecodableImageError("image has no size");
    if (pixels > maxPixels) throw new UndecodableImageError(`image has ${pixels} pixels, over the ${maxPixels} limit`);
    try {
      const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
        .rotate()
        .removeAlpha()
        .toColourspace("srgb")
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
      return { data, width: info.width, height: info.height };
    } catch (err) {
      throw new UndecodableImageError("image data is corrupt", { cause: err });
    }
  }

  encodeJpeg(image: RawImage, quality = 88): Promise<Buffer> {
    return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .jpeg({ quality, mozjpeg: false })
      .toBuffer();
  }

  zonePng(
    image: RawImage,
    zone: { left: number; top: number; width: number; height: number },
    opts: { scale: number; binarize: boolean },
  ): Promise<Buffer> {
    let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .extract(zone)
      .greyscale();
    if (opts.scale !== 1) {
      pipeline = pipeline.resize({ width: Math.round(zone.width * opts.scale), kernel: "lanczos3" });
    }
    pipeline = opts.binarize ? pipeline.normalise().threshold(128) : pipeline.normalise();
    return pipeline.png({ compressionLevel: 1 }).toBuffer();
  }
}
