import { statusesLeadingTo } from "./domain/image-status";
import { cropsPrefix, imageLeaseKey, thumbnailsPrefix } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import type { ImageRecord } from "./records";

/** Removes an image's bytes (original, crops, thumbnails) and lease, and marks its row expired. Idempotent. */
export async function expireImage(deps: Pick<IngestDeps, "objects" | "leases" | "images">, image: ImageRecord): Promise<void> {
  await deps.objects.delete(image.objectKey);
  await deps.objects.deletePrefix(cropsPrefix(image.id));
  await deps.objects.deletePrefix(thumbnailsPrefix(image.id));
  await deps.leases.revoke(imageLeaseKey(image.id));
  await deps.images.updateIfStatus(image.id, statusesLeadingTo("expired", "expired"), { status: "expired" });
}
