import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { ServiceBroker } from "moleculer";
import sharp from "sharp";
import { Actions, type BatchView, type ImageView, type SubjectType, type UploadMeta } from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, loadConfig, type Clock } from "@poke-ventory/runtime";
import { benchCardsDir, createTestDatabase } from "@poke-ventory/testing";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "../src/index";

/** The shared bench's scans, in the labels' order. */
const benchScans = () =>
  readFileSync(path.join(benchCardsDir, "labels.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { file: string; kind: string })
    .filter((label) => label.kind === "scan")
    .map((label) => label.file);

/** The `n`-th real card scan of the shared bench (a JPEG): any will do, two different ones when bytes must differ. */
export const benchScan = (n = 0) => readFileSync(path.join(benchCardsDir, benchScans()[n]));

/** The same image as other bytes (a tag after its end marker), so that dedup does not answer it with an earlier upload. */
export const variant = (bytes: Buffer, tag: string) => Buffer.concat([bytes, Buffer.from(tag)]);

/** `bytes` as a stream of 64 KiB chunks, like an HTTP upload. */
export const chunked = (bytes: Buffer, size = 64 * 1024) => {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
};

export const createBatch = (broker: ServiceBroker, userId: string, subjectType: SubjectType = "cards") =>
  broker.call<BatchView, object>(Actions.ingest.createBatch, { userId, subjectType });

/** Calls `ingest.upload` with the file as the call's stream (`{ stream }`, the way the gateway sends it). */
export const upload = (broker: ServiceBroker, bytes: Buffer, meta: Partial<UploadMeta>) =>
  broker.call<ImageView, object>(Actions.ingest.upload, {}, {
    stream: chunked(bytes),
    meta: { filename: "card.jpg", declaredType: "image/jpeg", ...meta },
  } as never);

/** Reads an image through `ingest.readImage`: its bytes and the content type it announced. */
export async function readImage(broker: ServiceBroker, userId: string, id: string) {
  const meta: Record<string, unknown> = {};
  const stream = await broker.call<Readable, object>(Actions.ingest.readImage, { userId, id }, { meta });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return { bytes: Buffer.concat(chunks), contentType: meta.$responseType };
}

/** Bad uploads of every kind, with the error type each must produce. */
export async function badUploads(): Promise<Array<[string, Buffer, string]>> {
  const scan = benchScan();
  const huge = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: "#fff" } }).png().toBuffer();
  return [
    ["a text file named .jpg", Buffer.from("not an image at all, just text\n".repeat(20)), "UNSUPPORTED_MEDIA_TYPE"],
    ["a GIF", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), "UNSUPPORTED_MEDIA_TYPE"],
    ["an empty file", Buffer.alloc(0), "VALIDATION_FAILED"],
    ["a truncated JPEG", scan.subarray(0, Math.floor(scan.length / 2)), "VALIDATION_FAILED"],
    ["a file over the size cap", Buffer.concat([scan, Buffer.alloc(1_200_000)]), "PAYLOAD_TOO_LARGE"],
    ["an 8000×8000 PNG (64 Mpx)", huge, "IMAGE_TOO_LARGE"],
  ];
}

export { waitFor } from "@poke-ventory/testing";

/** Ingest on an in-process broker over a fresh Postgres database: what a use-case test needs, and one close for all. */
export async function startLocalIngest(dbPrefix: string, env: Record<string, string>, clock?: Clock) {
  const db = await createTestDatabase(dbPrefix);
  const dataSource = await openDatabase({ url: db.url, entities: ingestEntities, migrations: ingestMigrations, migrationsTableName: "migrations_ingest" });
  const composed = await composeIngest(loadConfig(ingestConfigShape, env), { dataSource, clock });
  const broker = createBroker({ logger: false });
  composed.schemas.forEach((schema) => broker.createService(schema));
  await broker.start();
  return {
    broker,
    dataSource,
    async close() {
      await broker.stop();
      await composed.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}
