import { randomUUID } from "node:crypto";
import type { BatchView, CreateBatchParams } from "@poke-ventory/contracts";
import { toBatchView } from "./domain/image-views";
import type { IngestDeps } from "./deps";

export async function createBatch(deps: Pick<IngestDeps, "batches" | "clock">, params: CreateBatchParams): Promise<BatchView> {
  const batch = { id: randomUUID(), userId: params.userId, subjectType: params.subjectType, createdAt: deps.clock.now() };
  await deps.batches.insert(batch);
  return toBatchView(batch, []);
}
