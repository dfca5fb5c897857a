import { DataSource, type EntitySchema, type MixedList } from "typeorm";
import { PGliteDriver } from "typeorm-pglite";
import { mkdirSync } from "node:fs";
import { lockPgliteDir } from "./pglite-lock";
import { serialisePool } from "./serial-pglite-pool";

export type MigrationClass = new () => { name?: string; up(q: unknown): Promise<unknown>; down(q: unknown): Promise<unknown> };

export interface OpenDatabaseOptions {
  /** `postgres://…`: a PostgreSQL server. `pglite:<dir>` or `pglite:memory`: embedded PGlite. */
  url: string;
  entities: EntitySchema[];
  migrations: MigrationClass[];
  /** One migrations table per owner, so services migrate independently on a shared server. */
  migrationsTableName: string;
  logging?: boolean;
}

/**
 * Opens a DataSource and runs pending migrations (never `synchronize`).
 * PGlite holds one connection: in embedded mode every service shares the one DataSource made here, and its
 * transactions run one after another (as on a PostgreSQL pool of one connection).
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<DataSource> {
  const common = {
    type: "postgres" as const,
    entities: opts.entities,
    migrations: opts.migrations as MixedList<string | MigrationClass>,
    migrationsTableName: opts.migrationsTableName,
    migrationsRun: true,
    synchronize: false,
    logging: opts.logging ?? false,
  };
  let ds: DataSource;
  let unlock = () => {};
  if (opts.url.startsWith("pglite:")) {
    const target = opts.url.slice("pglite:".length);
    const dataDir = target === "memory" || target === "" ? undefined : target;
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      unlock = lockPgliteDir(dataDir);
      process.once("exit", unlock);
    }
    // One session: its query runners take turns (transactions never interleave), see serialisePool.
    ds = new DataSource({ ...common, driver: { Pool: serialisePool(new PGliteDriver({ dataDir }).driver.Pool) } } as never);
  } else if (/^postgres(ql)?:\/\//.test(opts.url)) {
    ds = new DataSource({ ...common, url: opts.url, extra: { max: 10 } } as never);
  } else {
    throw new Error(`DATABASE_URL must start with postgres:// or pglite:, got "${opts.url.split(":")[0]}:"`);
  }
  try {
    await ds.initialize();
  } catch (err) {
    unlock();
    throw err;
  }
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    try {
      await destroy();
    } finally {
      unlock();
    }
  };
  return ds;
}

/** Liveness of the database connection for /ready. */
export async function pingDatabase(ds: DataSource): Promise<void> {
  await ds.query("SELECT 1");
}
