import path from "node:path";
import { catalogDir, repoRoot } from "@poke-ventory/testing";
import { ManagedProcess } from "./processes";

/** What `npm start` runs, with no external service: PGlite, files, in-process transport and channels. */
export function embeddedEnv(dataDir: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: `pglite:${path.join(dataDir, "db")}`,
    OBJECT_STORE_DIR: path.join(dataDir, "objects"),
    ANALYSIS_OUTPUT_DIR: path.join(dataDir, "output"),
    CATALOG_SOURCE: catalogDir,
    OCR_WORKERS: "1",
    OCR_PROCESSES: "1",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/**
 * One node process with tsx as a loader, not tsx's CLI: the CLI runs the app in a child of its own, which a kill -9
 * of the CLI leaves running (still holding the database and working).
 */
export function startEmbedded(env: NodeJS.ProcessEnv): ManagedProcess {
  return new ManagedProcess("embedded", process.execPath, ["--import", "tsx", "--conditions=source", "apps/embedded/src/main.ts"], env, repoRoot);
}
