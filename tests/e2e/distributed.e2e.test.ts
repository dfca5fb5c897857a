import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDistributedStack } from "./support/distributed-stack";
import { collectorWalk } from "./support/collector-walk";
import { ApiClient } from "./support/api-client";

const MAX_UPLOAD_MB = 3;
const IMAGE_TTL_SECONDS = 20;
const ADMIN_EMAIL = `oak.${Date.now().toString(36)}@example.com`;

let stack: Awaited<ReturnType<typeof startDistributedStack>>;
let base = "";

beforeAll(async () => {
  stack = await startDistributedStack({
    MAX_UPLOAD_SIZE_MB: String(MAX_UPLOAD_MB),
    IMAGE_TTL_SECONDS: String(IMAGE_TTL_SECONDS),
    SWEEP_INTERVAL_SECONDS: "1",
    ADMIN_EMAILS: ADMIN_EMAIL,
  });
  base = stack.base;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("distributed: five processes over NATS JetStream, PostgreSQL, Redis and S3", () => {
  it("reports every dependency ready: the status to anyone, each check to an admin", async () => {
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: "ok" });
    const admin = new ApiClient(base);
    await admin.signUp(ADMIN_EMAIL);
    const res = await admin.request("GET", "/ready");
    expect(res.body.status).toBe("ok");
    expect(Object.keys(res.body.checks).sort()).toEqual(["collection", "gateway", "ingest", "matching", "vision"]);
    expect((await admin.request("GET", "/admin/users")).body.items.find((u: { email: string }) => u.email === ADMIN_EMAIL)).toMatchObject({ admin: true });
  });

  it("serves a script through an API key of its scopes until the key is revoked", async () => {
    const misty = new ApiClient(base);
    await misty.signUp(`misty.${Date.now().toString(36)}@example.com`);
    const created = await misty.request("POST", "/auth/api-keys", { name: "price-sync", scopes: ["catalog:read", "collection:read"] });
    expect(created.status).toBe(201);
    const script = new ApiClient(base);
    script.token = created.body.key;
    expect((await script.request("GET", "/catalog/sets")).status).toBe(200);
    expect((await script.request("GET", "/collection/cards")).status).toBe(200);
    expect((await script.request("POST", "/imports/batches")).status).toBe(403);
    expect((await script.request("GET", "/auth/api-keys")).status).toBe(403);
    expect((await misty.request("DELETE", `/auth/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await script.request("GET", "/catalog/sets")).status).toBe(401);
  });

  collectorWalk(() => base, { maxUploadMb: MAX_UPLOAD_MB, imageTtlSeconds: IMAGE_TTL_SECONDS });

  it("writes one audit report per analysed image", async () => {
    const { readdirSync } = await import("node:fs");
    const reports = readdirSync(stack.out).filter((f) => f.endsWith(".json"));
    // Step 2's scan, and the file step 2e's failed batch kept (analysed like any other).
    expect(reports.length).toBe(2);
  });

  it("shows an admin each user's usage from ingest, and a quota an admin sets is the user's own", async () => {
    const admin = new ApiClient(base);
    const login = await admin.request("POST", "/auth/login", { email: ADMIN_EMAIL, password: "correct horse battery" });
    admin.token = login.body.access_token;
    const users = await admin.request("GET", "/admin/users?page_size=100");
    expect(users.status).toBe(200);
    const uploader = users.body.items.find((u: { usage: { images_today: number } | null }) => (u.usage?.images_today ?? 0) > 0);
    // Its images have expired by now (step 3b): uploaded today, no longer stored.
    expect(uploader?.usage).toEqual({ images_today: expect.any(Number), stored_bytes: 0 });
    const me = users.body.items.find((u: { email: string }) => u.email === ADMIN_EMAIL);
    expect((await admin.request("PATCH", `/admin/users/${me.id}`, { quota: { images_per_day: 7 } })).body.quota).toEqual({ images_per_day: 7, storage_mb: null });
    expect((await admin.request("GET", "/me/usage")).body.quota.images_per_day).toBe(7);
  });

  it("kept every process alive", () => {
    for (const p of stack.procs) expect(p.running, p.logs()).toBe(true);
  });
});
