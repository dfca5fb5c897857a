import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Actions, type DraftView } from "@poke-ventory/contracts";
import { matchedCard, matchedMessage, startHarness, type Harness } from "./collection-harness";

describe("collection: drafts from cards.matched", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const draftRows = (imageId: string) =>
    h.dataSource.query(
      `SELECT id, card_index, status, top_candidate_id, candidates, detected_metadata FROM card_drafts WHERE image_id = $1 ORDER BY card_index`,
      [imageId],
    );
  const eventsFor = (imageId: string) => h.draftsCreated.filter((e) => e.imageId === imageId);

  it("writes one awaiting draft per matched card and emits drafts.created", async () => {
    const msg = matchedMessage({ cards: [matchedCard(0, ["sv3-2", "sv3-1"]), matchedCard(1, [])] });
    await h.publish(msg);
    await vi.waitFor(() => expect(eventsFor(msg.imageId)).toHaveLength(1));

    const rows = await draftRows(msg.imageId);
    expect(rows.map((r: { card_index: number }) => r.card_index)).toEqual([0, 1]);
    expect(rows[0]).toMatchObject({ status: "awaiting_validation", top_candidate_id: "sv3-2" });
    expect(rows[0].candidates.map((c: { card_id: string }) => c.card_id)).toEqual(["sv3-2", "sv3-1"]);
    expect(rows[0].detected_metadata).toMatchObject({ probable_name: "Oddish", local_number: "001", raw_text: "Oddish 60 HP card 0" });
    expect(rows[1].top_candidate_id).toBeNull();
    expect(eventsFor(msg.imageId)[0]).toEqual({
      imageId: msg.imageId,
      batchId: msg.batchId,
      userId: msg.userId,
      draftIds: rows.map((r: { id: string }) => r.id),
    });

    const listed = await h.call<DraftView[]>(Actions.collection.listDrafts, { userId: msg.userId, batchId: msg.batchId });
    expect(listed.map((d) => [d.image_id, d.detected_metadata.card_index])).toEqual([[msg.imageId, 0], [msg.imageId, 1]]);
    expect(listed[0]).toMatchObject({
      status: "awaiting_validation",
      image_url: `/imports/images/${msg.imageId}`,
      subject_type: "cards",
      selected_card_id: null,
      validated_at: null,
    });
    expect(listed[0].candidates[0]).toMatchObject({ card_id: "sv3-2", name: "Gloom", set_id: "sv3", score: 0.9 });
    const one = await h.call<DraftView>(Actions.collection.getDraft, { userId: msg.userId, id: listed[1].id });
    expect(one).toEqual(listed[1]);
  });

  it("does not duplicate drafts when the message is delivered twice", async () => {
    const msg = matchedMessage({ cardCount: 3 });
    await h.publish(msg);
    await vi.waitFor(() => expect(eventsFor(msg.imageId)).toHaveLength(1));
    const first = await draftRows(msg.imageId);
    await h.publish(msg);
    await vi.waitFor(() => expect(eventsFor(msg.imageId)).toHaveLength(2));

    const again = await draftRows(msg.imageId);
    expect(again).toHaveLength(3);
    expect(again.map((r: { id: string }) => r.id)).toEqual(first.map((r: { id: string }) => r.id));
    expect(eventsFor(msg.imageId)[1].draftIds).toEqual(eventsFor(msg.imageId)[0].draftIds);
  });

  it("emits drafts.created with no drafts when no card was found", async () => {
    const msg = matchedMessage({ cardCount: 0 });
    await h.publish(msg);
    await vi.waitFor(() => expect(eventsFor(msg.imageId)).toHaveLength(1));
    expect(eventsFor(msg.imageId)[0].draftIds).toEqual([]);
    expect(await draftRows(msg.imageId)).toHaveLength(0);
  });

  it("hides a user's drafts from another user", async () => {
    const msg = matchedMessage({ cardCount: 1 });
    await h.publish(msg);
    await vi.waitFor(() => expect(eventsFor(msg.imageId)).toHaveLength(1));
    const [draftId] = eventsFor(msg.imageId)[0].draftIds;

    await expect(h.call(Actions.collection.getDraft, { userId: "someone-else", id: draftId })).rejects.toMatchObject({
      code: 404,
      type: "NOT_FOUND",
    });
    await expect(h.call(Actions.collection.getDraft, { userId: msg.userId, id: "not-a-uuid" })).rejects.toMatchObject({ code: 404 });
    expect(await h.call(Actions.collection.listDrafts, { userId: "someone-else", batchId: msg.batchId })).toEqual([]);
  });

  it("writes one audit report per analysed image, even when redelivered", async () => {
    const msg = matchedMessage({ cardCount: 2, matchedAt: "2025-06-07T08:09:10.111Z" });
    const before = h.deliveries.audit ?? 0;
    await h.publish(msg);
    await h.publish(msg);
    await vi.waitFor(() => expect(h.deliveries.audit).toBe(before + 2));

    const files = (await readdir(h.outDir)).filter((name) => name.endsWith(`_${msg.imageId}.json`));
    expect(files).toEqual([`2025-06-07T08-09-10.111Z_${msg.imageId}.json`]);
    const report = JSON.parse(await readFile(path.join(h.outDir, files[0]), "utf8"));
    expect(report).toMatchObject({ imageId: msg.imageId, batchId: msg.batchId, userId: msg.userId, matchedAt: msg.matchedAt, cardCount: 2 });
    expect(report.cards[1].features.rawText).toBe("Oddish 60 HP card 1");
    expect(report.cards[1].candidates.map((c: { cardId: string }) => c.cardId)).toEqual(["sv3-1", "sv3-2"]);
    expect((await readdir(h.outDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("is ready when its database answers", async () => {
    expect(await h.call(Actions.collection.ready, {})).toEqual({ status: "ok", checks: { database: "ok" } });
  });
});
