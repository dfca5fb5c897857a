import { imageLeaseKey } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import { expireImage } from "./expire-image";

/**
 * Expires every image whose lease has lapsed: bytes and lease removed, row marked expired.
 * Rows past their `expires_at` whose lease is still alive (clocks a little apart) wait for the next run.
 * Returns how many images were expired.
 */
export async function sweepExpiredImages(deps: IngestDeps, batchSize = 100): Promise<number> {
  let expiredCount = 0;
  for (;;) {
    const due = await deps.images.listDueForExpiry(deps.clock.now(), batchSize);
    let expiredNow = 0;
    for (const image of due) {
      if (await deps.leases.isLive(imageLeaseKey(image.id))) continue;
      await expireImage(deps, image);
      expiredNow++;
    }
    expiredCount += expiredNow;
    if (due.length < batchSize || expiredNow === 0) return expiredCount;
  }
}
