import { Client } from "minio";
import type { Readable } from "node:stream";
import { ObjectNotFoundError, type ObjectStore } from "./object-store";
import { presignUrlV4 } from "./presign-url-v4";

export interface MinioObjectStoreOptions {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
}

const DEFAULT_REGION = "us-east-1";

/** Objects in an S3-protocol server (MinIO in production, s3rver in tests). */
export class MinioObjectStore implements ObjectStore {
  private readonly client: Client;
  private readonly bucket: string;

  constructor(private readonly opts: MinioObjectStoreOptions) {
    const url = new URL(opts.endpoint);
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === "https:",
      accessKey: opts.accessKey,
      secretKey: opts.secretKey,
      region: opts.region ?? DEFAULT_REGION,
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
   * A presigned PUT of `key`, valid `expirySeconds` from `requestDate`, that S3/MinIO accept only with exactly
   * `headers` (sent under these names): their `Content-Length` and `Content-Type` are part of the signature.
   */
  presignedPut(key: string, expirySeconds: number, requestDate: Date, body: { size: number; contentType: string }): { url: string; headers: Record<string, string> } {
    const headers = { "Content-Length": String(body.size), "Content-Type": body.contentType };
    const url = presignUrlV4({
      method: "PUT",
      origin: this.opts.endpoint,
      path: `/${this.bucket}/${key}`,
      headers,
      accessKey: this.opts.accessKey,
      secretKey: this.opts.secretKey,
      region: this.opts.region ?? DEFAULT_REGION,
      date: requestDate,
      expiresSeconds: expirySeconds,
    });
    return { url, headers };
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
