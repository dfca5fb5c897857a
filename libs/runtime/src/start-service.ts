import { z } from "zod";
import type { ServiceSchema } from "moleculer";
import type { DataSource, EntitySchema } from "typeorm";
import { openDatabase, pingDatabase, type MigrationClass } from "@poke-ventory/db";
import { channelPolicyOverrides, ConfigError, infraShape, loadConfig } from "./config";
import { createBroker } from "./broker";
import { ensurePipelineStreams } from "./jetstream";
import { initTracing } from "./tracing";
import { runMain } from "./lifecycle";
import { startHealthServer } from "./health-server";

export interface Composed {
  schemas: ServiceSchema[];
  close(): Promise<void>;
}

export interface SharedResources {
  dataSource?: DataSource;
  natsUrl?: string;
  /** `NAMESPACE`: separates deployments sharing one NATS or one Redis. */
  namespace?: string;
  log?: (msg: string) => void;
}

/**
 * The distributed composition root of one service: validate config (every bad variable at once),
 * tracing, its own database and migrations, broker over NATS, JetStream topology, then compose and start.
 */
export function startService<S extends z.ZodRawShape>(opts: {
  name: string;
  shape: S;
  database?: { entities: EntitySchema[]; migrations: MigrationClass[] };
  compose: (config: z.infer<z.ZodObject<S>>, shared: SharedResources) => Promise<Composed>;
}): void {
  if (process.argv.includes(MIGRATE_FLAG)) return void migrateOnly(opts.name, opts.database);
  void runMain(async () => {
    const dbShape = opts.database ? { DATABASE_URL: z.string() } : {};
    const all = loadConfig({ ...infraShape, ...dbShape, ...opts.shape });
    const infra = all as unknown as z.infer<z.ZodObject<typeof infraShape>> & { DATABASE_URL?: string };
    initTracing({ serviceName: opts.name, otlpEndpoint: infra.OTEL_EXPORTER_OTLP_ENDPOINT });
    const dataSource = opts.database
      ? await openDatabase({ url: infra.DATABASE_URL!, ...opts.database, migrationsTableName: migrationsTable(opts.name) })
      : undefined;
    const channelPolicy = channelPolicyOverrides(infra);
    const broker = createBroker({
      natsUrl: infra.NATS_URL,
      namespace: infra.NAMESPACE,
      nodeId: infra.NODE_ID ? infra.NODE_ID : undefined,
      logLevel: infra.LOG_LEVEL,
      logFormat: infra.LOG_FORMAT,
      metricsPort: infra.METRICS_PORT,
      channelPolicy,
    });
    if (infra.NATS_URL) await ensurePipelineStreams(infra.NATS_URL, infra.NAMESPACE, channelPolicy);
    const { schemas, close } = await opts.compose(all as z.infer<z.ZodObject<S>>, {
      dataSource,
      natsUrl: infra.NATS_URL,
      namespace: infra.NAMESPACE,
      log: (msg) => broker.logger.info(msg),
    });
    schemas.forEach((schema) => broker.createService(schema));
    // Probes answer from before the start (ready: 503) until exit, independently of the gateway.
    const health = infra.HEALTH_PORT
      ? await startHealthServer(broker, {
          port: infra.HEALTH_PORT,
          readyAction: `${opts.name}.ready`,
          checks: dataSource ? { database: () => pingDatabase(dataSource) } : {},
        })
      : undefined;
    await broker.start();
    return { broker, cleanup: async () => { await close(); await dataSource?.destroy(); await health?.close(); } };
  });
}

/** One migrations table per service, so services migrate independently on a shared server. */
const migrationsTable = (name: string) => `migrations_${name}`;

/** `node services/<name>/dist/main.js --migrate`: run this service's pending migrations and exit (the deploy Job). */
export const MIGRATE_FLAG = "--migrate";

function migrateOnly(name: string, database?: { entities: EntitySchema[]; migrations: MigrationClass[] }): void {
  void (async () => {
    try {
      if (database) {
        const { DATABASE_URL } = loadConfig({ DATABASE_URL: z.string() });
        const ds = await openDatabase({ url: DATABASE_URL, ...database, migrationsTableName: migrationsTable(name) });
        await ds.destroy();
      }
      console.log(JSON.stringify({ level: "info", msg: database ? `${name}: migrations applied` : `${name}: no database` }));
      process.exit(0);
    } catch (err) {
      console.error(err instanceof ConfigError ? err.message : JSON.stringify({ level: "fatal", msg: `${name}: migrations failed`, error: String(err) }));
      process.exit(1);
    }
  })();
}
