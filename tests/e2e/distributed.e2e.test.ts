import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { catalogDir, createTestDatabase, repoRoot, startTestS3, tempDir, testInfra, uniqueName, type TestS3 } from "@poke-ventory/testing";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { collectorWalk } from "./support/collector-walk";

const SERVICES = ["matching", "collection", "ingest", "vision", "gateway"] as const;
const MAX_UPLOAD_MB = 3;
const IMAGE_TTL_SECONDS = 20;

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
  it("reports every dependency ready", async () => {
    const res = await fetch(`${base}/ready`);
    const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe("ok");
    expect(Object.keys(body.checks).sort()).toEqual(["collection", "gateway", "ingest", "matching", "vision"]);
  });

  collectorWalk(() => base, { maxUploadMb: MAX_UPLOAD_MB, imageTtlSeconds: IMAGE_TTL_SECONDS });

  it("writes one audit report per analysed image", async () => {
    const { readdirSync } = await import("node:fs");
    const reports = readdirSync(out.dir).filter((f) => f.endsWith(".json"));
    // Step 2's scan, and the file step 2e's failed batch kept (analysed like any other).
    expect(reports.length).toBe(2);
  });

  it("kept every process alive", () => {
    for (const p of procs) expect(p.running, p.logs()).toBe(true);
  });
});
