import { randomUUID } from "node:crypto";
import type { CardsMatched, DraftsCreated } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import { draftsFromMatch } from "./domain/drafts-from-match";
import type { CollectionRepository } from "./ports";

/**
 * Step 4 of the pipeline: one draft per matched card. Idempotent on (image, card index): a redelivered
 * message inserts nothing new and reports the same drafts.
 */
export async function createDrafts(repo: CollectionRepository, clock: Clock, msg: CardsMatched): Promise<DraftsCreated> {
  await repo.insertDrafts(draftsFromMatch(msg, randomUUID, clock.now()));
  const drafts = await repo.draftsOfImage(msg.imageId);
  return { imageId: msg.imageId, batchId: msg.batchId, userId: msg.userId, draftIds: drafts.map((d) => d.id) };
}
