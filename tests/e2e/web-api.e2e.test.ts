import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchCardsDir } from "@poke-ventory/testing";
import { ApiClient, benchFile, benchLabels } from "./support/api-client";
import { startDistributedStack } from "./support/distributed-stack";

/** The endpoints the web app needs (issue 22), through HTTP on the distributed stack. */
let stack: Awaited<ReturnType<typeof startDistributedStack>>;
const stamp = Date.now().toString(36);
const ash = () => clients.ash;
const clients = {} as { ash: ApiClient; gary: ApiClient; misty: ApiClient };
const state = {} as { batchId: string; draft: any; cardId: string; cardNumber: string; setId: string; userCardId: string; csv: string };
// A single-card scan, chosen from the labels at run time.
const label = benchLabels(benchCardsDir).find((l) => l.kind === "scan" && l.card_id)!;

type SseEvent = { event: string; data: any };
async function readEvents(client: ApiClient, batchId: string): Promise<{ status: number; body?: any; events: SseEvent[]; type: string | null }> {
  // The stream ends by itself after `done`.
  const res = await client.request("GET", `/imports/batches/${batchId}/events`);
  const type = res.headers.get("content-type");
  if (res.status !== 200) return { status: res.status, body: res.body, events: [], type };
  const blocks = res.body.toString().split("\n\n").filter((b: string) => b.trim() && !b.startsWith(":"));
  const events = blocks.map((b: string) => {
    const lines = b.split("\n");
    return { event: lines.find((l) => l.startsWith("event: "))!.slice(7), data: JSON.parse(lines.find((l) => l.startsWith("data: "))!.slice(6)) };
  });
  return { status: res.status, events, type };
}

const postCsv = (client: ApiClient, csv: string | Buffer, type = "text/csv") => client.request("POST", "/collection/import", { type, bytes: csv });

const comparable = (items: any[]) =>
  items.map((c) => ({ card_id: c.card_id, quantity: c.quantity, condition: c.condition, price_paid: c.price_paid, acquired_at: c.acquired_at })).sort((a, b) => a.card_id.localeCompare(b.card_id));

beforeAll(async () => {
  stack = await startDistributedStack();
  for (const name of ["ash", "gary", "misty"] as const) {
    clients[name] = new ApiClient(stack.base);
    await clients[name].signUp(`${name}.web.${stamp}@example.com`);
  }
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe("web API: events, review queue, collection edits, missing cards, CSV", () => {
  it("streams a real scan's image, draft and done events, the current state first", async () => {
    const upload = await ash().upload([benchFile(benchCardsDir, label.file)], "cards", 0);
    expect([201, 202], JSON.stringify(upload.body)).toContain(upload.status);
    state.batchId = upload.body.batch_id;
    const live = await readEvents(ash(), state.batchId);
    expect(live.status).toBe(200);
    expect(live.type).toMatch(/^text\/event-stream/);
    const names = live.events.map((e) => e.event);
    expect(names.at(-1)).toBe("done");
    expect(names.filter((n) => n === "done")).toHaveLength(1);
    expect(live.events.at(-1)!.data).toEqual({ status: "completed" });
    const images = live.events.filter((e) => e.event === "image");
    expect(images.at(-1)!.data).toMatchObject({ image_id: upload.body.images[0].id, status: "analysed" });
    const drafts = live.events.filter((e) => e.event === "draft");
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts[0].data).toMatchObject({ id: expect.any(String), batch_id: state.batchId, status: "awaiting_validation", candidates: expect.any(Array) });
    state.draft = drafts[0].data;
  });

  it("gives a late subscriber the whole state, then done, and ends", async () => {
    const late = await readEvents(ash(), state.batchId);
    expect(late.events.map((e) => e.event)).toEqual(["image", ...late.events.filter((e) => e.event === "draft").map(() => "draft"), "done"]);
    expect(late.events.find((e) => e.event === "draft")!.data.id).toBe(state.draft.id);
  });

  it("answers 404 before streaming another user's batch, 401 without a token", async () => {
    const other = await readEvents(clients.gary, state.batchId);
    expect(other).toMatchObject({ status: 404, body: { error: { status: 404, type: "NOT_FOUND" } } });
    expect((await new ApiClient(stack.base).request("GET", `/imports/batches/${state.batchId}/events`)).status).toBe(401);
  });

  it("lists the caller's batches newest first and the review queue across batches", async () => {
    const batches = await ash().request("GET", "/imports/batches?page=1&page_size=10");
    expect(batches.status).toBe(200);
    expect(batches.body).toMatchObject({ total: 1, page: 1, page_size: 10, items: [{ batch_id: state.batchId, status: "completed" }] });
    expect((await clients.gary.request("GET", "/imports/batches")).body).toMatchObject({ total: 0, items: [] });
    const queue = await ash().request("GET", "/imports/drafts?status=awaiting_validation");
    expect(queue.body.items.map((d: any) => d.id)).toContain(state.draft.id);
    expect((await clients.gary.request("GET", "/imports/drafts")).body.total).toBe(0);
    expect((await ash().request("GET", "/imports/drafts?status=lost")).status).toBe(422);
  });

  it("lists collection cards with catalog names, filters by EN or FR name, set and condition", async () => {
    state.cardId = label.card_id!;
    const selected = await ash().request("POST", `/imports/drafts/${state.draft.id}/select`, { card_id: state.cardId, quantity: 2, condition: "excellent", price_paid: 4.5, acquired_at: "2026-01-15" });
    expect(selected.status, JSON.stringify(selected.body)).toBe(200);
    state.setId = selected.body.user_card.set_id;
    state.userCardId = selected.body.user_card.id;
    expect((await ash().request("GET", "/imports/drafts")).body.items.map((d: any) => d.id)).not.toContain(state.draft.id);
    const card = (await ash().request("GET", `/catalog/cards/${state.cardId}`)).body;
    state.cardNumber = card.number;
    const list = await ash().request("GET", `/collection/cards?name=${encodeURIComponent(card.name.toUpperCase())}&set=${state.setId}&condition=excellent&sort=name&order=asc`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: state.userCardId, card_id: state.cardId, name: card.name, name_fr: card.name_fr, set_id: state.setId, set_name: expect.any(String), number: card.number })]);
    if (card.name_fr) expect((await ash().request("GET", `/collection/cards?name=${encodeURIComponent(card.name_fr.toLowerCase())}`)).body.total).toBe(1);
    expect((await ash().request("GET", "/collection/cards?condition=poor")).body.total).toBe(0);
    expect((await ash().request("GET", "/collection/cards?sort=price")).status).toBe(422);
  });

  it("edits a card (422 for a bad field, 404 for another user's) and keeps the master set", async () => {
    const edited = await ash().request("PATCH", `/collection/cards/${state.userCardId}`, { quantity: 3, notes: "binder 2" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ id: state.userCardId, quantity: 3, condition: "excellent", price_paid: 4.5, notes: "binder 2", number: expect.any(String) });
    const bad = await ash().request("PATCH", `/collection/cards/${state.userCardId}`, { condition: "shiny", acquired_at: "yesterday" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: any) => f.field).sort()).toEqual(["acquired_at", "condition"]);
    expect((await clients.gary.request("PATCH", `/collection/cards/${state.userCardId}`, { quantity: 1 })).status).toBe(404);
    expect((await clients.gary.request("DELETE", `/collection/cards/${state.userCardId}`)).status).toBe(404);
    expect((await clients.gary.request("GET", `/collection/cards?set=${state.setId}`)).body.total).toBe(0);
    const sets = (await ash().request("GET", "/collection/master-sets")).body;
    expect(sets).toEqual([expect.objectContaining({ set_id: state.setId, owned_card_count: 1 })]);
  });

  it("lists a set's missing cards, secret rares included", async () => {
    const set = (await ash().request("GET", `/catalog/sets/${state.setId}`)).body;
    const mine = await ash().request("GET", `/collection/master-sets/${state.setId}/missing`);
    expect(mine.status).toBe(200);
    expect(mine.body.set_id).toBe(state.setId);
    expect(mine.body.missing).toHaveLength(set.tracked_card_count - 1);
    expect(mine.body.missing.map((c: any) => c.card_id)).not.toContain(state.cardId);
    expect(mine.body.missing[0]).toEqual({ card_id: expect.any(String), number: expect.any(String), name: expect.any(String), name_fr: expect.anything(), rarity: expect.anything() });
    expect((await clients.gary.request("GET", `/collection/master-sets/${state.setId}/missing`)).body.missing).toHaveLength(set.tracked_card_count);
    expect((await ash().request("GET", "/collection/master-sets/no-such-set/missing")).status).toBe(404);
  });

  it("exports CSV and imports it into another user: the same collection", async () => {
    // A second card by CSV first, so the round trip carries more than one row.
    const set = (await ash().request("GET", `/catalog/sets/${state.setId}`)).body;
    const other = set.cards.find((c: any) => c.id !== state.cardId);
    const added = await postCsv(ash(), `set_code,number,quantity,condition,price_paid,acquired_at\n${state.setId},${other.number},1,mint,,\n`);
    expect(added.body).toEqual({ imported: 1, skipped: 0, errors: [] });

    const res = await ash().request("GET", "/collection/export.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    state.csv = res.body.toString();
    const lines = state.csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("set_code,number,name,language,quantity,condition,price_paid,acquired_at");
    expect(lines).toHaveLength(3);

    const imported = await postCsv(clients.misty, state.csv);
    expect(imported.body).toEqual({ imported: 2, skipped: 0, errors: [] });
    const [a, m] = await Promise.all([ash().request("GET", "/collection/cards"), clients.misty.request("GET", "/collection/cards")]);
    expect(comparable(m.body.items)).toEqual(comparable(a.body.items));
    const [as, ms] = await Promise.all([ash().request("GET", "/collection/master-sets"), clients.misty.request("GET", "/collection/master-sets")]);
    expect(ms.body).toEqual(as.body);
  });

  it("reports bad rows and formula cells with their lines, imports the rest, and never writes a formula", async () => {
    const csv = [
      "set_code,number,name,language,quantity,condition,price_paid,acquired_at",
      `${state.setId},1,"=HYPERLINK(""http://evil"")",,=1+1,,,`,
      `no-such-set,1,,,1,,,`,
      `${state.setId},99999,,,1,,,`,
      `${state.setId},,,,1,,,`,
      `"@SUM(A1)",1,,,1,,,`,
      `${state.setId},${state.cardNumber},"=cmd|' /C calc'!A0",,1,played,2.5,2025-12-24`,
    ].join("\n");
    const res = await postCsv(clients.gary, csv);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    expect(res.body.errors.map((e: any) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(res.body.errors[0].message).toContain("quantity");
    const exported = (await clients.gary.request("GET", "/collection/export.csv")).body.toString();
    for (const cell of exported.split(/[,\r\n]/)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("refuses a CSV that is not text/csv (415), too large (413) or without its header (422)", async () => {
    expect((await postCsv(clients.gary, '{"a":1}', "application/json")).status).toBe(415);
    expect((await postCsv(clients.gary, "set_code,number\n" + "x,1\n".repeat(600_000))).status).toBe(413);
    expect((await postCsv(clients.gary, "name,quantity\nPikachu,1\n")).body.error).toMatchObject({ status: 422, type: "VALIDATION_FAILED" });
  });

  it("deletes a card (204) and recounts its master set", async () => {
    const before = (await ash().request("GET", "/collection/master-sets")).body[0].owned_card_count;
    expect((await ash().request("DELETE", `/collection/cards/${state.userCardId}`)).status).toBe(204);
    expect((await ash().request("DELETE", `/collection/cards/${state.userCardId}`)).status).toBe(404);
    expect((await ash().request("GET", "/collection/master-sets")).body[0].owned_card_count).toBe(before - 1);
  });

  it("kept every process alive", () => {
    for (const p of stack.procs) expect(p.running, p.logs()).toBe(true);
  });
});
