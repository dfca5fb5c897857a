import { AppError, notFound, type OwnedParams, type ReadImageResult } from "@poke-ventory/contracts";
import { ObjectNotFoundError } from "@poke-ventory/storage";
import { Readable } from "node:stream";
import { cropKey, imageLeaseKey } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import { expireImage } from "./expire-image";
import type { ImageRecord } from "./records";

const expired = () => new AppError("IMAGE_EXPIRED", "The image has expired and was deleted");

/**
 * The bytes of the caller's image, or of one card's crop (`cardIndex`). Every read extends the image's lease;
 * an image whose lease lapsed answers IMAGE_EXPIRED and is removed on the spot (the sweeper would get there later);
 * one whose original vanished from the store answers IMAGE_GONE and is expired likewise.
 */
export async function readImage(deps: IngestDeps, params: OwnedParams & { cardIndex?: number }): Promise<ReadImageResult> {
  const image = await openImage(deps, params);
  if (params.cardIndex !== undefined) return readCrop(deps, image, params.cardIndex);
  try {
    const stream = await deps.objects.getStream(image.objectKey);
    return { contentType: image.contentType, sizeBytes: image.sizeBytes, stream };
  } catch (err) {
    if (!(err instanceof ObjectNotFoundError)) throw err;
    throw await imageGone(deps, image);
  }
}

/**
 * What to answer when an object derived from `image` (`what`: a crop) is missing: NOT_FOUND while the original is
 * stored (that card is not there), IMAGE_GONE when the original vanished too — then the image is expired, as a read
 * of the original would.
 */
export async function missingDerivative(deps: IngestDeps, image: ImageRecord, what: string): Promise<AppError> {
  return (await deps.objects.exists(image.objectKey)) ? notFound(what) : imageGone(deps, image);
}

/** The original of `image` is no longer stored: expire what is left of it and say so (410). */
export async function imageGone(deps: IngestDeps, image: ImageRecord): Promise<AppError> {
  await expireImage(deps, image);
  return new AppError("IMAGE_GONE", "The image's original is no longer stored: upload it again");
}

/**
 * The access rules of every read of an image or of what derives from it (crops, thumbnails): the owner's only
 * (NOT_FOUND for anyone else), IMAGE_EXPIRED once its lease lapsed, and each read extends the lease.
 */
export async function openImage(deps: IngestDeps, params: OwnedParams): Promise<ImageRecord> {
  const image = await deps.images.findById(params.id);
  if (!image || image.userId !== params.userId) throw notFound("Image");
  if (image.status === "expired") throw expired();

  const ttl = deps.settings.imageTtlSeconds;
  if (!(await deps.leases.refresh(imageLeaseKey(image.id), ttl))) {
    await expireImage(deps, image);
    throw expired();
  }
  await deps.images.update(image.id, { expiresAt: new Date(deps.clock.now().getTime() + ttl * 1000) });
  return image;
}

async function readCrop(deps: IngestDeps, image: ImageRecord, cardIndex: number): Promise<ReadImageResult> {
  try {
    const bytes = await deps.objects.get(cropKey(image.id, cardIndex));
    return { contentType: "image/jpeg", sizeBytes: bytes.length, stream: Readable.from([bytes]) };
  } catch (err) {
    if (err instanceof ObjectNotFoundError) throw await missingDerivative(deps, image, "Card crop");
    throw err;
  }
}
