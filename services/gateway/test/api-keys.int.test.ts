import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../src/auth/route-policy";
import { ROUTE_POLICIES, SCOPES } from "../src/auth/route-policy";
import { bearer, signUp, startTestGateway, type TestGateway } from "./gateway-harness";

let gw: TestGateway;
let ash: Awaited<ReturnType<typeof signUp>>;
let brock: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  gw = await startTestGateway();
  [ash, brock] = await Promise.all([signUp(gw, `ash.${Date.now()}@example.com`), signUp(gw, `brock.${Date.now()}@example.com`)]);
});
afterAll(() => gw?.stop());

const createKey = (scopes: unknown, token = ash.access, name: unknown = "script") => gw.http("POST", "/auth/api-keys", { name, scopes }, bearer(token));

/** A concrete URL for a route of the table (`:id` → a uuid, `:index` → 0). */
const urlOf = (route: string) => {
  const [method, path] = route.split(" ");
  return { method, path: path.replace(":index", "0").replace(/:\w+/g, "7f0c0e52-2c57-4c1e-9d4e-5b1a2f3c4d5e") };
};
const scopedRoutes = Object.entries(ROUTE_POLICIES).filter(([, p]) => (SCOPES as readonly string[]).includes(p.access));

describe("API keys over HTTP", () => {
  it("creates a key shown once, stored as a SHA-256, listed without the key", async () => {
    const created = await createKey(["catalog:read", "imports:read"]);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "script", scopes: ["catalog:read", "imports:read"], created_at: expect.any(String) });
    expect(created.body.key).toMatch(/^pkv_[A-Za-z0-9_-]{43}$/);
    const [row] = await gw.ds.query("SELECT key_hash FROM api_keys WHERE id = $1", [created.body.id]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_hash).not.toContain(created.body.key.slice(4, 20));
    const list = await gw.http("GET", "/auth/api-keys", undefined, bearer(ash.access));
    expect(list.status).toBe(200);
    expect(list.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.every((k: object) => !("key" in k))).toBe(true);
  });

  it("runs nothing on OPTIONS, whatever method it names: a key asked about with DELETE stays", async () => {
    const created = await createKey(["catalog:read"]);
    for (const method of ["DELETE", "GET", undefined]) {
      const headers = { ...bearer(ash.access), ...(method ? { "access-control-request-method": method } : {}) };
      const res = await gw.http("OPTIONS", `/auth/api-keys/${created.body.id}`, undefined, headers);
      expect(res.status).toBe(204);
    }
    const listed = await gw.http("OPTIONS", "/auth/api-keys", undefined, { ...bearer(ash.access), "access-control-request-method": "GET" });
    expect(listed.status).toBe(204);
    expect(listed.body).toBeNull(); // no body: not the list a GET answers
    const list = await gw.http("GET", "/auth/api-keys", undefined, bearer(ash.access));
    expect(list.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
  });

  it("with CORS on, answers a preflight with its headers and still runs nothing", async () => {
    const cors = await startTestGateway({ env: { CORS_ORIGINS: "https://app.example" }, replicaOf: gw });
    try {
      const created = await createKey(["catalog:read"]);
      const preflight = await cors.http("OPTIONS", `/auth/api-keys/${created.body.id}`, undefined, {
        ...bearer(ash.access),
        origin: "https://app.example",
        "access-control-request-method": "DELETE",
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
      const list = await gw.http("GET", "/auth/api-keys", undefined, bearer(ash.access));
      expect(list.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
    } finally {
      await cors.stop();
    }
  });

  it.each([
    ["no scopes", [], "script"],
    ["an unknown scope", ["catalog:write"], "script"],
    ["scopes that are not a list", "catalog:read", "script"],
    ["no name", ["catalog:read"], ""],
    ["a name over 100 characters", ["catalog:read"], "x".repeat(101)],
  ])("refuses %s with 422", async (_label, scopes, name) => {
    expect(await createKey(scopes, ash.access, name)).toMatchObject({ status: 422, body: { error: { type: "VALIDATION_FAILED" } } });
  });

  it("works as Bearer or X-API-Key on a route of its scope, and is refused (403) on a route of another scope", async () => {
    const { body } = await createKey(["catalog:read"]);
    for (const headers of [bearer(body.key), { "x-api-key": body.key }]) {
      const ok = await gw.http("GET", "/catalog/sets", undefined, headers);
      // No matching service runs beside this gateway: past the gate, the call finds none (503).
      expect(ok.status).toBe(503);
      const wrong = await gw.http("GET", "/collection/cards", undefined, headers);
      expect(wrong).toMatchObject({ status: 403, body: { error: { type: "FORBIDDEN", details: { required_scope: "collection:read" } } } });
    }
  });

  it.each(scopedRoutes)("%s: 401 without credentials, 403 for a key without its scope, admitted with it", async (route, policy) => {
    const { method, path } = urlOf(route);
    expect((await gw.http(method, path)).status).toBe(401);
    const others = SCOPES.filter((s) => s !== policy.access);
    const [without, withScope] = await Promise.all([createKey(others), createKey([policy.access as Scope])]);
    expect((await gw.http(method, path, undefined, { "x-api-key": without.body.key })).status).toBe(403);
    expect([401, 403]).not.toContain((await gw.http(method, path, undefined, { "x-api-key": withScope.body.key })).status);
  });

  it("cannot manage keys with a key (a user's token only), nor reach admin routes", async () => {
    const { body } = await createKey([...SCOPES]);
    expect((await gw.http("GET", "/auth/api-keys", undefined, bearer(body.key))).status).toBe(403);
    expect((await createKey(["catalog:read"], body.key)).status).toBe(403);
    expect((await gw.http("GET", "/admin/users", undefined, bearer(body.key))).status).toBe(403);
  });

  it("revokes a key (204): it answers 401 at once; another user cannot revoke or see it (404)", async () => {
    const { body } = await createKey(["catalog:read"]);
    expect((await gw.http("DELETE", `/auth/api-keys/${body.id}`, undefined, bearer(brock.access))).status).toBe(404);
    expect((await gw.http("GET", "/auth/api-keys", undefined, bearer(brock.access))).body.map((k: { id: string }) => k.id)).not.toContain(body.id);
    const revoked = await gw.http("DELETE", `/auth/api-keys/${body.id}`, undefined, bearer(ash.access));
    expect(revoked.status).toBe(204);
    expect(await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": body.key })).toMatchObject({ status: 401, body: { error: { type: "UNAUTHORIZED" } } });
    expect((await gw.http("DELETE", `/auth/api-keys/${body.id}`, undefined, bearer(ash.access))).status).toBe(404);
    const listed = await gw.http("GET", "/auth/api-keys", undefined, bearer(ash.access));
    expect(listed.body.find((k: { id: string }) => k.id === body.id).revoked_at).toEqual(expect.any(String));
  });

  it("answers 401 to a made-up key and to key management without a token", async () => {
    expect((await gw.http("GET", "/catalog/sets", undefined, { "x-api-key": "pkv_" + "A".repeat(43) })).status).toBe(401);
    expect((await gw.http("GET", "/auth/api-keys")).status).toBe(401);
    expect((await gw.http("POST", "/auth/api-keys", { name: "x", scopes: ["catalog:read"] })).status).toBe(401);
  });

  it("has a policy for every route the gateway registers", () => {
    const api = gw.broker.getLocalService("api") as unknown as { aliases: { method: string; fullPath: string }[] };
    const registered = api.aliases.map((a) => `${a.method} ${a.fullPath}`);
    expect(registered.length).toBeGreaterThan(20);
    expect(registered.filter((r) => !(r in ROUTE_POLICIES))).toEqual([]);
  });
});
