import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context, ServiceSchema } from "moleculer";
import { Actions, actionKey, serviceOf } from "@poke-ventory/contracts";
import { bearer, signUp, startTestGateway, type TestGateway } from "./gateway-harness";

const stamp = Date.now();
const adminEmail = `oak.${stamp}@example.com`;
let gw: TestGateway;
let oak: Awaited<ReturnType<typeof signUp>>;
let ash: Awaited<ReturnType<typeof signUp>>;
const usageAsked: string[] = [];

// Ingest's `usage` action, as ingest answers it (quotas are built on the uploads branch); records who was asked.
const ingestUsage: ServiceSchema = {
  name: serviceOf(Actions.ingest.usage),
  actions: {
    [actionKey(Actions.ingest.usage)]: (ctx: Context<{ userId: string }>) => {
      usageAsked.push(ctx.params.userId);
      return { images_today: usageAsked.length, stored_bytes: 1024 * usageAsked.length };
    },
  },
};

beforeAll(async () => {
  gw = await startTestGateway({ env: { ADMIN_EMAILS: ` someone@else.org, ${adminEmail.toUpperCase()} ` }, extraServices: [ingestUsage] });
  [oak, ash] = await Promise.all([signUp(gw, adminEmail), signUp(gw, `ash.${stamp}@example.com`)]);
});
afterAll(() => gw?.stop());

const admin = (method: string, path: string, body?: unknown) => gw.http(method, path, body, bearer(oak.access));

describe("admin routes", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/admin/users"],
    ["PATCH", "/admin/users/7f0c0e52-2c57-4c1e-9d4e-5b1a2f3c4d5e", { disabled: true }],
    ["GET", "/admin/api-keys"],
    ["DELETE", "/admin/api-keys/7f0c0e52-2c57-4c1e-9d4e-5b1a2f3c4d5e"],
  ];

  it.each(routes)("%s %s: 401 anonymous, 403 for a user who is not an admin", async (method, path, body) => {
    expect((await gw.http(method, path, body)).status).toBe(401);
    expect(await gw.http(method, path, body, bearer(ash.access))).toMatchObject({ status: 403, body: { error: { type: "FORBIDDEN" } } });
  });

  it("lists users in pages, each with their usage from ingest", async () => {
    const first = await admin("GET", "/admin/users?page=1&page_size=1");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 2, page: 1, page_size: 1 });
    expect(first.body.items).toHaveLength(1);
    const all = await admin("GET", "/admin/users");
    const ashView = all.body.items.find((u: { id: string }) => u.id === ash.id);
    expect(ashView).toMatchObject({ email: `ash.${stamp}@example.com`, admin: false, disabled: false, quota: { images_per_day: null, storage_mb: null } });
    expect(ashView.usage).toEqual({ images_today: expect.any(Number), stored_bytes: expect.any(Number) });
    expect(usageAsked).toContain(ash.id);
    expect(all.body.items.find((u: { id: string }) => u.id === oak.id).admin).toBe(true);
    expect((await admin("GET", "/admin/users?page_size=1000")).status).toBe(422);
  });

  it("disables a user: their token, refresh token and keys stop at once; enabling restores the token", async () => {
    const key = await gw.http("POST", "/auth/api-keys", { name: "k", scopes: ["catalog:read"] }, bearer(ash.access));
    expect((await admin("PATCH", `/admin/users/${ash.id}`, { disabled: true })).body).toMatchObject({ id: ash.id, disabled: true });
    expect((await gw.http("GET", "/auth/api-keys", undefined, bearer(ash.access))).status).toBe(401);
    expect((await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": key.body.key })).status).toBe(401);
    expect((await gw.http("POST", "/auth/refresh", { refresh_token: ash.refresh })).status).toBe(401);
    expect((await admin("PATCH", `/admin/users/${ash.id}`, { disabled: false })).body.disabled).toBe(false);
    expect((await gw.http("GET", "/auth/api-keys", undefined, bearer(ash.access))).status).toBe(200);
  });

  it("sets a user's quota, and null resets it to the default", async () => {
    const set = await admin("PATCH", `/admin/users/${ash.id}`, { quota: { images_per_day: 5, storage_mb: 100 } });
    expect(set.body.quota).toEqual({ images_per_day: 5, storage_mb: 100 });
    const one = await admin("PATCH", `/admin/users/${ash.id}`, { quota: { storage_mb: null } });
    expect(one.body.quota).toEqual({ images_per_day: 5, storage_mb: null });
    const [row] = await gw.ds.query("SELECT quota_images_per_day, quota_storage_mb FROM users WHERE id = $1", [ash.id]);
    expect(row).toEqual({ quota_images_per_day: 5, quota_storage_mb: null });
    expect((await admin("PATCH", `/admin/users/${ash.id}`, { quota: null })).body.quota).toEqual({ images_per_day: null, storage_mb: null });
  });

  it.each([
    ["a negative quota", { quota: { images_per_day: -1 } }],
    ["a fractional quota", { quota: { storage_mb: 1.5 } }],
    ["a string for disabled", { disabled: "yes" }],
  ])("refuses %s with 422", async (_label, body) => {
    expect((await admin("PATCH", `/admin/users/${ash.id}`, body)).status).toBe(422);
  });

  it("answers 404 for an unknown user", async () => {
    expect((await admin("PATCH", "/admin/users/7f0c0e52-2c57-4c1e-9d4e-5b1a2f3c4d5e", { disabled: true })).status).toBe(404);
    expect((await admin("PATCH", "/admin/users/not-a-uuid", { disabled: true })).status).toBe(404);
  });

  it("lists every user's keys (never the key) and revokes any of them", async () => {
    const key = await gw.http("POST", "/auth/api-keys", { name: "ash-script", scopes: ["catalog:read"] }, bearer(ash.access));
    const list = await admin("GET", "/admin/api-keys");
    expect(list.status).toBe(200);
    expect(list.body.find((k: { id: string }) => k.id === key.body.id)).toMatchObject({ user_id: ash.id, name: "ash-script", revoked_at: null });
    expect(JSON.stringify(list.body)).not.toContain(key.body.key);
    expect((await admin("DELETE", `/admin/api-keys/${key.body.id}`)).status).toBe(204);
    expect((await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": key.body.key })).status).toBe(401);
    expect((await admin("DELETE", `/admin/api-keys/${key.body.id}`)).status).toBe(404);
  });
});

describe("/ready", () => {
  it("gives the checks to admins only; others and anonymous get the status", async () => {
    const anonymous = await gw.http("GET", "/ready");
    expect(anonymous.status).toBe(503);
    expect(anonymous.body).toEqual({ status: "unavailable" });
    expect((await gw.http("GET", "/ready", undefined, bearer(ash.access))).body).toEqual({ status: "unavailable" });
    expect((await gw.http("GET", "/ready", undefined, bearer("garbage"))).body).toEqual({ status: "unavailable" });
    const full = await admin("GET", "/ready");
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ status: "unavailable", checks: { gateway: { status: "ok" }, vision: { status: "unavailable" } } });
  });
});
