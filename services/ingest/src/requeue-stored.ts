import type { ImageStored } from "@poke-ventory/contracts";
import { imageStoredMessage } from "./domain/image-stored-message";
import type { IngestDeps } from "./deps";

/**
 * Embedded mode, on start: the in-process channels died with the previous process, so every image the
 * database still has as `stored` (and not yet expired) is announced again. Vision, matching and collection
 * are idempotent per image, so an image that was half-way through is finished, not duplicated.
 * Returns how many images were queued.
 */
export async function requeueStored(deps: Pick<IngestDeps, "images" | "clock">, announce: (message: ImageStored) => Promise<void>): Promise<number> {
  const waiting = await deps.images.listAwaitingAnalysis(deps.clock.now());
  for (const image of waiting) await announce(imageStoredMessage(image));
  return waiting.length;
}
