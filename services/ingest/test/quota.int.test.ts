import type { ServiceBroker } from "moleculer";
import sharp from "sharp";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, type UploadQuota, type UsageView } from "@poke-ventory/contracts";
import { MinioObjectStore } from "@poke-ventory/storage";
import { s3Env, startTestS3, testInfra, uniqueName, type TestS3 } from "@poke-ventory/testing";
import { createBatch, startLocalIngest, upload } from "./helpers";

let broker: ServiceBroker;
let dataSource: DataSource;
let s3: TestS3;
let objects: MinioObjectStore;
let close: () => Promise<void>;

/** A small distinct JPEG (its bytes depend on `seed`). */
const jpeg = (seed: number) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed % 256, g: (seed * 7) % 256, b: 90 } } }).jpeg().toBuffer();
const usage = (userId: string) => broker.call<UsageView, object>(Actions.ingest.usage, { userId });
const objectKeys = async (userId: string) =>
  ((await dataSource.query(`SELECT object_key FROM analysis_images WHERE user_id = $1`, [userId])) as { object_key: string }[]).map((r) => r.object_key);
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (err: { type?: string; code?: number; data?: { quota?: string } }) => err);

beforeAll(async () => {
  s3 = await startTestS3();
  objects = new MinioObjectStore(s3);
  ({ broker, dataSource, close } = await startLocalIngest("pv_ingest_quota", { REDIS_URL: testInfra.redisUrl, ...s3Env(s3), SWEEP_INTERVAL_SECONDS: "60" }));
});

afterAll(async () => {
  await close?.();
  await s3?.close();
});

describe("quotas in ingest (Postgres, S3)", () => {
  it("refuses the image over the daily count before storing it, keeps the earlier ones, and reports usage", async () => {
    const userId = uniqueName("quota-day");
    const quota: UploadQuota = { imagesPerDay: 2, storageBytes: 10 * 1024 * 1024 };
    const batch = await createBatch(broker, userId);
    const first = await upload(broker, await jpeg(1), { userId, batchId: batch.id, quota });
    const second = await upload(broker, await jpeg(2), { userId, batchId: batch.id, quota });
    const err = await refusal(upload(broker, await jpeg(3), { userId, batchId: batch.id, quota }));
    expect(err).toMatchObject({ type: "QUOTA_EXCEEDED", code: 429, data: { quota: "images_per_day" } });

    const keys = await objectKeys(userId);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await objects.exists(key)).toBe(true);
    expect(await usage(userId)).toEqual({ images_today: 2, stored_bytes: first.size_bytes + second.size_bytes });
  });

  it("refuses an image that would go over the storage quota; expired images no longer count", async () => {
    const userId = uniqueName("quota-storage");
    const a = await jpeg(10);
    const quota: UploadQuota = { imagesPerDay: 100, storageBytes: a.length + 10 };
    const batch = await createBatch(broker, userId);
    const kept = await upload(broker, a, { userId, batchId: batch.id, quota });
    const err = await refusal(upload(broker, await jpeg(11), { userId, batchId: batch.id, quota }));
    expect(err).toMatchObject({ type: "QUOTA_EXCEEDED", data: { quota: "storage" } });
    expect(await objectKeys(userId)).toHaveLength(1);

    await dataSource.query(`UPDATE analysis_images SET status = 'expired' WHERE id = $1`, [kept.id]);
    expect(await usage(userId)).toEqual({ images_today: 1, stored_bytes: 0 });
    await upload(broker, await jpeg(11), { userId, batchId: batch.id, quota });
    expect(await usage(userId)).toMatchObject({ images_today: 2 });
  });

  it("lets no parallel upload overshoot: 12 at once against a quota of 5 store exactly 5", async () => {
    const userId = uniqueName("quota-race");
    const quota: UploadQuota = { imagesPerDay: 5, storageBytes: 100 * 1024 * 1024 };
    const batch = await createBatch(broker, userId);
    const files = await Promise.all(Array.from({ length: 12 }, (_, i) => jpeg(100 + i)));
    const results = await Promise.allSettled(files.map((bytes) => upload(broker, bytes, { userId, batchId: batch.id, quota })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => (r.reason as { type: string }).type === "QUOTA_EXCEEDED")).toBe(true);
    expect(await objectKeys(userId)).toHaveLength(5);
    expect((await usage(userId)).images_today).toBe(5);
  });

  it("applies no quota when the caller sends none, and a user with nothing has zero usage", async () => {
    const userId = uniqueName("quota-none");
    expect(await usage(userId)).toEqual({ images_today: 0, stored_bytes: 0 });
    const batch = await createBatch(broker, userId);
    await upload(broker, await jpeg(200), { userId, batchId: batch.id });
    expect((await usage(userId)).images_today).toBe(1);
  });
});
