import { notFound, type BatchView, type OwnedParams } from "@poke-ventory/contracts";
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
