import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, type MasterSetView } from "@poke-ventory/contracts";
import type { SelectDraftResult } from "../src/index";
import { startHarness, type Harness } from "./collection-harness";

/** Embedded mode: one PGlite session shared by every service, as `npm start` runs it. */
describe("collection on embedded PGlite: concurrent selections", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ database: "pglite" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const select = (userId: string, draftId: string, cardId: string) =>
    h.call<SelectDraftResult>(Actions.collection.selectDraft, { userId, draftId, cardId });
  const count = async (sql: string, params: unknown[]) => Number((await h.dataSource.query(sql, params))[0].n);

  it("lets exactly one of eight concurrent selections of one draft win; the others get 409", async () => {
    const userId = `user-${randomUUID()}`;
    const [draftId] = await h.draftsFor(userId, 1);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => select(userId, draftId, i % 2 ? "sv3-1" : "sv3-2")));

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(rejected).toHaveLength(7);
    for (const r of rejected) expect(r.reason).toMatchObject({ code: 409, type: "DRAFT_ALREADY_VALIDATED" });
    expect(await count(`SELECT COUNT(*) AS n FROM user_cards WHERE draft_id = $1`, [draftId])).toBe(1);
  });

  it("keeps every card and the set's count when many drafts of one set are selected at once", async () => {
    const userId = `user-${randomUUID()}`;
    const drafts = await h.draftsFor(userId, 6);
    const cards = ["sv3-1", "sv3-2", "sv3-3"];
    const outcomes = await Promise.allSettled([
      ...drafts.map((d, i) => select(userId, d, cards[i % 3])),
      ...drafts.map((d) => select(userId, d, "sv3-1")),
    ]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(6);
    expect(await count(`SELECT COUNT(*) AS n FROM user_cards WHERE user_id = $1`, [userId])).toBe(6);
    expect(await count(`SELECT COUNT(*) AS n FROM card_drafts WHERE user_id = $1 AND status = 'validated'`, [userId])).toBe(6);
    const [set] = await h.call<MasterSetView[]>(Actions.collection.listMasterSets, { userId });
    expect(set).toMatchObject({ set_id: "sv3", owned_card_count: 3, tracked_card_count: 3, completion_rate: 1 });
  });
});
