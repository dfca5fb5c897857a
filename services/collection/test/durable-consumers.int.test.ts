import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { ServiceBroker, ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Actions, Channels, type ImageFailed } from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, ensurePipelineStreams } from "@poke-ventory/runtime";
import { MinioObjectStore, type ObjectStore } from "@poke-ventory/storage";
import { createTestDatabase, repoRoot, startTestS3, tempDir, testInfra, uniqueName, type TestS3 } from "@poke-ventory/testing";
import { FsAuditReportStore } from "../src/adapters/fs-audit-report-store";
import { FsDatasetFolder } from "../src/adapters/fs-dataset-folder";
import { TypeormCollectionRepository } from "../src/adapters/typeorm-collection-repository";
import { assembleMlDataset } from "../src/assemble-ml-dataset";
import { createAuditService } from "../src/audit.service";
import { CollectionQueries } from "../src/collection-queries";
import { createCollectionService } from "../src/collection.service";
import { draftsFromMatch } from "../src/domain/drafts-from-match";
import { collectionEntities, collectionMigrations } from "../src/index";
import { createMlExportService } from "../src/ml-export.service";
import { fakeMatching, matchedMessage } from "./collection-harness";

/**
 * draft.validated and image.failed over NATS JetStream: audit and the ML export are down when they are
 * published, and get them once they start. Real Postgres, NATS and an S3 server (s3rver).
 */
const clock = { now: () => new Date("2026-02-03T10:00:00.000Z") };
const namespace = uniqueName("pv-durable");
const brokers: ServiceBroker[] = [];
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;
let s3: TestS3;
let objects: ObjectStore;
const audit = tempDir("pv-durable-audit-");
const dataset = tempDir("pv-durable-dataset-");

async function start(...schemas: ServiceSchema[]): Promise<ServiceBroker> {
  const broker = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: `${namespace}-${brokers.length}`, logger: false });
  schemas.forEach((s) => broker.createService(s));
  brokers.push(broker);
  await broker.start();
  return broker;
}

beforeAll(async () => {
  await ensurePipelineStreams(testInfra.natsUrl, namespace);
  db = await createTestDatabase("pv_durable");
  dataSource = await openDatabase({ url: db.url, entities: collectionEntities, migrations: collectionMigrations, migrationsTableName: "migrations_collection" });
  s3 = await startTestS3();
  objects = new MinioObjectStore({ endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket: s3.bucket });
});

afterAll(async () => {
  for (const broker of brokers.splice(0)) await broker.stop();
  await dataSource?.destroy();
  await db?.drop();
  await s3?.close();
  audit.remove();
  dataset.remove();
});

describe("durable consumers of validations and failures", () => {
  it("a consumer that was down gets draft.validated and image.failed once it starts; the ML export writes the example", async () => {
    const repo = new TypeormCollectionRepository(dataSource);
    const msg = matchedMessage({ cardCount: 1 });
    msg.cards[0].cropKey = `crops/${msg.imageId}/0.jpg`;
    await repo.insertDrafts(draftsFromMatch(msg, randomUUID, clock.now()));
    const [draft] = await repo.draftsOfImage(msg.imageId);
    const crop = Buffer.from("a card's crop");
    await objects.put(`crops/${msg.imageId}/0.jpg`, crop, { contentType: "image/jpeg" });

    const collection = await start(createCollectionService({ repo, queries: new CollectionQueries(repo), clock }), fakeMatching);
    await collection.call(Actions.collection.selectDraft, { userId: msg.userId, draftId: draft.id, cardId: "sv3-2" });
    const failure: ImageFailed = { imageId: randomUUID(), reason: "analysis failed after retries" };
    await (collection as unknown as { sendToChannel(n: string, p: unknown): Promise<void> }).sendToChannel(Channels.imageFailed, failure);
    await new Promise((r) => setTimeout(r, 300));
    expect(await objects.list("exports/")).toEqual([]);

    await start(createAuditService({ reports: new FsAuditReportStore(audit.dir), clock }), createMlExportService({ objects }));

    const validatedFile = path.join(audit.dir, "validated", `${draft.id}.json`);
    await vi.waitFor(async () => expect(JSON.parse(await readFile(validatedFile, "utf8"))).toMatchObject({ kind: "validated", validation: { draftId: draft.id, cardId: "sv3-2" } }), { timeout: 15_000 });
    const failedFile = path.join(audit.dir, "failed", `${failure.imageId}.json`);
    await vi.waitFor(async () => expect(JSON.parse(await readFile(failedFile, "utf8"))).toMatchObject({ kind: "failed", failure }), { timeout: 15_000 });

    const label = `exports/2026-02-03/${draft.id}.jsonl`;
    await vi.waitFor(async () => expect(await objects.list("exports/")).toEqual([`exports/2026-02-03/${draft.id}.jpg`, label]), { timeout: 15_000 });
    const lines = (await objects.get(label)).toString("utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      draft_id: draft.id,
      image_id: msg.imageId,
      chosen_card_id: "sv3-2",
      top_candidate_id: "sv3-1",
      crop_key: `exports/2026-02-03/${draft.id}.jpg`,
      features: { probable_name: "Oddish", local_number: "001", crop_key: `crops/${msg.imageId}/0.jpg` },
      candidates: [{ card_id: "sv3-1" }, { card_id: "sv3-2" }],
      language: "en",
    });
    expect((await objects.get(`exports/2026-02-03/${draft.id}.jpg`)).equals(crop)).toBe(true);
  });

  it("npm run export:ml assembles the dataset folder: crops and labels.jsonl, from --since on", async () => {
    const env = { ...process.env, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_BUCKET: s3.bucket };
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "export:ml", "--", "--out", dataset.dir, "--since", "2026-02-03"], { cwd: repoRoot, env });
    expect(stdout).toContain("1 examples (1 with their crop)");
    const labels = (await readFile(path.join(dataset.dir, "labels.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ chosen_card_id: "sv3-2", crop_file: `crops/${labels[0].draft_id}.jpg` });
    expect(await readdir(path.join(dataset.dir, "crops"))).toEqual([`${labels[0].draft_id}.jpg`]);

    const later = tempDir("pv-durable-later-");
    try {
      expect(await assembleMlDataset(objects, new FsDatasetFolder(later.dir), "2026-02-04")).toEqual({ examples: 0, crops: 0 });
    } finally {
      later.remove();
    }
  }, 60_000);
});
