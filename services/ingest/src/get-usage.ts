import type { UsageView } from "@poke-ventory/contracts";
import type { IngestDeps } from "./deps";
import { startOfUtcDay } from "./domain/quota";

/** What a user has used against their quota: images uploaded since UTC midnight, bytes of images still stored. */
export function getUsage(deps: Pick<IngestDeps, "images" | "clock">, userId: string): Promise<UsageView> {
  return deps.images.usage(userId, startOfUtcDay(deps.clock.now()));
}
