import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { ServiceBroker } from "moleculer";
import type { DataSource } from "typeorm";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, ensurePipelineStreams, initTracing, loadConfig, shutdownTracing } from "@poke-ventory/runtime";
import { benchCardsDir, catalogDir, createTestDatabase, startTestS3, tempDir, testInfra, uniqueName, type TestS3 } from "@poke-ventory/testing";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "@poke-ventory/gateway";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "@poke-ventory/ingest";
import { composeVision, visionConfigShape } from "@poke-ventory/vision";
import { composeMatching, matchingConfigShape, matchingEntities, matchingMigrations } from "@poke-ventory/matching";
import { composeCollection, collectionConfigShape, collectionEntities, collectionMigrations } from "@poke-ventory/collection";
import { benchLabels } from "../e2e/support/api-client";

/**
 * One upload = one trace: five brokers (one per service) talk over the real NATS transporter and
 * JetStream channels, and every span they record for a batch of several files shares the gateway request's trace id.
 */
const exporter = new InMemorySpanExporter();
const namespace = uniqueName("pv-trace").toLowerCase().replace(/_/g, "-");
const brokers: ServiceBroker[] = [];
const closers: (() => Promise<void>)[] = [];
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ds: DataSource;
let s3: TestS3;
let out: ReturnType<typeof tempDir>;
let base = "";

beforeAll(async () => {
  initTracing({ serviceName: "trace-test", processors: [new SimpleSpanProcessor(exporter)] });
  [db, s3] = await Promise.all([createTestDatabase("pv_trace"), startTestS3()]);
  out = tempDir("pv-trace-");
  ds = await openDatabase({
    url: db.url,
    entities: [...gatewayEntities, ...ingestEntities, ...matchingEntities, ...collectionEntities],
    migrations: [...gatewayMigrations, ...ingestMigrations, ...matchingMigrations, ...collectionMigrations],
    migrationsTableName: "migrations",
  });
  await ensurePipelineStreams(testInfra.natsUrl, namespace);
  const env = {
    PORT: "0",
    JWT_SECRET: "trace-test-secret-long-enough-0123456789",
    REDIS_URL: testInfra.redisUrl,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET: s3.bucket,
    CATALOG_SOURCE: catalogDir,
    ANALYSIS_OUTPUT_DIR: out.dir,
    OCR_WORKERS: "1",
    OCR_PROCESSES: "1",
  };
  const shared = { dataSource: ds, natsUrl: testInfra.natsUrl };
  const parts = [
    ["matching", () => composeMatching(loadConfig(matchingConfigShape, env), shared)],
    ["collection", () => composeCollection(loadConfig(collectionConfigShape, env), shared)],
    ["ingest", () => composeIngest(loadConfig(ingestConfigShape, env), shared)],
    ["vision", () => composeVision(loadConfig(visionConfigShape, env), shared)],
    ["gateway", () => composeGateway(loadConfig(gatewayConfigShape, env), shared)],
  ] as const;
  for (const [name, compose] of parts) {
    const broker = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: `trace-${name}`, logger: false });
    const { schemas, close } = await compose();
    schemas.forEach((s) => broker.createService(s));
    brokers.push(broker);
    closers.push(close);
  }
  await Promise.all(brokers.map((b) => b.start()));
  await brokers[0].waitForServices(["api", "ingest", "vision", "matching", "collection"], 30_000);
  const api = brokers[4].getLocalService("api") as unknown as { server: { address(): AddressInfo } };
  base = `http://127.0.0.1:${api.server.address().port}`;
}, 240_000);

afterAll(async () => {
  await Promise.all(brokers.map((b) => b.stop()));
  for (const close of closers) await close();
  await ds?.destroy();
  await Promise.all([db?.drop(), s3?.close()]);
  out?.remove();
  await shutdownTracing();
});

async function json(method: string, url: string, body: unknown, token?: string) {
  const res = await fetch(base + url, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, any>;
}

/** A few single-card scans of the bench, chosen by their label (never by name). */
const scans = benchLabels(benchCardsDir)
  .filter((label) => label.kind === "scan")
  .slice(0, 3)
  .map((label) => label.file);

describe("tracing across services", () => {
  it("carries one trace id for a several-file upload, from the gateway through ingest, vision, matching and collection", async () => {
    await json("POST", "/auth/register", { email: "trace@example.com", password: "trace-password" });
    const { access_token } = await json("POST", "/auth/login", { email: "trace@example.com", password: "trace-password" });
    exporter.reset();
    const form = new FormData();
    form.append("subject_type", "cards");
    scans.forEach((file, i) =>
      form.append("files", new Blob([new Uint8Array(readFileSync(path.join(benchCardsDir, file)))], { type: "image/jpeg" }), `card-${i}.jpg`),
    );
    const res = await fetch(`${base}/imports/batches?wait=90`, { method: "POST", headers: { authorization: `Bearer ${access_token}` }, body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { drafts: unknown[] };
    expect(body.drafts.length).toBeGreaterThanOrEqual(scans.length);
    await new Promise((r) => setTimeout(r, 500));

    const spans = exporter.getFinishedSpans();
    const names = (filter: (name: string) => boolean) => spans.filter((s) => filter(s.name));
    const rest = names((n) => n === "api.rest" || n === "api.uploadBatch");
    expect(rest.length, spans.map((s) => s.name).join(", ")).toBeGreaterThan(0);
    const traceId = rest[0].spanContext().traceId;
    // Every span of the upload and of the pipeline, for every file, is in the request's one trace.
    const pipeline = names((n) => n.startsWith("ingest.") || n.startsWith("channel ") || n === "matching.rankCandidates");
    const traces = new Set(pipeline.map((s) => s.spanContext().traceId));
    expect([...traces]).toEqual([traceId]);
    const count = (name: string) => pipeline.filter((s) => s.name === name).length;
    expect(count("ingest.createBatch")).toBe(1);
    expect(count("ingest.upload")).toBe(scans.length);
    expect(count(`channel ${namespace}.image.stored`)).toBe(scans.length);
    expect(count(`channel ${namespace}.image.analyzed`)).toBe(scans.length);
    // Both consumer groups of cards.matched (collection and the audit writer) continue the same trace.
    expect(count(`channel ${namespace}.cards.matched`)).toBe(2 * scans.length);
    expect(count(`channel ${namespace}.drafts.created`)).toBe(scans.length);
    // Vision asks matching about a number it read only when the card's own evidence does not settle it (OCR-dependent:
    // PP-OCR reads these scans cleanly); when it asks, the call is in the same trace (the set of traces above).
  });
});
