import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import path from "node:path";

/**
 * Lock file beside a PGlite data folder (`./data/db` → `./data/db.lock`): PGlite itself does not lock, and
 * two processes on one folder corrupt it. Not inside the folder: PGlite only initializes an empty one.
 */
export const pgliteLockFile = (dataDir: string) => `${path.resolve(dataDir)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the one-process lock of an embedded database folder, or throws naming the process holding it.
 * A lock left by a process that is gone is taken over. Returns the release function.
 */
export function lockPgliteDir(dataDir: string): () => void {
  const file = pgliteLockFile(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(
          `The embedded database ${dataDir} is in use by process ${holder}. Embedded PGlite allows one process at a time: ` +
            "stop `npm start` (or the other import) first, or set DATABASE_URL to a PostgreSQL server.",
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database ${dataDir}`);
}
