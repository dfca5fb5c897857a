import type { ImageView } from "@poke-ventory/contracts";
import { toImageView } from "./domain/image-views";
import { imageLeaseKey } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import { expireImage } from "./expire-image";
import type { ImageRecord } from "./records";

/**
 * Dedup: the caller's live image of the same bytes (SHA-256) and subject type, answered instead of storing and
 * analysing them again — its lease refreshed, as a read would. One whose lease lapsed is expired on the spot and
 * null is returned (the bytes are then stored and analysed anew, as they are after a `failed` one); one still
 * being stored (its lease not granted yet, `expires_at` ahead) counts as live.
 */
export async function reuseDuplicate(deps: IngestDeps, of: Pick<ImageRecord, "userId" | "sha256" | "subjectType">): Promise<ImageView | null> {
  const earlier = await deps.images.findLiveDuplicate(of);
  if (!earlier) return null;
  const ttl = deps.settings.imageTtlSeconds;
  const now = deps.clock.now().getTime();
  if (!(await deps.leases.refresh(imageLeaseKey(earlier.id), ttl))) {
    if (earlier.expiresAt.getTime() <= now) {
      await expireImage(deps, earlier);
      return null;
    }
  } else {
    earlier.expiresAt = new Date(now + ttl * 1000);
    await deps.images.update(earlier.id, { expiresAt: earlier.expiresAt });
  }
  return { ...toImageView(earlier), duplicate_of: earlier.id };
}
