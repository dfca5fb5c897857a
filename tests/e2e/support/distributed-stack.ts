import path from "node:path";
import { catalogDir, createTestDatabase, repoRoot, startTestS3, tempDir, testInfra, uniqueName } from "@poke-ventory/testing";
import { ManagedProcess, freePort, waitUntil } from "./processes";

const SERVICES = ["matching", "collection", "ingest", "vision", "gateway"] as const;

/** The five services as separate built processes over NATS JetStream, PostgreSQL, Redis and an S3 server. */
export async function startDistributedStack(extraEnv: NodeJS.ProcessEnv = {}) {
  const [db, s3] = await Promise.all([createTestDatabase("pv_e2e"), startTestS3()]);
  const out = tempDir("pv-e2e-out-");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
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
    OCR_WORKERS: "1",
    OCR_PROCESSES: "1",
    LOG_LEVEL: "warn",
    ...extraEnv,
  };
  // Matching first: it imports the catalog into the empty database before the others need it.
  const procs = SERVICES.map((name) => new ManagedProcess(name, process.execPath, [path.join(repoRoot, `services/${name}/dist/main.js`)], { ...env, NODE_ID: `e2e-${name}` }, repoRoot));
  await waitUntil("every service ready", async () => (await fetch(`${base}/ready`)).status === 200, 150_000, procs);
  return {
    base,
    procs,
    out: out.dir,
    async stop() {
      await Promise.all(procs.map((p) => p.stop()));
      await Promise.all([db.drop(), s3.close()]);
      out.remove();
    },
  };
}
