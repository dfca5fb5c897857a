import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { catalogDir, createTestDatabase, repoRoot, startTestS3, tempDir, testInfra, uniqueName, type TestS3 } from "@poke-ventory/testing";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { collectorWalk } from "./support/collector-walk";
import { ApiClient } from "./support/api-client";

const SERVICES = ["matching", "collection", "ingest", "vision", "gateway"] as const;
const MAX_UPLOAD_MB = 3;
const IMAGE_TTL_SECONDS = 20;
const ADMIN_EMAIL = `oak.${Date.now().toString(36)}@example.com`;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: TestS3;
let out: ReturnType<typeof tempDir>;
let procs: ManagedProcess[] = [];
let base = "";

beforeAll(async () => {
  [db, s3] = await Promise.all([createTestDatabase("pv_e2e"), startTestS3()]);
  out = tempDir("pv-e2e-out-");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NATS_URL: testInfra.natsUrl,
    NAMESPACE: uniqueName("pv-e2e").toLowerCase().replace(/_/g, "-"),
    DATABASE_URL: db.url,
    REDIS_URL: testInfra.redisUrl,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: s3.bucket,
    JWT_SECRET: "e2e-secret-that-is-long-enough-0123456789",
    PORT: String(port),
    CATALOG_SOURCE: catalogDir,
    ANALYSIS_OUTPUT_DIR: out.dir,
    MAX_UPLOAD_SIZE_MB: String(MAX_UPLOAD_MB),
    IMAGE_TTL_SECONDS: String(IMAGE_TTL_SECONDS),
    SWEEP_INTERVAL_SECONDS: "1",
    OCR_WORKERS: "1",
    LOG_LEVEL: "warn",
    ADMIN_EMAILS: ADMIN_EMAIL,
  };
  // Matching first: it imports the catalog into the empty database before the others need it.
  procs = SERVICES.map((name) => new ManagedProcess(name, process.execPath, [path.join(repoRoot, `services/${name}/dist/main.js`)], { ...env, NODE_ID: `e2e-${name}` }, repoRoot));
  await waitUntil("every service ready", async () => (await fetch(`${base}/ready`)).status === 200, 150_000, procs);
}, 180_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
  await Promise.all([db?.drop(), s3?.close()]);
  out?.remove();
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
    const reports = readdirSync(out.dir).filter((f) => f.endsWith(".json"));
    expect(reports.length).toBe(1);
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
    for (const p of procs) expect(p.running, p.logs()).toBe(true);
  });
});
