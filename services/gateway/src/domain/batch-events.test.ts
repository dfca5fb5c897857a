import { describe, expect, it } from "vitest";
import type { DraftView, ImageView } from "@poke-ventory/contracts";
import { batchEvents, formatEvent, nothingSeen, type SeenBatch } from "./batch-events";

const image = (id: string, status: ImageView["status"], failure_reason: string | null = null) => ({ id, status, failure_reason }) as ImageView;
const draft = (id: string) => ({ id }) as DraftView;
const names = (r: { events: { event: string }[] }) => r.events.map((e) => e.event);

describe("batchEvents", () => {
  it.each<[string, SeenBatch, ImageView[], DraftView[], string[]]>([
    ["a late subscriber gets the whole state then done", nothingSeen(), [image("a", "analysed")], [draft("d1"), draft("d2")], ["image", "draft", "draft", "done"]],
    ["a batch still processing is not done", nothingSeen(), [image("a", "stored")], [], ["image"]],
    ["nothing new, nothing sent", { imageStatus: new Map([["a", "stored"]]), draftIds: new Set(), done: false }, [image("a", "stored")], [], []],
    ["a status change and a new draft", { imageStatus: new Map([["a", "stored"], ["b", "analysed"]]), draftIds: new Set(["d1"]), done: false }, [image("a", "analysed"), image("b", "analysed")], [draft("d1"), draft("d2")], ["image", "draft", "done"]],
    ["done is sent once", { imageStatus: new Map([["a", "analysed"]]), draftIds: new Set(), done: true }, [image("a", "analysed")], [], []],
  ])("%s", (_name, seen, images, drafts, expected) => {
    expect(names(batchEvents(seen, images, drafts))).toEqual(expected);
  });

  it("carries the failure reason of a failed image, and the batch status in done", () => {
    const { events } = batchEvents(nothingSeen(), [image("a", "failed", "vision: unreadable")], []);
    expect(events).toEqual([
      { event: "image", data: { image_id: "a", status: "failed", failure_reason: "vision: unreadable" } },
      { event: "done", data: { status: "completed" } },
    ]);
  });

  it("frames an event for text/event-stream", () => {
    expect(formatEvent({ event: "done", data: { status: "completed" } })).toBe('event: done\ndata: {"status":"completed"}\n\n');
  });
});
