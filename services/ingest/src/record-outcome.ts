import type { DraftsCreated, ImageFailed } from "@poke-ventory/contracts";
import { statusesLeadingTo } from "./domain/image-status";
import type { IngestDeps } from "./deps";

type Deps = Pick<IngestDeps, "images" | "clock">;

/** Collection wrote the drafts of an image: it is analysed, with that many cards. Idempotent. */
export async function recordAnalysed(deps: Deps, event: DraftsCreated): Promise<void> {
  await deps.images.updateIfStatus(event.imageId, statusesLeadingTo("analysed", "analysed"), {
    status: "analysed",
    cardsFound: event.draftIds.length,
    analysedAt: deps.clock.now(),
    failureReason: null,
  });
}

/** The pipeline gave up on an image. Idempotent; never overrides a finished analysis. */
export async function recordFailed(deps: Deps, event: ImageFailed): Promise<void> {
  await deps.images.updateIfStatus(event.imageId, statusesLeadingTo("failed", "failed"), { status: "failed", failureReason: event.reason });
}
