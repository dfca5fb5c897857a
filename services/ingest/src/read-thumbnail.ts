import { Readable } from "node:stream";
import type { OwnedParams, ReadImageResult } from "@poke-ventory/contracts";
import { ObjectNotFoundError } from "@poke-ventory/storage";
import { cropKey, thumbnailKey } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import { makeThumbnail } from "./make-thumbnail";
import { imageGone, missingDerivative, openImage } from "./read-image";

const webp = (bytes: Buffer): ReadImageResult => ({ contentType: "image/webp", sizeBytes: bytes.length, stream: Readable.from([bytes]) });

/**
 * The WebP thumbnail of the caller's image, or of one card's crop (`cardIndex`), under the image's rules (owner
 * only, IMAGE_EXPIRED after its TTL, IMAGE_GONE once its original vanished, each read extends it). Made on the first
 * read and kept beside the image (`thumbnails/<id>/`, deleted with it): later reads cost one object read.
 */
export async function readThumbnail(deps: IngestDeps, params: OwnedParams & { cardIndex?: number }): Promise<ReadImageResult> {
  const image = await openImage(deps, params);
  const key = thumbnailKey(image.id, params.cardIndex);
  try {
    return webp(await deps.objects.get(key));
  } catch (err) {
    if (!(err instanceof ObjectNotFoundError)) throw err;
  }
  const sourceKey = params.cardIndex === undefined ? image.objectKey : cropKey(image.id, params.cardIndex);
  let source: Buffer;
  try {
    source = await deps.objects.get(sourceKey);
  } catch (err) {
    if (!(err instanceof ObjectNotFoundError)) throw err;
    throw params.cardIndex === undefined ? await imageGone(deps, image) : await missingDerivative(deps, image, "Card crop");
  }
  const thumbnail = await makeThumbnail(source, deps.settings.maxImagePixels);
  await deps.objects.put(key, thumbnail, { contentType: "image/webp", size: thumbnail.length });
  return webp(thumbnail);
}
