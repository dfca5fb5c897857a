import type { DraftsCreated, ImageFailed } from "@poke-ventory/contracts";
import { nextImageStatus } from "./domain/image-status";
import type { IngestDeps } from "./deps";

type Deps = Pick<IngestDeps, "images" | "clock">;

/** Collection wrote the drafts of an image: it is analysed, with that many cards. Idempotent. */
export async function recordAnalysed(deps: Deps, event: DraftsCreated): Promise<void> {
  const image = await deps.images.findById(event.imageId);
  if (!image) return;
  const status = nextImageStatus(image.status, "analysed");
  if (!status) return;
  await deps.images.update(image.id, { status, cardsFound: event.draftIds.length, analysedAt: deps.clock.now(), failureReason: null });
}

/** The pipeline gave up on an image. Idempotent; never overrides a finished analysis. */
export async function recordFailed(deps: Deps, event: ImageFailed): Promise<void> {
  const image = await deps.images.findById(event.imageId);
  if (!image) return;
  const status = nextImageStatus(image.status, "failed");
  if (!status) return;
  await deps.images.update(image.id, { status, failureReason: event.reason });
}
