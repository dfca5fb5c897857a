import { randomUUID } from "node:crypto";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Channels, Groups, type ImageStatus, type ImageStored } from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, loadConfig } from "@poke-ventory/runtime";
import { createTestDatabase, tempDir } from "@poke-ventory/testing";
import { TypeormBatchRepository } from "./adapters/typeorm-batch-repository";
import { TypeormImageRepository } from "./adapters/typeorm-image-repository";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "./index";
import { ManualClock } from "./manual-clock";
import type { ImageRecord } from "./records";

let dataSource: DataSource;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let objects: ReturnType<typeof tempDir>;
const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));

beforeAll(async () => {
  db = await createTestDatabase("pv_ingest_requeue");
  dataSource = await openDatabase({ url: db.url, entities: ingestEntities, migrations: ingestMigrations, migrationsTableName: "migrations_ingest" });
  objects = tempDir("pv-ingest-requeue-");
  await new TypeormBatchRepository(dataSource).insert({ id: batchId, userId: "alice", subjectType: "cards", createdAt: clock.now() });
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
  objects?.remove();
});

const batchId = randomUUID();

function image(status: ImageStatus, createdMinutesAgo: number, expiresInMinutes = 10): ImageRecord {
  const id = randomUUID();
  const at = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);
  return {
    id, batchId, userId: "alice", objectKey: `originals/${id}`, contentType: "image/jpeg", sizeBytes: 10,
    width: 600, height: 825, sha256: id, originalFilename: null, takenAt: null, cameraMake: null, cameraModel: null, subjectType: "cards", status, cardsFound: null,
    failureReason: null, createdAt: at(-createdMinutesAgo), analysedAt: null, expiresAt: at(expiresInMinutes),
  };
}

/** Starts ingest the way a process starts, with vision's consumer group recording what it is sent. */
async function startIngest(natsUrl?: string): Promise<{ broker: ServiceBroker; received: ImageStored[]; close(): Promise<void> }> {
  const config = loadConfig(ingestConfigShape, { OBJECT_STORE_DIR: objects.dir, SWEEP_INTERVAL_SECONDS: "3600" });
  const composed = await composeIngest(config, { dataSource, clock, natsUrl });
  const broker = createBroker({ logger: false });
  const received: ImageStored[] = [];
  composed.schemas.forEach((schema) => broker.createService(schema));
  broker.createService({
    name: "vision-probe",
    channels: { [Channels.imageStored]: { group: Groups.vision, handler: (ctx: Context<ImageStored>) => void received.push(ctx.params) } },
  } as ServiceSchema);
  await broker.start();
  return { broker, received, close: async () => (await broker.stop(), await composed.close()) };
}

describe("embedded ingest queues again, on start, the images the database still has as stored", () => {
  it("announces every unexpired stored image once, oldest first, and nothing else", async () => {
    const images = new TypeormImageRepository(dataSource);
    const older = image("stored", 30);
    const newer = image("stored", 5);
    const leaseGone = image("stored", 60, -1);
    const done = [image("analysed", 20), image("failed", 20), image("expired", 20), image("archived", 20)];
    for (const row of [newer, leaseGone, older, ...done]) await images.insert(row);

    const ingest = await startIngest();
    try {
      await expect.poll(() => ingest.received.length).toBe(2);
      await new Promise((r) => setTimeout(r, 100));
      expect(ingest.received.map((m) => m.imageId)).toEqual([older.id, newer.id]);
      expect(ingest.received[0]).toEqual({
        imageId: older.id, batchId: older.batchId, userId: "alice", objectKey: older.objectKey, contentType: "image/jpeg",
        subjectType: "cards", width: 600, height: 825, storedAt: older.createdAt.toISOString(),
      });
    } finally {
      await ingest.close();
    }
  });

  it("leaves the backlog to JetStream when distributed (NATS_URL set)", async () => {
    await new TypeormImageRepository(dataSource).insert(image("stored", 1));
    const ingest = await startIngest("nats://127.0.0.1:4222");
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(ingest.received).toEqual([]);
    } finally {
      await ingest.close();
    }
  });
});
