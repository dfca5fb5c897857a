import { describe, expect, it } from "vitest";
import type { DraftView, ImageStatus, ImageView } from "@poke-ventory/contracts";
import { batchStatus, withDuplicates } from "./batch-response";

const image = (status: ImageStatus) => ({ status }) as ImageView;

describe("batchStatus", () => {
  it.each([
    [[], "completed"],
    [["stored"], "processing"],
    [["analysed", "stored"], "processing"],
    [["analysed", "failed"], "completed"],
    [["archived"], "completed"],
    [["expired", "analysed"], "completed"],
  ] as [ImageStatus[], string][])("%j → %s", (statuses, expected) => {
    expect(batchStatus(statuses.map(image))).toBe(expected);
  });
});

describe("withDuplicates", () => {
  const own = { id: "new", status: "analysed" } as ImageView;
  const body = { batch_id: "b2", status: "completed" as const, subject_type: "cards", created_at: "", images: [own], drafts: [{ id: "d-new", image_id: "new" }] as DraftView[] };
  const earlierDrafts = [{ id: "d-old", image_id: "old" }, { id: "d-other", image_id: "other" }] as DraftView[];

  it("leaves a batch without duplicates as it is", () => {
    expect(withDuplicates(body, [], earlierDrafts)).toBe(body);
  });

  it("adds each duplicate's image and its drafts only, and its status counts", () => {
    const duplicate = { id: "old", batch_id: "b1", status: "stored", duplicate_of: "old" } as ImageView;
    const merged = withDuplicates(body, [duplicate], earlierDrafts);
    expect(merged.images.map((i) => i.id)).toEqual(["new", "old"]);
    expect(merged.drafts.map((d) => d.id)).toEqual(["d-new", "d-old"]);
    expect(merged.status).toBe("processing");
  });
});
