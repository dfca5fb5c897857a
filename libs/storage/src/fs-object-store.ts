import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ObjectNotFoundError, type ObjectStore } from "./object-store";

/** Objects as files under one folder (embedded mode). */
export class FsObjectStore implements ObjectStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`invalid object key: ${key}`);
    return resolved;
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(tmp));
    await rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.file(key));
    } catch (err) {
      throw toNotFound(err, key);
    }
  }

  async getStream(key: string): Promise<Readable> {
    await this.assertExists(key);
    return createReadStream(this.file(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const entries = await readdir(this.folderOf(prefix), { recursive: true, withFileTypes: true }).catch(() => []);
    const keys = entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp"))
      .map((entry) => path.relative(path.resolve(this.root), path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .filter((key) => key.startsWith(prefix));
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of await this.list(prefix)) await rm(this.file(key), { force: true });
    if (prefix.endsWith("/")) await rm(this.folderOf(prefix), { recursive: true, force: true });
  }

  /** The folder holding every key that starts with `prefix`. */
  private folderOf(prefix: string): string {
    const dir = prefix.endsWith("/") ? prefix : path.posix.dirname(prefix) + "/";
    return dir === "./" ? path.resolve(this.root) : this.file(dir);
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.file(key)).then(() => true, () => false);
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  private async assertExists(key: string) {
    if (!(await this.exists(key))) throw new ObjectNotFoundError(key);
  }
}

function toNotFound(err: unknown, key: string): Error {
  return (err as NodeJS.ErrnoException)?.code === "ENOENT" ? new ObjectNotFoundError(key, { cause: err }) : (err as Error);
}
