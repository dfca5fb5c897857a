import type { IncomingMessage, ServerResponse } from "node:http";
import type { BatchView, DraftView } from "@poke-ventory/contracts";
import { batchEvents, formatEvent, nothingSeen } from "../domain/batch-events";

/** How the stream reads the batch: the owner's batch (NOT_FOUND otherwise) and its drafts. */
export interface BatchReader {
  getBatch(): Promise<BatchView>;
  listDrafts(batchId: string): Promise<DraftView[]>;
}

export interface StreamTiming {
  pollMs: number;
  keepAliveMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `GET /imports/batches/{id}/events`: the current state first (a late subscriber misses nothing), then each change
 * read every `pollMs`, a keep-alive comment every `keepAliveMs`, and the end after `done`. Reading the batch from
 * ingest and collection works the same embedded and distributed. Throws before any byte is sent when the batch
 * is not the caller's, so the error is a normal 404.
 */
export async function streamBatchEvents(req: IncomingMessage, res: ServerResponse, reader: BatchReader, timing: StreamTiming): Promise<void> {
  let batch = await reader.getBatch();
  let drafts = await reader.listDrafts(batch.id);
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  let closed = false;
  req.on("close", () => (closed = true));
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), timing.keepAliveMs);
  try {
    let seen = nothingSeen();
    for (;;) {
      const next = batchEvents(seen, batch.images, drafts);
      seen = next.seen;
      for (const event of next.events) res.write(formatEvent(event));
      if (seen.done || closed) break;
      await sleep(timing.pollMs);
      if (closed) break;
      batch = await reader.getBatch();
      drafts = await reader.listDrafts(batch.id);
    }
  } catch {
    // Headers are sent: the error cannot become a status. Ending the stream makes the app fall back to polling.
  } finally {
    clearInterval(keepAlive);
    res.end();
  }
}
