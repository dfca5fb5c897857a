import { z } from "zod";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, ensurePipelineStreams, infraShape, initTracing, loadConfig, runMain, DEFAULT_NAMESPACE } from "@poke-ventory/runtime";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "./index";

void runMain(async () => {
  const config = loadConfig({ ...infraShape, DATABASE_URL: z.string(), ...gatewayConfigShape });
  initTracing({ serviceName: "gateway", otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const dataSource = await openDatabase({
    url: config.DATABASE_URL,
    entities: gatewayEntities,
    migrations: gatewayMigrations,
    migrationsTableName: "migrations_gateway",
  });
  const broker = createBroker({ natsUrl: config.NATS_URL, nodeId: config.NODE_ID, logLevel: config.LOG_LEVEL, logFormat: config.LOG_FORMAT, metricsPort: config.METRICS_PORT });
  if (config.NATS_URL) await ensurePipelineStreams(config.NATS_URL, DEFAULT_NAMESPACE);
  const { schemas, close } = await composeGateway(config, { dataSource });
  schemas.forEach((schema) => broker.createService(schema));
  await broker.start();
  return { broker, cleanup: async () => { await close(); await dataSource.destroy(); } };
});
