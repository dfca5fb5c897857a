import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import sharp from "sharp";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, Channels, Groups, type BatchView, type DraftsCreated, type ImageAnalyzed, type ImageView } from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "@poke-ventory/ingest";
import { channelPolicyOverrides, connectNats, createBroker, deleteNamespaceStreams, ensurePipelineStreams, infraShape, loadConfig } from "@poke-ventory/runtime";
import { benchCardsDir, createTestDatabase, s3Env, startTestS3, testInfra, uniqueName, visionProcess, type TestS3 } from "@poke-ventory/testing";
import { createBatch, upload } from "../../services/ingest/test/helpers";
import { ManagedProcess } from "../e2e/support/processes";

/**
 * An image vision fails on at every attempt, through the real pipeline: ingest (in this process, PostgreSQL, Redis,
 * S3 server) and a real vision process over NATS JetStream, with the operator's retry knobs set short. The image is
 * dead-lettered after `CHANNEL_MAX_DELIVER` attempts and shown `failed` with its reason; the rest of its batch completes.
 * Matching and collection are stood in for by a consumer that announces one draft per card vision found.
 */
const namespace = uniqueName("pv-poison").toLowerCase().replace(/_/g, "-");
const RETRY_ENV = { CHANNEL_MAX_DELIVER: "3", CHANNEL_BACKOFF_MS: "500,1000" };
const overrides = channelPolicyOverrides(loadConfig(infraShape, RETRY_ENV));
let s3: TestS3;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;
let ingest: ServiceBroker;
let close: () => Promise<void>;
let vision: ManagedProcess;
/** image.analyzed deliveries per image id (a stand-in for matching + collection turns them into drafts.created). */
const analysedCount = new Map<string, number>();

beforeAll(async () => {
  [db, s3] = await Promise.all([createTestDatabase("pv_poison"), startTestS3()]);
  dataSource = await openDatabase({ url: db.url, entities: ingestEntities, migrations: ingestMigrations, migrationsTableName: "migrations_ingest" });
  await ensurePipelineStreams(testInfra.natsUrl, namespace, overrides);
  const config = loadConfig(ingestConfigShape, { REDIS_URL: testInfra.redisUrl, ...s3Env(s3) });
  const composed = await composeIngest(config, { dataSource, natsUrl: testInfra.natsUrl });
  close = composed.close;
  ingest = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: `${namespace}-ingest`, logger: false, channelPolicy: overrides });
  composed.schemas.forEach((schema) => ingest.createService(schema));
  ingest.createService({
    name: "drafts-stand-in",
    channels: {
      [Channels.imageAnalyzed]: {
        group: Groups.matching,
        handler: async (ctx: Context<ImageAnalyzed>) => {
          const { imageId, batchId, userId, cards } = ctx.params;
          analysedCount.set(imageId, (analysedCount.get(imageId) ?? 0) + 1);
          const drafts: DraftsCreated = { imageId, batchId, userId, draftIds: cards.map((c) => `${imageId}-${c.index}`) };
          await (ctx.broker as unknown as { sendToChannel(n: string, p: unknown): Promise<void> }).sendToChannel(Channels.draftsCreated, drafts);
        },
      },
    },
  } as ServiceSchema);
  await ingest.start();
  const { command, args, env, cwd } = visionProcess({ namespace, nodeId: "vision", s3, env: RETRY_ENV });
  vision = new ManagedProcess("vision", command, args, env, cwd);
}, 120_000);

afterAll(async () => {
  await vision?.stop(5_000);
  await ingest?.stop();
  await close?.();
  await dataSource?.destroy();
  const nc = await connectNats(testInfra.natsUrl);
  await deleteNamespaceStreams(nc, namespace).finally(() => nc.close());
  await Promise.all([db?.drop(), s3?.close()]);
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${vision.logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a poison image through ingest and a real vision process", () => {
  it("is dead-lettered after CHANNEL_MAX_DELIVER attempts and shown failed with its reason; the batch's other images complete", async () => {
    const batch = await createBatch(ingest, "collector");
    const scans = readdirSync(benchCardsDir).filter((f) => /^scan_.*\.jpg$/.test(f)).sort().slice(0, 2);
    // A complete, valid 2×2 PNG passes every upload check (signature, end marker, header, pixel cap), but vision's
    // OpenCV card detector throws on an image that small, on every attempt.
    const poison = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#c03030" } }).png().toBuffer();
    const good: ImageView[] = [];
    for (const file of scans) good.push(await upload(ingest, readFileSync(path.join(benchCardsDir, file)), { userId: "collector", batchId: batch.id }));
    const uploadedAt = Date.now();
    const bad = await upload(ingest, poison, { userId: "collector", batchId: batch.id, filename: "tiny.png", declaredType: "image/png" });
    expect(bad.status).toBe("stored");

    const view = () => ingest.call<BatchView, object>(Actions.ingest.getBatch, { userId: "collector", id: batch.id });
    const image = (v: BatchView, id: string) => v.images.find((i) => i.id === id)!;
    const failed = await waitFor("the poison image failed", async () => image(await view(), bad.id).status === "failed" && Date.now(), 180_000);
    const final = await waitFor("the other images analysed", async () => {
      const v = await view();
      return good.every((g) => image(v, g.id).status === "analysed") && v;
    }, 180_000);
    console.info(`poison image: failed ${failed - uploadedAt} ms after its upload (vision start-up included): ${image(final, bad.id).failure_reason}`);

    expect(image(final, bad.id)).toMatchObject({ status: "failed", failure_reason: expect.stringMatching(/^image\.stored: .*3 attempts.*\S/) });
    expect(analysedCount.has(bad.id)).toBe(false);
    for (const g of good) expect(analysedCount.get(g.id)).toBe(1);
    expect(vision.running).toBe(true);
  }, 300_000);
});
