import type { Readable } from "node:stream";

/** Object storage behind one seam: MinIO/S3 when distributed, the local filesystem when embedded. */
export interface ObjectStore {
  /** Stores a whole object. Keys are `/`-separated (`originals/<id>`, `crops/<id>/0.jpg`). */
  put(key: string, body: Buffer | Readable, meta: { contentType: string; size?: number }): Promise<void>;
  get(key: string): Promise<Buffer>;
  getStream(key: string): Promise<Readable>;
  /** Removes an object; a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys of every object whose key starts with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes every object whose key starts with `prefix` (`crops/<id>/`); none is not an error. */
  deletePrefix(prefix: string): Promise<void>;
  /** Throws when the store cannot be reached (for /ready). */
  ping(): Promise<void>;
}

/** Raised when a key does not exist. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string, options?: { cause?: unknown }) {
    super(`object not found: ${key}`, options);
    this.name = "ObjectNotFoundError";
  }
}
