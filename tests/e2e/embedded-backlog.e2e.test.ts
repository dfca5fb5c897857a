import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import sharp from "sharp";
import { PGlite } from "@electric-sql/pglite";
import { benchCardsDir, tempDir } from "@poke-ventory/testing";
import { ApiClient, benchFile, benchLabels } from "./support/api-client";
import { embeddedEnv, startEmbedded } from "./support/embedded-app";
import { type ManagedProcess, freePort, waitUntil } from "./support/processes";

const BACKLOG = 150;
let app: ManagedProcess;
let data: ReturnType<typeof tempDir>;
let base = "";
let env: NodeJS.ProcessEnv = {};
let client: ApiClient;

const startApp = () => startEmbedded(env);
const ready = () => waitUntil("the embedded app ready", async () => (await fetch(`${base}/ready`)).status === 200, 240_000, [app]);

/** Distinct small photos without a card (vision reads them quickly and finds none): the test is about the queue. */
async function plainPhotos(count: number, seed: number): Promise<{ name: string; bytes: Buffer; type: string }[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `plain-${seed}-${i}.png`,
      type: "image/png",
      bytes: await sharp({ create: { width: 120, height: 90, channels: 3, background: { r: i % 256, g: (seed * 37) % 256, b: (i * 7) % 256 } } })
        .png()
        .toBuffer(),
    })),
  );
}

const statuses = async (batchId: string): Promise<string[]> => {
  const res = await client.request("GET", `/imports/batches/${batchId}`);
  return res.body.images.map((i: { status: string }) => i.status);
};

beforeAll(async () => {
  data = tempDir("pv-embedded-backlog-");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = embeddedEnv(data.dir, port, { MAX_FILES_PER_BATCH: String(BACKLOG), VISION_MAX_IN_FLIGHT: "1" });
  app = startApp();
  await ready();
  client = new ApiClient(base);
  await client.signUp(`backlog.${Date.now().toString(36)}@example.com`);
}, 300_000);

afterAll(async () => {
  await app?.stop();
  data?.remove();
});

describe("embedded mode under a backlog: nothing is dropped, nothing is forgotten across a restart", () => {
  it(`analyses all of ${BACKLOG} images queued at once`, async () => {
    const res = await client.upload(await plainPhotos(BACKLOG, 1), "cards", 0);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
    expect(res.body.images).toHaveLength(BACKLOG);
    const started = performance.now();
    await waitUntil(`${BACKLOG} images analysed`, async () => (await statuses(res.body.batch_id)).every((s) => s === "analysed"), 170_000, [app]);
    const seconds = (performance.now() - started) / 1000;
    console.log(`embedded backlog: ${BACKLOG} sent, ${BACKLOG} analysed in ${seconds.toFixed(1)} s (${(BACKLOG / seconds).toFixed(1)} images/s)`);
  }, 200_000);

  it("finishes, after a kill -9 and a restart, the images the database still had as stored", async () => {
    // Real card scans: read one at a time (VISION_MAX_IN_FLIGHT=1), most are still waiting when the process dies.
    const scans = benchLabels(benchCardsDir).filter((l) => l.kind === "scan").slice(0, 8).map((l) => benchFile(benchCardsDir, l.file));
    const res = await client.upload(scans, "cards", 0);
    expect(res.status).toBe(202);
    await app.kill();

    const db = await PGlite.create(path.join(data.dir, "db"));
    const left = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM analysis_images WHERE batch_id = $1 AND status = 'stored'`, [res.body.batch_id]);
    await db.close();
    expect(left.rows[0].n).toBeGreaterThan(0);
    console.log(`embedded restart: ${left.rows[0].n} of ${scans.length} images left stored by the killed process`);

    app = startApp();
    await ready();
    const started = performance.now();
    await waitUntil("the images left stored analysed", async () => (await statuses(res.body.batch_id)).every((s) => s === "analysed"), 180_000, [app]);
    console.log(`embedded restart: finished in ${((performance.now() - started) / 1000).toFixed(1)} s after ready`);
    expect(await statuses(res.body.batch_id)).toHaveLength(scans.length);
    const drafts = await client.request("GET", `/imports/batches/${res.body.batch_id}`);
    expect(drafts.body.drafts.length).toBeGreaterThanOrEqual(scans.length);
  }, 400_000);
});
