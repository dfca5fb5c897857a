import { notFound, type BatchView, type ListBatchesParams, type OwnedParams, type Page } from "@poke-ventory/contracts";
import { toBatchView } from "./domain/image-views";
import type { IngestDeps } from "./deps";
import type { BatchRecord } from "./records";

/** The caller's batch, or NOT_FOUND (another user's batch is indistinguishable from a missing one). */
export async function findOwnBatch(deps: Pick<IngestDeps, "batches">, userId: string, id: string): Promise<BatchRecord> {
  const batch = await deps.batches.findById(id);
  if (!batch || batch.userId !== userId) throw notFound("Batch");
  return batch;
}

export async function getBatch(deps: Pick<IngestDeps, "batches" | "images">, params: OwnedParams): Promise<BatchView> {
  const batch = await findOwnBatch(deps, params.userId, params.id);
  return toBatchView(batch, await deps.images.listByBatch(batch.id));
}

/** The caller's batches with their images, newest first. */
export async function listBatches(deps: Pick<IngestDeps, "batches" | "images">, p: ListBatchesParams): Promise<Page<BatchView>> {
  const { items, total } = await deps.batches.listByUser(p.userId, (p.page - 1) * p.pageSize, p.pageSize);
  const views = await Promise.all(items.map(async (b) => toBatchView(b, await deps.images.listByBatch(b.id))));
  return { items: views, total, page: p.page, page_size: p.pageSize };
}
