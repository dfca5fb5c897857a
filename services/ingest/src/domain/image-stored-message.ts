import type { ImageStored } from "@poke-ventory/contracts";
import type { ImageRecord } from "../records";

/** The `image.stored` message announcing a stored image to vision. */
export function imageStoredMessage(image: ImageRecord): ImageStored {
  return {
    imageId: image.id,
    batchId: image.batchId,
    userId: image.userId,
    objectKey: image.objectKey,
    contentType: image.contentType,
    subjectType: image.subjectType,
    width: image.width,
    height: image.height,
    storedAt: image.createdAt.toISOString(),
  };
}
