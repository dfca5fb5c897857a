import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Actions, type MasterSetView, type Page, type UserCardView } from "@poke-ventory/contracts";
import type { SelectDraftResult } from "../src/index";
import { startHarness, type Harness } from "./collection-harness";

describe("collection: selecting drafts", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const select = (userId: string, draftId: string, body: Record<string, unknown>) =>
    h.call<SelectDraftResult>(Actions.collection.selectDraft, { userId, draftId, ...body });
  const userCardCount = async (draftId: string) =>
    Number((await h.dataSource.query(`SELECT COUNT(*) AS n FROM user_cards WHERE draft_id = $1`, [draftId]))[0].n);
  const newUser = () => `user-${randomUUID()}`;

  it("turns a draft into a user card and recounts the master set", async () => {
    const userId = newUser();
    const [d1, d2, d3] = await h.draftsFor(userId, 3);

    const first = await select(userId, d1, {
      cardId: "sv3-1",
      quantity: 2,
      condition: "excellent",
      pricePaid: 4.5,
      acquiredAt: "2024-12-24",
      notes: "from a booster",
    });
    expect(first.draft).toMatchObject({ id: d1, status: "validated", selected_card_id: "sv3-1" });
    expect(first.draft.validated_at).not.toBeNull();
    expect(first.user_card).toMatchObject({
      card_id: "sv3-1",
      set_id: "sv3",
      quantity: 2,
      condition: "excellent",
      price_paid: 4.5,
      acquired_at: "2024-12-24",
      notes: "from a booster",
      draft_id: d1,
    });
    expect(first.master_set).toEqual({ set_id: "sv3", owned_card_count: 1, tracked_card_count: 3, completion_rate: 0.3333 });
    await vi.waitFor(() => expect(h.draftValidated.find((e) => e.draftId === d1)).toMatchObject({ userId, cardId: "sv3-1", topCandidateId: "sv3-1", userCardId: first.user_card.id }));

    const second = await select(userId, d2, { cardId: "sv3-3" });
    expect(second.user_card).toMatchObject({ quantity: 1, condition: "near_mint", price_paid: null, acquired_at: null, notes: null });
    expect(second.master_set).toMatchObject({ owned_card_count: 2, completion_rate: 0.6667 });

    const sameCardAgain = await select(userId, d3, { cardId: "sv3-1" });
    expect(sameCardAgain.master_set).toMatchObject({ owned_card_count: 2, completion_rate: 0.6667 });

    expect(await h.call<MasterSetView[]>(Actions.collection.listMasterSets, { userId })).toEqual([
      { set_id: "sv3", owned_card_count: 2, tracked_card_count: 3, completion_rate: 0.6667 },
    ]);
    const stored = await h.call(Actions.collection.getDraft, { userId, id: d1 });
    expect(stored).toEqual(first.draft);
  });

  it("accepts any catalog card, not only a listed candidate", async () => {
    const userId = newUser();
    const [draftId] = await h.draftsFor(userId, 1);
    const result = await select(userId, draftId, { cardId: "base1-4" });
    expect(result.master_set).toEqual({ set_id: "base1", owned_card_count: 1, tracked_card_count: 102, completion_rate: 0.0098 });
  });

  it("answers 409 when the draft is selected again, keeping one user card", async () => {
    const userId = newUser();
    const [draftId] = await h.draftsFor(userId, 1);
    await select(userId, draftId, { cardId: "sv3-1" });
    await expect(select(userId, draftId, { cardId: "sv3-2" })).rejects.toMatchObject({ code: 409, type: "DRAFT_ALREADY_VALIDATED" });
    expect(await userCardCount(draftId)).toBe(1);
  });

  it("lets exactly one of two concurrent selections win", async () => {
    const userId = newUser();
    const [draftId] = await h.draftsFor(userId, 1);
    const outcomes = await Promise.allSettled([select(userId, draftId, { cardId: "sv3-1" }), select(userId, draftId, { cardId: "sv3-2" })]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: 409, type: "DRAFT_ALREADY_VALIDATED" });
    expect(await userCardCount(draftId)).toBe(1);
    const [set] = await h.call<MasterSetView[]>(Actions.collection.listMasterSets, { userId });
    expect(set.owned_card_count).toBe(1);
  });

  it("rejects an unknown catalog card with 422 and leaves the draft waiting", async () => {
    const userId = newUser();
    const [draftId] = await h.draftsFor(userId, 1);
    await expect(select(userId, draftId, { cardId: "nope-999" })).rejects.toMatchObject({
      code: 422,
      type: "VALIDATION_FAILED",
      message: expect.stringContaining("nope-999"),
    });
    expect(await h.call(Actions.collection.getDraft, { userId, id: draftId })).toMatchObject({ status: "awaiting_validation" });
    expect(await userCardCount(draftId)).toBe(0);
  });

  it("rejects bad fields with 422 listing them", async () => {
    const userId = newUser();
    const [draftId] = await h.draftsFor(userId, 1);
    const err = await select(userId, draftId, { cardId: "sv3-1", quantity: 0, condition: "shiny", notes: "x".repeat(2001) }).catch((e) => e);
    expect(err).toMatchObject({ code: 422, type: "VALIDATION_FAILED" });
    expect(err.data.fields.map((f: { field: string }) => f.field)).toEqual(["quantity", "condition", "notes"]);
  });

  it("answers 404 for another user's draft", async () => {
    const owner = newUser();
    const [draftId] = await h.draftsFor(owner, 1);
    await expect(select(newUser(), draftId, { cardId: "sv3-1" })).rejects.toMatchObject({ code: 404, type: "NOT_FOUND" });
    await expect(select(owner, randomUUID(), { cardId: "sv3-1" })).rejects.toMatchObject({ code: 404 });
    expect(await userCardCount(draftId)).toBe(0);
  });

  it("pages a user's cards, newest first", async () => {
    const userId = newUser();
    const drafts = await h.draftsFor(userId, 5);
    const cards: string[] = [];
    for (const [i, draftId] of drafts.entries()) {
      cards.push((await select(userId, draftId, { cardId: ["sv3-1", "sv3-2", "sv3-3", "base1-4", "sv3-1"][i] })).user_card.id);
    }
    const newestFirst = [...cards].reverse();

    const page1 = await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId, page: 1, pageSize: 2 });
    expect(page1).toMatchObject({ total: 5, page: 1, page_size: 2 });
    expect(page1.items.map((c) => c.id)).toEqual(newestFirst.slice(0, 2));
    const page3 = await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId, page: 3, pageSize: 2 });
    expect(page3.items.map((c) => c.id)).toEqual(newestFirst.slice(4));
    const beyond = await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId, page: 4, pageSize: 2 });
    expect(beyond).toMatchObject({ items: [], total: 5 });
    expect(await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId: newUser(), page: 1, pageSize: 10 })).toMatchObject({
      items: [],
      total: 0,
    });
    // Oldest first, one set's, one condition's: paged by the database as by the catalog-sorted listing (by name).
    const oldestSv3 = await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId, set: "sv3", order: "asc", page: 1, pageSize: 3 });
    expect(oldestSv3).toMatchObject({ total: 4 });
    expect(oldestSv3.items.map((c) => c.id)).toEqual([cards[0], cards[1], cards[2]]);
    expect(oldestSv3.items.map((c) => c.set_id)).toEqual(["sv3", "sv3", "sv3"]);
    expect(oldestSv3.items[0].name).toEqual(expect.any(String)); // described from the catalog: the page's cards only
    const byName = await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId, set: "sv3", sort: "name", page: 1, pageSize: 10 });
    expect(new Set(byName.items.map((c) => c.id))).toEqual(new Set(cards.filter((_, i) => i !== 3)));
    const mint = await h.call<Page<UserCardView>>(Actions.collection.listCards, { userId, condition: "mint", page: 1, pageSize: 10 });
    expect(mint).toMatchObject({ items: [], total: 0 });
    await expect(h.call(Actions.collection.listCards, { userId, page: 1, pageSize: 101 })).rejects.toMatchObject({ code: 422 });
    await expect(h.call(Actions.collection.listCards, { userId, page: 0, pageSize: 10 })).rejects.toMatchObject({ code: 422 });

    expect(await h.call<MasterSetView[]>(Actions.collection.listMasterSets, { userId })).toEqual([
      { set_id: "base1", owned_card_count: 1, tracked_card_count: 102, completion_rate: 0.0098 },
      { set_id: "sv3", owned_card_count: 3, tracked_card_count: 3, completion_rate: 1 },
    ]);
  });
});
