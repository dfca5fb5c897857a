import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { catalogDir, repoRoot, tempDir } from "@poke-ventory/testing";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { collectorWalk } from "./support/collector-walk";

const MAX_UPLOAD_MB = 3;
let app: ManagedProcess;
let data: ReturnType<typeof tempDir>;
let base = "";

beforeAll(async () => {
  data = tempDir("pv-embedded-");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // What `npm start` runs, with no external service: PGlite, files, in-process transport.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: data.dir,
    DATABASE_URL: `pglite:${path.join(data.dir, "db")}`,
    OBJECT_STORE_DIR: path.join(data.dir, "objects"),
    ANALYSIS_OUTPUT_DIR: path.join(data.dir, "output"),
    CATALOG_SOURCE: catalogDir,
    MAX_UPLOAD_SIZE_MB: String(MAX_UPLOAD_MB),
    OCR_WORKERS: "1",
    LOG_LEVEL: "warn",
  };
  const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
  app = new ManagedProcess("embedded", tsx, ["--conditions=source", "apps/embedded/src/main.ts"], env, repoRoot);
  await waitUntil("the embedded app ready", async () => (await fetch(`${base}/ready`)).status === 200, 240_000, [app]);
}, 300_000);

afterAll(async () => {
  await app?.stop();
  data?.remove();
});

describe("embedded: one process, PGlite, local files, in-process channels", () => {
  collectorWalk(() => base, { maxUploadMb: MAX_UPLOAD_MB });

  it("generated a JWT secret in the data folder and kept running", async () => {
    const { existsSync } = await import("node:fs");
    expect(existsSync(path.join(data.dir, "jwt-secret"))).toBe(true);
    expect(app.running, app.logs()).toBe(true);
  });
});
