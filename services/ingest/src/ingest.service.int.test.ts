import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { ServiceBroker, ServiceSchema } from "moleculer";
import sharp from "sharp";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, Channels, DEAD_LETTER_CHANNEL, type ImageStored } from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, loadConfig } from "@poke-ventory/runtime";
import { createTestDatabase, tempDir } from "@poke-ventory/testing";
import { badUploads, benchScan, createBatch, readImage, upload, variant, waitFor } from "../test/helpers";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "./index";
import { ManualClock } from "./manual-clock";

const TTL_S = 60;
let broker: ServiceBroker;
let dataSource: DataSource;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let objects: ReturnType<typeof tempDir>;
let close: () => Promise<void>;
const clock = new ManualClock(new Date());
const published: ImageStored[] = [];

const row = async (id: string) =>
  (await dataSource.query(`SELECT * FROM analysis_images WHERE id = $1`, [id]))[0] as Record<string, unknown> | undefined;
const original = (id: string) => path.join(objects.dir, "originals", id);

beforeAll(async () => {
  db = await createTestDatabase("pv_ingest_svc");
  dataSource = await openDatabase({ url: db.url, entities: ingestEntities, migrations: ingestMigrations, migrationsTableName: "migrations_ingest" });
  objects = tempDir("pv-ingest-objects-");
  const config = loadConfig(ingestConfigShape, {
    OBJECT_STORE_DIR: objects.dir,
    IMAGE_TTL_SECONDS: String(TTL_S),
    MAX_UPLOAD_SIZE_MB: "1",
    SWEEP_INTERVAL_SECONDS: "0.05",
  });
  const composed = await composeIngest(config, { dataSource, clock });
  close = composed.close;
  broker = createBroker({ logger: false });
  composed.schemas.forEach((schema) => broker.createService(schema));
  broker.createService({
    name: "stored-probe",
    channels: { [Channels.imageStored]: { group: "stored-probe", handler: (ctx: { params: ImageStored }) => void published.push(ctx.params) } },
  } as ServiceSchema);
  await broker.start();
});

afterAll(async () => {
  await broker?.stop();
  await close?.();
  await dataSource?.destroy();
  await db?.drop();
  objects?.remove();
});

describe("ingest service (in-process broker, real Postgres, files, memory leases)", () => {
  it("creates a batch and stores an upload: row, object, lease, image.stored", async () => {
    const batch = await createBatch(broker, "alice");
    expect(batch).toMatchObject({ subject_type: "cards", images: [] });
    const bytes = benchScan();
    const { width, height } = await sharp(bytes).metadata();

    const image = await upload(broker, bytes, { userId: "alice", batchId: batch.id, filename: "card.jpg", declaredType: "text/plain" });

    expect(image).toMatchObject({ batch_id: batch.id, status: "stored", content_type: "image/jpeg", size_bytes: bytes.length, width, height });
    expect(image.image_url).toBe(`/imports/images/${image.id}`);
    expect(await row(image.id)).toMatchObject({
      user_id: "alice",
      object_key: `originals/${image.id}`,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      original_filename: "card.jpg",
    });
    expect(readFileSync(original(image.id)).equals(bytes)).toBe(true);
    const message = await waitFor(async () => published.find((m) => m.imageId === image.id));
    expect(message).toMatchObject({ batchId: batch.id, userId: "alice", objectKey: `originals/${image.id}`, subjectType: "cards", width, height });

    const view = await broker.call(Actions.ingest.getBatch, { userId: "alice", id: batch.id });
    expect(view).toMatchObject({ id: batch.id, images: [{ id: image.id, status: "stored" }] });
  });

  it.each([
    ["png", "image/png"],
    ["webp", "image/webp"],
  ] as const)("accepts a %s stream passed as the params of a local call", async (format, contentType) => {
    const batch = await createBatch(broker, "alice");
    const bytes = await sharp(benchScan()).resize({ width: 300 })[format]().toBuffer();
    const image = await broker.call<{ content_type: string; width: number }, object>(Actions.ingest.upload, Readable.from([bytes]), {
      meta: { userId: "alice", batchId: batch.id, filename: "x.jpg", declaredType: "image/jpeg" },
    });
    expect(image).toMatchObject({ content_type: contentType, width: 300 });
  });

  it("rejects bad uploads by their bytes and stores nothing", async () => {
    const batch = await createBatch(broker, "alice");
    const filesBefore = readdirSync(path.join(objects.dir, "originals")).length;
    for (const [name, bytes, type] of await badUploads()) {
      await expect(upload(broker, bytes, { userId: "alice", batchId: batch.id }), name).rejects.toMatchObject({ type });
    }
    expect(await dataSource.query(`SELECT id FROM analysis_images WHERE batch_id = $1`, [batch.id])).toEqual([]);
    expect(readdirSync(path.join(objects.dir, "originals")).length).toBe(filesBefore);
  });

  it("answers NOT_FOUND for another user's batch and image, and for malformed ids", async () => {
    const batch = await createBatch(broker, "alice");
    const image = await upload(broker, benchScan(), { userId: "alice", batchId: batch.id });
    await expect(upload(broker, benchScan(), { userId: "mallory", batchId: batch.id })).rejects.toMatchObject({ type: "NOT_FOUND" });
    await expect(broker.call(Actions.ingest.getBatch, { userId: "mallory", id: batch.id })).rejects.toMatchObject({ type: "NOT_FOUND" });
    await expect(readImage(broker, "mallory", image.id)).rejects.toMatchObject({ type: "NOT_FOUND" });
    await expect(broker.call(Actions.ingest.getBatch, { userId: "alice", id: "not-a-uuid" })).rejects.toMatchObject({ type: "NOT_FOUND" });
    await expect(readImage(broker, "alice", "not-a-uuid")).rejects.toMatchObject({ type: "NOT_FOUND" });
  });

  it("archives sealed uploads without announcing them", async () => {
    const sealed = await createBatch(broker, "alice", "sealed");
    const archived = await upload(broker, benchScan(), { userId: "alice", batchId: sealed.id });
    expect(archived.status).toBe("archived");
    const cards = await createBatch(broker, "alice");
    const later = await upload(broker, benchScan(), { userId: "alice", batchId: cards.id });
    await waitFor(async () => published.some((m) => m.imageId === later.id));
    expect(published.some((m) => m.imageId === archived.id)).toBe(false);
    expect(await row(archived.id)).toMatchObject({ status: "archived", subject_type: "sealed" });
  });

  it("records analysis outcomes from drafts.created, image.failed and dead letters", async () => {
    const batch = await createBatch(broker, "alice");
    const [a, b, c] = [
      await upload(broker, variant(benchScan(), "a"), { userId: "alice", batchId: batch.id }),
      await upload(broker, variant(benchScan(), "b"), { userId: "alice", batchId: batch.id }),
      await upload(broker, variant(benchScan(), "c"), { userId: "alice", batchId: batch.id }),
    ];
    const channels = broker as unknown as { sendToChannel(n: string, p: unknown): Promise<void> };
    await channels.sendToChannel(Channels.draftsCreated, { imageId: a.id, batchId: batch.id, userId: "alice", draftIds: ["d1", "d2"] });
    await channels.sendToChannel(Channels.imageFailed, { imageId: b.id, reason: "vision crashed" });
    await channels.sendToChannel(DEAD_LETTER_CHANNEL, { imageId: c.id });

    expect(await waitFor(async () => (await row(a.id))?.status === "analysed" && row(a.id))).toMatchObject({ cards_found: 2 });
    expect(await waitFor(async () => (await row(b.id))?.status === "failed" && row(b.id))).toMatchObject({ failure_reason: "vision crashed" });
    expect(await waitFor(async () => (await row(c.id))?.status === "failed" && row(c.id))).toMatchObject({
      failure_reason: "analysis failed after retries",
    });
    await channels.sendToChannel(Channels.imageFailed, { imageId: a.id, reason: "late duplicate" });
    await new Promise((r) => setTimeout(r, 100));
    expect(await row(a.id)).toMatchObject({ status: "analysed", cards_found: 2 });
  });

  it("reads an image back (owner only) and every read extends its lease", async () => {
    const batch = await createBatch(broker, "alice");
    const bytes = benchScan(1);
    const image = await upload(broker, bytes, { userId: "alice", batchId: batch.id });
    const read = await readImage(broker, "alice", image.id);
    expect(read.contentType).toBe("image/jpeg");
    expect(read.bytes.equals(bytes)).toBe(true);

    clock.advance((TTL_S - 10) * 1000);
    await readImage(broker, "alice", image.id);
    expect(new Date((await row(image.id))!.expires_at as string).getTime()).toBe(clock.now().getTime() + TTL_S * 1000);
    clock.advance((TTL_S - 10) * 1000);
    expect((await readImage(broker, "alice", image.id)).bytes.equals(bytes)).toBe(true);
  });

  it("answers IMAGE_EXPIRED once the lease lapsed, and removes the object, crops and row status", async () => {
    const batch = await createBatch(broker, "alice");
    const image = await upload(broker, benchScan(), { userId: "alice", batchId: batch.id });
    clock.advance(TTL_S * 1000 + 1);
    await expect(readImage(broker, "alice", image.id)).rejects.toMatchObject({ type: "IMAGE_EXPIRED", code: 410 });
    expect(existsSync(original(image.id))).toBe(false);
    expect(await row(image.id)).toMatchObject({ status: "expired" });
    await expect(readImage(broker, "alice", image.id)).rejects.toMatchObject({ type: "IMAGE_EXPIRED" });
  });

  it("sweeps unread images after the TTL without anyone asking", async () => {
    const batch = await createBatch(broker, "alice");
    const image = await upload(broker, benchScan(), { userId: "alice", batchId: batch.id });
    mkdirSync(path.join(objects.dir, "crops", image.id), { recursive: true });
    writeFileSync(path.join(objects.dir, "crops", image.id, "0.jpg"), "crop");
    expect(existsSync(original(image.id))).toBe(true);
    clock.advance(TTL_S * 1000 + 1);
    await waitFor(async () => (await row(image.id))?.status === "expired");
    expect(existsSync(original(image.id))).toBe(false);
    expect(existsSync(path.join(objects.dir, "crops", image.id))).toBe(false);
  });

  it("is ready when the database, leases and objects answer", async () => {
    expect(await broker.call(Actions.ingest.ready)).toEqual({ status: "ok", checks: { database: "ok", leases: "ok", objects: "ok" } });
  });
});
