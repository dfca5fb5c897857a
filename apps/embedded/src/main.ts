import { z } from "zod";
import { openDatabase } from "@poke-ventory/db";
import { channelPolicyOverrides, createBroker, ensurePipelineStreams, infraShape, initTracing, loadConfig, runMain } from "@poke-ventory/runtime";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "@poke-ventory/gateway";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "@poke-ventory/ingest";
import { composeVision, visionConfigShape } from "@poke-ventory/vision";
import { composeMatching, matchingConfigShape, matchingEntities, matchingMigrations } from "@poke-ventory/matching";
import { composeCollection, collectionConfigShape, collectionEntities, collectionMigrations } from "@poke-ventory/collection";
import { embeddedSecret } from "./embedded-secret";

/** Every service in one process: in-process transport and channels, PGlite under ./data, files for objects. */
void runMain(async () => {
  const env: NodeJS.ProcessEnv = { DATABASE_URL: "pglite:./data/db", ...process.env };
  const dataDir = process.env.DATA_DIR ?? "./data";
  const log = (msg: string) => console.log(JSON.stringify({ level: "info", mod: "embedded", msg }));
  env.JWT_SECRET ??= embeddedSecret(dataDir, log);
  // The HMAC key of direct-upload URLs (files, no S3): kept like the JWT secret, never a default in code.
  env.UPLOAD_SIGNING_SECRET ??= embeddedSecret(dataDir, log, "upload-signing-secret", "UPLOAD_SIGNING_SECRET");
  const infra = loadConfig({ ...infraShape, DATABASE_URL: z.string() }, env);
  const configs = {
    gateway: loadConfig(gatewayConfigShape, env),
    ingest: loadConfig(ingestConfigShape, env),
    vision: loadConfig(visionConfigShape, env),
    matching: loadConfig(matchingConfigShape, env),
    collection: loadConfig(collectionConfigShape, env),
  };
  initTracing({ serviceName: "poke-ventory", otlpEndpoint: infra.OTEL_EXPORTER_OTLP_ENDPOINT });
  const dataSource = await openDatabase({
    url: infra.DATABASE_URL,
    entities: [...gatewayEntities, ...ingestEntities, ...matchingEntities, ...collectionEntities],
    migrations: [...gatewayMigrations, ...ingestMigrations, ...matchingMigrations, ...collectionMigrations],
    migrationsTableName: "migrations",
  });
  const channelPolicy = channelPolicyOverrides(infra);
  const broker = createBroker({ natsUrl: infra.NATS_URL, namespace: infra.NAMESPACE, nodeId: infra.NODE_ID, logLevel: infra.LOG_LEVEL, logFormat: infra.LOG_FORMAT, metricsPort: infra.METRICS_PORT, channelPolicy });
  if (infra.NATS_URL) await ensurePipelineStreams(infra.NATS_URL, infra.NAMESPACE, channelPolicy);
  const shared = { dataSource, natsUrl: infra.NATS_URL, namespace: infra.NAMESPACE, log };
  const parts = [
    await composeGateway(configs.gateway, shared),
    await composeIngest(configs.ingest, shared),
    await composeVision(configs.vision, shared),
    await composeMatching(configs.matching, shared),
    await composeCollection(configs.collection, shared),
  ];
  parts.flatMap((p) => p.schemas).forEach((schema) => broker.createService(schema));
  await broker.start();
  log(`Poke-ventory is up on http://localhost:${configs.gateway.PORT}`);
  return {
    broker,
    cleanup: async () => {
      for (const part of parts) await part.close();
      await dataSource.destroy();
    },
  };
});
