import type { BatchView } from "@poke-ventory/contracts";
import { batchStatus } from "../domain/batch-response";

/**
 * Polls the batch until no image is waiting for analysis or the wait is over. Polling keeps the gateway
 * stateless: any gateway instance can answer, whichever instance's pipeline finished the work.
 */
export async function waitForAnalysis(
  getBatch: () => Promise<BatchView>,
  waitSeconds: number,
  opts: { intervalMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<BatchView> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const deadline = now() + waitSeconds * 1000;
  let batch = await getBatch();
  while (batchStatus(batch.images) === "processing" && now() < deadline) {
    await sleep(Math.min(opts.intervalMs ?? 250, Math.max(0, deadline - now())));
    batch = await getBatch();
  }
  return batch;
}

/** `?wait=` in seconds, bounded; anything unparsable falls back to the configured default. */
export function parseWait(raw: unknown, fallback: number, max = 120): number {
  const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), max) : fallback;
}
