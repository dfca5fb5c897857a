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
    LOG_LEVEL: "warn",
    ...extra,
  };
}

export function startEmbedded(env: NodeJS.ProcessEnv): ManagedProcess {
  const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
  return new ManagedProcess("embedded", tsx, ["--conditions=source", "apps/embedded/src/main.ts"], env, repoRoot);
}
