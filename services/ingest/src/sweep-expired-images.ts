import { imageLeaseKey } from "./domain/object-keys";
import type { IngestDeps } from "./deps";
import type { ExpiryCursor } from "./ports";
import { expireImage } from "./expire-image";

/**
 * Expires every image whose lease has lapsed: bytes and lease removed, row marked expired.
 * Rows past their `expires_at` whose lease is still alive (clocks a little apart) wait for the next run.
 * Returns how many images were expired.
 */
export async function sweepExpiredImages(deps: IngestDeps, batchSize = 100): Promise<number> {
  let expiredCount = 0;
  let after: ExpiryCursor | undefined;
  for (;;) {
    const due = await deps.images.listDueForExpiry(deps.clock.now(), batchSize, after);
    for (const image of due) {
      if (await deps.leases.isLive(imageLeaseKey(image.id))) continue;
      await expireImage(deps, image);
      expiredCount++;
    }
    if (due.length < batchSize) return expiredCount;
    const last = due[due.length - 1];
    after = { expiresAt: last.expiresAt, id: last.id };
  }
}
