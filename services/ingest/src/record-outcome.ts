import { Channels, FailureCodes, Groups, type DraftsCreated, type ImageFailed } from "@poke-ventory/contracts";
import type { DeadLetterInfo } from "@poke-ventory/runtime";
import { statusesLeadingTo } from "./domain/image-status";
import type { IngestDeps } from "./deps";
import { expireImage } from "./expire-image";

type Deps = Pick<IngestDeps, "images" | "clock">;

/** The reason shown for a dead letter that says nothing about its failure. */
export const DEAD_LETTER_REASON = "analysis failed after retries";

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

/** The reason a collector reads for a dead-lettered image: which step gave up, and why. */
export function deadLetterReason(failure: DeadLetterInfo): string {
  if (!failure.reason) return DEAD_LETTER_REASON;
  return failure.channel ? `${failure.channel}: ${failure.reason}` : failure.reason;
}

/**
 * Channels consumed after an image's analysis ended: their dead letters say nothing about it, and `image.failed`'s own
 * would announce the failure again, in a loop where no duplicate window stops it (embedded channels).
 */
const AFTER_ANALYSIS: readonly string[] = [Channels.imageFailed, Channels.draftValidated];
/** Consumer groups that watch the pipeline without being a step of it: their failures never fail an image. */
const OBSERVERS: readonly string[] = [Groups.audit, Groups.mlExport];

/**
 * A pipeline message of an image was dead-lettered: the image is `expired` when its object was gone (swept by its
 * TTL); otherwise its failure, with the reason, is announced on `image.failed` (ingest records it from there, audit
 * keeps it), unless the channel that gave up comes after the analysis or an observer (audit, ML export) gave up. Idempotent.
 */
export async function recordDeadLetter(
  deps: Pick<IngestDeps, "images" | "clock" | "objects" | "leases">,
  message: { imageId?: unknown } | null,
  failure: DeadLetterInfo,
  announce: (failed: ImageFailed) => Promise<unknown>,
): Promise<void> {
  const imageId = message?.imageId;
  if (typeof imageId !== "string") return;
  if (failure.code === FailureCodes.objectMissing) {
    const image = await deps.images.findById(imageId);
    if (image) await expireImage(deps, image);
    return;
  }
  if (failure.channel && AFTER_ANALYSIS.includes(failure.channel)) return;
  if (failure.group && OBSERVERS.includes(failure.group)) return;
  await announce({ imageId, reason: deadLetterReason(failure) });
}
