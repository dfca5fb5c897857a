import type { IngestDeps } from "./deps";
import { OPEN_UPLOAD_STATUSES } from "./domain/upload-session";

/**
 * Expires the direct uploads left open (pending, uploaded) past `UPLOAD_SESSION_TTL_SECONDS`: their staged
 * object is deleted, then the session marked expired. Returns how many were expired.
 */
export async function sweepAbandonedUploads(deps: Pick<IngestDeps, "uploads" | "objects" | "clock">, batchSize = 100): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await deps.uploads.listAbandoned(deps.clock.now(), batchSize);
    for (const session of due) {
      await deps.objects.delete(session.objectKey);
      if (await deps.uploads.updateIfStatus(session.id, OPEN_UPLOAD_STATUSES, { status: "expired" })) expired++;
    }
    if (due.length < batchSize) return expired;
  }
}
