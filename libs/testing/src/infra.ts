import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";

/** The real local services the integration tests use (override with TEST_* variables). */
export const testInfra = {
  postgresAdminUrl: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  redisUrl: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  natsUrl: process.env.TEST_NATS_URL ?? "nats://127.0.0.1:4222",
};

/** Repository root and the read-only shared data folder beside it. */
export const repoRoot = path.resolve(__dirname, "../../..");
export const sharedDir = process.env.SHARED_DIR ?? path.resolve(repoRoot, "../shared");
export const benchCardsDir = path.join(sharedDir, "bench/cards");
export const catalogDir = path.join(sharedDir, "catalog");

export const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

/** Creates a throwaway database on the local PostgreSQL; `drop()` removes it. */
export async function createTestDatabase(prefix = "pv_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName(prefix).toLowerCase();
  const admin = new Client({ connectionString: testInfra.postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(testInfra.postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: testInfra.postgresAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestS3 {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  close(): Promise<void>;
}

/** The `S3_*` variables a service needs to use `s3`. */
export const s3Env = (s3: TestS3) => ({ S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_BUCKET: s3.bucket });

/** A real S3-protocol server (s3rver) on loopback, on a free port, with an empty bucket. */
export async function startTestS3(bucket = "poke-ventory"): Promise<TestS3> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require("s3rver");
  const dir = mkdtempSync(path.join(tmpdir(), "pv-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKey: "S3RVER",
    secretKey: "S3RVER",
    bucket,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = "pv-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
