import type { DraftView, ImageView } from "@poke-ventory/contracts";
import { batchStatus, type BatchStatus } from "./batch-response";

/** One server-sent event of `GET /imports/batches/{id}/events`. */
export type BatchEvent =
  | { event: "image"; data: { image_id: string; status: ImageView["status"]; failure_reason?: string } }
  | { event: "draft"; data: DraftView }
  | { event: "done"; data: { status: BatchStatus } };

/** What a subscriber has already been told. Start from {@link nothingSeen}: the first diff is the current state. */
export interface SeenBatch {
  imageStatus: ReadonlyMap<string, string>;
  draftIds: ReadonlySet<string>;
  done: boolean;
}

export const nothingSeen = (): SeenBatch => ({ imageStatus: new Map(), draftIds: new Set(), done: false });

/** The events between what was seen and a new reading of the batch: image changes, new drafts, then `done` once. */
export function batchEvents(seen: SeenBatch, images: ImageView[], drafts: DraftView[]): { events: BatchEvent[]; seen: SeenBatch } {
  const events: BatchEvent[] = [];
  const imageStatus = new Map(seen.imageStatus);
  for (const image of images) {
    if (imageStatus.get(image.id) === image.status) continue;
    imageStatus.set(image.id, image.status);
    const data: { image_id: string; status: ImageView["status"]; failure_reason?: string } = { image_id: image.id, status: image.status };
    if (image.failure_reason) data.failure_reason = image.failure_reason;
    events.push({ event: "image", data });
  }
  const draftIds = new Set(seen.draftIds);
  for (const draft of drafts) {
    if (draftIds.has(draft.id)) continue;
    draftIds.add(draft.id);
    events.push({ event: "draft", data: draft });
  }
  const status = batchStatus(images);
  const done = seen.done || status === "completed";
  if (done && !seen.done) events.push({ event: "done", data: { status } });
  return { events, seen: { imageStatus, draftIds, done } };
}

/** The event in text/event-stream framing (the JSON holds no newline, so one `data:` line). */
export const formatEvent = (e: BatchEvent) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
