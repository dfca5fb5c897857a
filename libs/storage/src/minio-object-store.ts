import { Client } from "minio";
import type { Readable } from "node:stream";
import { ObjectNotFoundError, type ObjectStore } from "./object-store";

export interface MinioObjectStoreOptions {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
}

/** Objects in an S3-protocol server (MinIO in production, s3rver in tests). */
export class MinioObjectStore implements ObjectStore {
  private readonly client: Client;
  private readonly bucket: string;

  constructor(opts: MinioObjectStoreOptions) {
    const url = new URL(opts.endpoint);
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === "https:",
      accessKey: opts.accessKey,
      secretKey: opts.secretKey,
      region: opts.region ?? "us-east-1",
      pathStyle: true,
    });
    this.bucket = opts.bucket;
  }

  /** Creates the bucket when it is missing (first start of a fresh MinIO). */
  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket);
  }

  async put(key: string, body: Buffer | Readable, meta: { contentType: string; size?: number }): Promise<void> {
    await this.client.putObject(this.bucket, key, body, meta.size, { "Content-Type": meta.contentType });
  }

  async get(key: string): Promise<Buffer> {
    const stream = await this.getStream(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async getStream(key: string): Promise<Readable> {
    try {
      return await this.client.getObject(this.bucket, key);
    } catch (err) {
      throw isNotFound(err) ? new ObjectNotFoundError(key, { cause: err }) : err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.removeObject(this.bucket, key);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      if (item.name) keys.push(item.name);
    }
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = await this.list(prefix);
    if (keys.length > 0) await this.client.removeObjects(this.bucket, keys);
  }

  /**
   * A presigned PUT of `key`, valid `expirySeconds` from `requestDate`. SigV4 presigned URLs sign the host only:
   * the uploaded size and type are not bound by S3, so the caller checks them once the object is there.
   */
  presignedPut(key: string, expirySeconds: number, requestDate?: Date): Promise<string> {
    return this.client.presignedUrl("PUT", this.bucket, key, expirySeconds, {}, requestDate);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.bucket, key);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucket);
  }
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === "NoSuchKey" || code === "NotFound" || code === "NoSuchObject";
}
