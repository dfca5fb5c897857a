import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import type { ServiceBroker, ServiceSchema } from "moleculer";
import sharp from "sharp";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, Channels, DEAD_LETTER_CHANNEL, DeadLetterHeaders, FailureCodes, Groups, type BatchView, type ImageStored } from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, ensurePipelineStreams, loadConfig } from "@poke-ventory/runtime";
import { MinioObjectStore } from "@poke-ventory/storage";
import { createTestDatabase, startTestS3, testInfra, uniqueName, type TestS3 } from "@poke-ventory/testing";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "../src/index";
import { badUploads, benchScan, createBatch, readImage, upload, variant, waitFor } from "./helpers";

const TTL_S = 2;
const namespace = uniqueName("pv-ingest");
let ingest: ServiceBroker;
let caller: ServiceBroker;
let dataSource: DataSource;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let s3: TestS3;
let objects: MinioObjectStore;
let redis: Redis;
let close: () => Promise<void>;
const consumed: ImageStored[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const row = async (id: string) =>
  (await dataSource.query(`SELECT * FROM analysis_images WHERE id = $1`, [id]))[0] as Record<string, unknown> | undefined;

beforeAll(async () => {
  db = await createTestDatabase("pv_ingest_int");
  dataSource = await openDatabase({ url: db.url, entities: ingestEntities, migrations: ingestMigrations, migrationsTableName: "migrations_ingest" });
  s3 = await startTestS3();
  objects = new MinioObjectStore(s3);
  redis = new Redis(testInfra.redisUrl);
  await ensurePipelineStreams(testInfra.natsUrl, namespace);

  const config = loadConfig(ingestConfigShape, {
    REDIS_URL: testInfra.redisUrl,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: s3.bucket,
    IMAGE_TTL_SECONDS: String(TTL_S),
    MAX_UPLOAD_SIZE_MB: "1",
    SWEEP_INTERVAL_SECONDS: "0.5",
  });
  const composed = await composeIngest(config, { dataSource, natsUrl: testInfra.natsUrl });
  close = composed.close;
  ingest = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: `${namespace}-ingest`, logger: false });
  composed.schemas.forEach((schema) => ingest.createService(schema));

  caller = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: `${namespace}-caller`, logger: false });
  caller.createService({
    name: "vision-probe",
    channels: {
      [Channels.imageStored]: { group: Groups.vision, handler: (ctx: { params: ImageStored }) => void consumed.push(ctx.params) },
    },
  } as ServiceSchema);
  await Promise.all([ingest.start(), caller.start()]);
  await caller.waitForServices(["ingest"], 10_000);
});

afterAll(async () => {
  await caller?.stop();
  await ingest?.stop();
  await close?.();
  redis?.disconnect();
  await dataSource?.destroy();
  await db?.drop();
  await s3?.close();
});

describe("ingest over NATS with Postgres, Redis and S3", () => {
  it("stores a streamed bench scan: row, S3 object, Redis lease, image.stored for the vision group", async () => {
    const batch = await createBatch(caller, "ash");
    const bytes = benchScan(0);
    const image = await upload(caller, bytes, { userId: "ash", batchId: batch.id, filename: "card.jpg" });

    expect(image).toMatchObject({ status: "stored", content_type: "image/jpeg", size_bytes: bytes.length });
    expect(await row(image.id)).toMatchObject({ batch_id: batch.id, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect((await objects.get(`originals/${image.id}`)).equals(bytes)).toBe(true);
    const ttl = await redis.pttl(`image:${image.id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL_S * 1000);
    const message = await waitFor(async () => consumed.find((m) => m.imageId === image.id));
    expect(message).toMatchObject({ batchId: batch.id, userId: "ash", objectKey: `originals/${image.id}`, contentType: "image/jpeg" });
  });

  it.each([
    ["a text file renamed .jpg", "UNSUPPORTED_MEDIA_TYPE", 415, Buffer.from("hello, I am text\n".repeat(50))],
    ["a file over the 1 MB cap", "PAYLOAD_TOO_LARGE", 413, Buffer.concat([benchScan(), Buffer.alloc(1_100_000)])],
  ])("rejects %s with %s (%i) and stores nothing", async (_name, type, code, bytes) => {
    const batch = await createBatch(caller, "ash");
    await expect(upload(caller, bytes, { userId: "ash", batchId: batch.id, filename: "card.jpg" })).rejects.toMatchObject({ type, code });
    expect(await dataSource.query(`SELECT id FROM analysis_images WHERE batch_id = $1`, [batch.id])).toEqual([]);
  });

  it("rejects every other bad upload across the transport too", async () => {
    const batch = await createBatch(caller, "ash");
    for (const [name, bytes, type] of await badUploads()) {
      await expect(upload(caller, bytes, { userId: "ash", batchId: batch.id }), name).rejects.toMatchObject({ type });
    }
  });

  it("streams the bytes back to the owner and each read refreshes the lease", async () => {
    const batch = await createBatch(caller, "ash");
    const bytes = benchScan(1);
    const image = await upload(caller, bytes, { userId: "ash", batchId: batch.id });
    await sleep(1000);
    expect(await redis.pttl(`image:${image.id}`)).toBeLessThanOrEqual(1000);
    const read = await readImage(caller, "ash", image.id);
    expect(read.contentType).toBe("image/jpeg");
    expect(read.bytes.equals(bytes)).toBe(true);
    expect(await redis.pttl(`image:${image.id}`)).toBeGreaterThan(1500);
  });

  it("answers NOT_FOUND for another user's batch and image", async () => {
    // A user of its own: ash's earlier uploads of the same bytes would answer this one (dedup).
    const batch = await createBatch(caller, "lance");
    const image = await upload(caller, benchScan(), { userId: "lance", batchId: batch.id });
    await expect(readImage(caller, "gary", image.id)).rejects.toMatchObject({ type: "NOT_FOUND", code: 404 });
    await expect(caller.call(Actions.ingest.getBatch, { userId: "gary", id: batch.id })).rejects.toMatchObject({ type: "NOT_FOUND" });
    expect(await caller.call(Actions.ingest.getBatch, { userId: "lance", id: batch.id })).toMatchObject({ images: [{ id: image.id }] });
  });

  it("archives a sealed upload and never publishes it", async () => {
    const sealed = await createBatch(caller, "ash", "sealed");
    const archived = await upload(caller, benchScan(), { userId: "ash", batchId: sealed.id });
    expect(archived.status).toBe("archived");
    const cards = await createBatch(caller, "ash");
    const later = await upload(caller, benchScan(), { userId: "ash", batchId: cards.id });
    await waitFor(async () => consumed.some((m) => m.imageId === later.id));
    expect(consumed.some((m) => m.imageId === archived.id)).toBe(false);
    expect(await objects.exists(`originals/${archived.id}`)).toBe(true);
  });

  it("marks an image failed when its pipeline message is dead-lettered", async () => {
    const batch = await createBatch(caller, "ash");
    const image = await upload(caller, benchScan(), { userId: "ash", batchId: batch.id });
    const channels = caller as unknown as { sendToChannel(name: string, payload: unknown): Promise<void> };
    await channels.sendToChannel(DEAD_LETTER_CHANNEL, { imageId: image.id, batchId: batch.id, cards: [] });
    expect(await waitFor(async () => (await row(image.id))?.status === "failed" && row(image.id))).toMatchObject({
      failure_reason: "analysis failed after retries",
    });
  });

  it("shows a dead letter's step and reason in the batch view, and expires an image whose object was gone", async () => {
    const batch = await createBatch(caller, "ash");
    const failed = await upload(caller, benchScan(), { userId: "ash", batchId: batch.id });
    const gone = await upload(caller, variant(benchScan(), "gone"), { userId: "ash", batchId: batch.id });
    const channels = caller as unknown as { sendToChannel(name: string, payload: unknown, opts: object): Promise<void> };
    await channels.sendToChannel(DEAD_LETTER_CHANNEL, { imageId: failed.id }, {
      headers: { [DeadLetterHeaders.channel]: Channels.imageStored, [DeadLetterHeaders.reason]: "failed after 4 attempts: OCR worker crashed" },
    });
    await objects.delete(`originals/${gone.id}`);
    await channels.sendToChannel(DEAD_LETTER_CHANNEL, { imageId: gone.id }, {
      headers: { [DeadLetterHeaders.reason]: "the original is gone", [DeadLetterHeaders.code]: FailureCodes.objectMissing },
    });
    await waitFor(async () => (await row(failed.id))?.status === "failed" && (await row(gone.id))?.status === "expired");
    const view = await caller.call<BatchView, object>(Actions.ingest.getBatch, { userId: "ash", id: batch.id });
    expect(view.images.find((i) => i.id === failed.id)).toMatchObject({
      status: "failed",
      failure_reason: "image.stored: failed after 4 attempts: OCR worker crashed",
    });
    expect(view.images.find((i) => i.id === gone.id)).toMatchObject({ status: "expired", failure_reason: null });
    expect(await redis.exists(`image:${gone.id}`)).toBe(0);
  });

  it("answers IMAGE_EXPIRED after the TTL without reads, and the object and lease are gone", async () => {
    const batch = await createBatch(caller, "ash");
    const image = await upload(caller, benchScan(), { userId: "ash", batchId: batch.id });
    await objects.put(`crops/${image.id}/0.jpg`, Buffer.from("crop"), { contentType: "image/jpeg" });
    await sleep(TTL_S * 1000 + 300);
    await expect(readImage(caller, "ash", image.id)).rejects.toMatchObject({ type: "IMAGE_EXPIRED", code: 410 });
    expect(await objects.exists(`originals/${image.id}`)).toBe(false);
    expect(await objects.exists(`crops/${image.id}/0.jpg`)).toBe(false);
    expect(await redis.exists(`image:${image.id}`)).toBe(0);
    expect(await row(image.id)).toMatchObject({ status: "expired" });
  });

  it("sweeps an unread image once its lease lapses", async () => {
    const batch = await createBatch(caller, "ash");
    const image = await upload(caller, benchScan(), { userId: "ash", batchId: batch.id });
    expect(await objects.exists(`originals/${image.id}`)).toBe(true);
    await waitFor(async () => (await row(image.id))?.status === "expired", 10_000);
    expect(await objects.exists(`originals/${image.id}`)).toBe(false);
    expect(await redis.exists(`image:${image.id}`)).toBe(0);
  });

  it("accepts a phone JPEG with a Motion Photo video after its EOI and a PNG with bytes after IEND, stored as sent", async () => {
    const batch = await createBatch(caller, "misty");
    const trailer = Buffer.concat([Buffer.from("00000018667479706d703432", "hex"), Buffer.alloc(20_000, 9), Buffer.from("MotionPhoto_Data")]);
    const jpeg = Buffer.concat([benchScan(2), trailer]);
    const png = Buffer.concat([await sharp(benchScan(2)).resize(300).png().toBuffer(), trailer]);
    for (const bytes of [jpeg, png]) {
      const image = await upload(caller, bytes, { userId: "misty", batchId: batch.id });
      expect(image).toMatchObject({ status: "stored", size_bytes: bytes.length });
      expect((await readImage(caller, "misty", image.id)).bytes.equals(bytes)).toBe(true);
      await waitFor(async () => consumed.some((m) => m.imageId === image.id));
    }
  });

  it("still refuses a truncated JPEG (even with a trailer-sized tail cut off) and a truncated PNG", async () => {
    const batch = await createBatch(caller, "misty");
    const scan = benchScan(2);
    const png = await sharp(scan).resize(300).png().toBuffer();
    for (const bytes of [scan.subarray(0, scan.length - 2), png.subarray(0, png.length - 4)]) {
      await expect(upload(caller, bytes, { userId: "misty", batchId: batch.id })).rejects.toMatchObject({ type: "VALIDATION_FAILED", message: "The image is truncated" });
    }
    expect(await dataSource.query(`SELECT id FROM analysis_images WHERE batch_id = $1`, [batch.id])).toEqual([]);
  });

  it("refuses a 60 MP PNG of 190 KB from its header, before any pixel is decoded", async () => {
    const batch = await createBatch(caller, "misty");
    const png = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(png.length).toBeLessThan(250_000);
    await expect(upload(caller, png, { userId: "misty", batchId: batch.id })).rejects.toMatchObject({
      type: "IMAGE_TOO_LARGE",
      code: 422,
      data: { width: 10_000, height: 6_000, maxPixels: 50_000_000 },
    });
    // The same header over pixel data no decoder could read: still IMAGE_TOO_LARGE, so nothing was decoded.
    const iend = png.subarray(png.length - 12);
    const garbage = Buffer.concat([png.subarray(0, 33), Buffer.from("0000001049444154", "hex"), Buffer.alloc(20, 0xab), iend]);
    await expect(upload(caller, garbage, { userId: "misty", batchId: batch.id })).rejects.toMatchObject({ type: "IMAGE_TOO_LARGE" });
    expect(await dataSource.query(`SELECT id FROM analysis_images WHERE batch_id = $1`, [batch.id])).toEqual([]);
  });

  describe("dedup by SHA-256", () => {
    /** Bytes no other test sends: a small JPEG of its own colour. */
    const fresh = (seed: number) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed % 256, g: 17, b: 99 } } }).jpeg().toBuffer();
    const originals = async (userId: string, bytes: Buffer) =>
      (await dataSource.query(`SELECT id, status FROM analysis_images WHERE user_id = $1 AND sha256 = $2`, [userId, createHash("sha256").update(bytes).digest("hex")])) as { id: string; status: string }[];
    const announced = (id: string) => consumed.filter((m) => m.imageId === id).length;

    it("answers the same bytes sent again by the same user with the existing image: no second row, object or image.stored", async () => {
      const bytes = await fresh(1);
      const first = await upload(caller, bytes, { userId: "brock", batchId: (await createBatch(caller, "brock")).id });
      await waitFor(async () => announced(first.id) === 1);
      const later = await createBatch(caller, "brock");
      const objectsBefore = (await objects.list("originals/")).length;
      const again = await upload(caller, bytes, { userId: "brock", batchId: later.id, filename: "again.jpg" });
      expect(again).toMatchObject({ id: first.id, duplicate_of: first.id, batch_id: first.batch_id });
      expect(await originals("brock", bytes)).toEqual([{ id: first.id, status: "stored" }]);
      expect((await objects.list("originals/")).length).toBe(objectsBefore);
      await sleep(300);
      expect(announced(first.id)).toBe(1);
      expect(consumed.filter((m) => m.userId === "brock")).toHaveLength(1);
    });

    it("stores another user's identical bytes as their own image", async () => {
      const bytes = await fresh(2);
      const mine = await upload(caller, bytes, { userId: "brock", batchId: (await createBatch(caller, "brock")).id });
      const theirs = await upload(caller, bytes, { userId: "erika", batchId: (await createBatch(caller, "erika")).id });
      expect(theirs.id).not.toBe(mine.id);
      expect(theirs.duplicate_of).toBeUndefined();
      await waitFor(async () => announced(theirs.id) === 1);
    });

    it("stores and analyses one image when the same bytes are sent twice at once", async () => {
      const bytes = await fresh(3);
      const [a, b] = await Promise.all([1, 2].map(async () => upload(caller, bytes, { userId: "brock", batchId: (await createBatch(caller, "brock")).id })));
      expect(a.id).toBe(b.id);
      expect([a.duplicate_of, b.duplicate_of].filter(Boolean)).toEqual([a.id]);
      expect(await originals("brock", bytes)).toHaveLength(1);
      await waitFor(async () => announced(a.id) === 1);
    });

    it("analyses the bytes again once the earlier image expired or failed", async () => {
      const bytes = await fresh(4);
      const first = await upload(caller, bytes, { userId: "brock", batchId: (await createBatch(caller, "brock")).id });
      await redis.del(`image:${first.id}`);
      await dataSource.query(`UPDATE analysis_images SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.id]);
      const second = await upload(caller, bytes, { userId: "brock", batchId: (await createBatch(caller, "brock")).id });
      expect(second.id).not.toBe(first.id);
      expect(second.duplicate_of).toBeUndefined();
      expect((await row(first.id))?.status).toBe("expired");

      await dataSource.query(`UPDATE analysis_images SET status = 'failed' WHERE id = $1`, [second.id]);
      const third = await upload(caller, bytes, { userId: "brock", batchId: (await createBatch(caller, "brock")).id });
      expect([first.id, second.id]).not.toContain(third.id);
      await waitFor(async () => announced(third.id) === 1);
    });
  });

  describe("thumbnails", () => {
    const GPS = { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" } };
    /** A 1200×800 photo stored sideways (EXIF orientation 6: upright it is 800×1200), with a camera and GPS. */
    const phonePhoto = () =>
      sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3a7" } })
        .jpeg()
        .withExif({ IFD0: { Make: "Pixelcam", Model: "P-7" }, IFD2: { DateTimeOriginal: "2025:07:14 16:20:05" }, ...GPS })
        .withMetadata({ orientation: 6 })
        .toBuffer();
    const readThumbnail = async (userId: string, id: string, index?: number) => {
      const meta: Record<string, unknown> = {};
      const stream = await caller.call<NodeJS.ReadableStream, object>(Actions.ingest.readThumbnail, { userId, id, index }, { meta });
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
      return { bytes: Buffer.concat(chunks), contentType: meta.$responseType };
    };

    it("keeps the date taken and camera on the image, and makes an upright WebP of ≤ 320 px without any metadata, once, for the owner only", async () => {
      const photo = await phonePhoto();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const batch = await createBatch(caller, "sabrina");
      const image = await upload(caller, photo, { userId: "sabrina", batchId: batch.id });
      const taken = { taken_at: "2025-07-14T16:20:05", camera_make: "Pixelcam", camera_model: "P-7" };
      expect(image).toMatchObject({ ...taken, width: 1200, height: 800 });
      expect(await caller.call(Actions.ingest.getBatch, { userId: "sabrina", id: batch.id })).toMatchObject({ images: [taken] });
      expect(await row(image.id)).toMatchObject(taken);
      const thumb = await readThumbnail("sabrina", image.id);
      expect(thumb.contentType).toBe("image/webp");
      const meta = await sharp(thumb.bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: 213, height: 320 });
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      const kept = await objects.get(`thumbnails/${image.id}/image.webp`);
      expect(kept.equals(thumb.bytes)).toBe(true);
      expect((await readThumbnail("sabrina", image.id)).bytes.equals(thumb.bytes)).toBe(true);
      await expect(readThumbnail("gary", image.id)).rejects.toMatchObject({ type: "NOT_FOUND", code: 404 });
    });

    it("makes a card crop's thumbnail without metadata, 404 for a card that is not there, and deletes them with the image", async () => {
      const image = await upload(caller, variant(await phonePhoto(), "2"), { userId: "sabrina", batchId: (await createBatch(caller, "sabrina")).id });
      const crop = await sharp({ create: { width: 630, height: 880, channels: 3, background: "#fc0" } }).jpeg().withExif(GPS).toBuffer();
      await objects.put(`crops/${image.id}/0.jpg`, crop, { contentType: "image/jpeg" });
      const thumb = await readThumbnail("sabrina", image.id, 0);
      const meta = await sharp(thumb.bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: 229, height: 320 });
      expect(meta.exif).toBeUndefined();
      await expect(readThumbnail("sabrina", image.id, 3)).rejects.toMatchObject({ type: "NOT_FOUND" });
      await expect(readThumbnail("gary", image.id, 0)).rejects.toMatchObject({ type: "NOT_FOUND" });

      await redis.del(`image:${image.id}`);
      await expect(readThumbnail("sabrina", image.id)).rejects.toMatchObject({ type: "IMAGE_EXPIRED", code: 410 });
      expect(await objects.list(`thumbnails/${image.id}/`)).toEqual([]);
    });

    it("answers 410 IMAGE_GONE for a thumbnail whose original vanished (the image's or a card's), and expires the image", async () => {
      const batch = await createBatch(caller, "sabrina");
      const [whole, carded] = [
        await upload(caller, variant(await phonePhoto(), "3"), { userId: "sabrina", batchId: batch.id }),
        await upload(caller, variant(await phonePhoto(), "4"), { userId: "sabrina", batchId: batch.id }),
      ];
      await objects.put(`crops/${carded.id}/0.jpg`, await sharp({ create: { width: 63, height: 88, channels: 3, background: "#fc0" } }).jpeg().toBuffer(), { contentType: "image/jpeg" });
      for (const image of [whole, carded]) await objects.delete(`originals/${image.id}`);

      await expect(readThumbnail("sabrina", whole.id)).rejects.toMatchObject({ type: "IMAGE_GONE", code: 410 });
      // A card that is not there, while the original is gone: the image is gone, not the card.
      await expect(readThumbnail("sabrina", carded.id, 1)).rejects.toMatchObject({ type: "IMAGE_GONE", code: 410 });
      for (const image of [whole, carded]) {
        expect(await row(image.id)).toMatchObject({ status: "expired" });
        expect(await objects.list(`crops/${image.id}/`)).toEqual([]);
        await expect(readThumbnail("sabrina", image.id)).rejects.toMatchObject({ type: "IMAGE_EXPIRED", code: 410 });
      }
      await expect(readThumbnail("gary", whole.id)).rejects.toMatchObject({ type: "NOT_FOUND", code: 404 });
    });
  });

  it("is ready", async () => {
    expect(await caller.call(Actions.ingest.ready)).toMatchObject({ status: "ok" });
  });
});
