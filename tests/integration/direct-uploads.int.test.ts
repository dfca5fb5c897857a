import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { ServiceBroker } from "moleculer";
import sharp from "sharp";
import type { DataSource } from "typeorm";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, ensurePipelineStreams, loadConfig, type Clock } from "@poke-ventory/runtime";
import { createTestDatabase, s3Env, startTestS3, tempDir, testInfra, uniqueName, waitFor, type TestS3 } from "@poke-ventory/testing";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "@poke-ventory/gateway";
import { composeIngest, ingestConfigShape, ingestEntities, ingestMigrations } from "@poke-ventory/ingest";
import { composeCollection, collectionConfigShape, collectionEntities, collectionMigrations } from "@poke-ventory/collection";

/**
 * Presigned direct uploads and quotas through HTTP: gateway, ingest and collection on one broker, real Postgres,
 * against s3rver (presigned PUT) and the filesystem store (HMAC-signed gateway URL). Time moves with `clock.skip`.
 */
const TTL_S = 60;
const clock: Clock & { offsetMs: number } = { offsetMs: 0, now: (): Date => new Date(Date.now() + clock.offsetMs) };

const jpeg = (seed: number) =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: { r: seed % 256, g: 40, b: (seed * 13) % 256 } } }).jpeg().toBuffer();
const png = () => sharp({ create: { width: 20, height: 20, channels: 3, background: "#0f0" } }).png().toBuffer();

interface Stack { base: string; ds: DataSource; objectExists(key: string): Promise<boolean>; deleteObject(key: string): Promise<void>; close(): Promise<void> }

/** `natsUrl`: ingest on a broker of its own, the gateway's calls (and the PUT's byte stream) cross NATS. */
async function startStack(objectsEnv: Record<string, string>, dbPrefix: string, natsUrl?: string): Promise<Stack> {
  const db = await createTestDatabase(dbPrefix);
  const ds = await openDatabase({
    url: db.url,
    entities: [...gatewayEntities, ...ingestEntities, ...collectionEntities],
    migrations: [...gatewayMigrations, ...ingestMigrations, ...collectionMigrations],
    migrationsTableName: "migrations",
  });
  const out = tempDir("pv-direct-out-");
  const env = {
    PORT: "0",
    JWT_SECRET: "direct-upload-test-secret-0123456789abcdef",
    UPLOAD_SIGNING_SECRET: "upload-signing-test-secret-0123456789abcdef",
    UPLOAD_SESSION_TTL_SECONDS: String(TTL_S),
    SWEEP_INTERVAL_SECONDS: "0.2",
    ANALYSIS_OUTPUT_DIR: out.dir,
    ...objectsEnv,
  };
  const namespace = uniqueName("pv-direct").toLowerCase().replace(/_/g, "-");
  if (natsUrl) await ensurePipelineStreams(natsUrl, namespace);
  const broker: ServiceBroker = createBroker({ logger: false, natsUrl, namespace, nodeId: `${namespace}-gateway` });
  const ingestBroker = natsUrl ? createBroker({ logger: false, natsUrl, namespace, nodeId: `${namespace}-ingest` }) : broker;
  const ingest = await composeIngest(loadConfig(ingestConfigShape, env), { dataSource: ds, clock, natsUrl });
  const parts = [
    await composeGateway(loadConfig(gatewayConfigShape, env), { dataSource: ds }),
    await composeCollection(loadConfig(collectionConfigShape, env), { dataSource: ds, natsUrl }),
  ];
  parts.forEach((p) => p.schemas.forEach((s) => broker.createService(s)));
  ingest.schemas.forEach((s) => ingestBroker.createService(s));
  parts.push(ingest);
  await Promise.all([...new Set([broker, ingestBroker])].map((b) => b.start()));
  await broker.waitForServices(["ingest", "collection"], 10_000);
  const api = broker.getLocalService("api") as unknown as { server: { address(): AddressInfo } };
  const { openObjectStore } = await import("@poke-ventory/storage");
  const objects = await openObjectStore(loadConfig(ingestConfigShape, env));
  return {
    base: `http://127.0.0.1:${api.server.address().port}`,
    ds,
    objectExists: (key) => objects.exists(key),
    deleteObject: (key) => objects.delete(key),
    async close() {
      await broker.stop();
      if (ingestBroker !== broker) await ingestBroker.stop();
      for (const p of parts) await p.close();
      await ds.destroy();
      await db.drop();
      out.remove();
    },
  };
}

class Client {
  token = "";
  constructor(readonly base: string) {}
  async call(method: string, path: string, body?: unknown) {
    const res = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  async signUp() {
    const email = `${uniqueName("direct")}@example.com`;
    await this.call("POST", "/auth/register", { email, password: "correct horse battery" });
    const login = await this.call("POST", "/auth/login", { email, password: "correct horse battery" });
    this.token = login.body.access_token;
    const me = await this.call("GET", "/me/usage");
    expect(me.status).toBe(200);
    return email;
  }
  prepare(bytes: Buffer, contentType = "image/jpeg", extra: Record<string, unknown> = {}) {
    return this.call("POST", "/imports/uploads", { filename: "card.jpg", size: bytes.length, content_type: contentType, ...extra });
  }
  /** Sends the bytes where `prepare` said, as a client would (no bearer). */
  async send(prepared: { url: string; method: string; headers: Record<string, string> }, bytes: Buffer, headers: Record<string, string> = {}) {
    const url = prepared.url.startsWith("http") ? prepared.url : this.base + prepared.url;
    const res = await fetch(url, { method: prepared.method, headers: { ...prepared.headers, ...headers }, body: new Uint8Array(bytes) });
    return { status: res.status, text: await res.text() };
  }
  complete(id: string, body: Record<string, unknown> = { subject_type: "cards" }) {
    return this.call("POST", `/imports/uploads/${id}/complete?wait=0`, body);
  }
  multipart(files: Buffer[]) {
    const form = new FormData();
    form.append("subject_type", "cards");
    files.forEach((bytes, i) => form.append("files", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), `f${i}.jpg`));
    return fetch(`${this.base}/imports/batches?wait=0`, { method: "POST", headers: { authorization: `Bearer ${this.token}` }, body: form }).then(
      async (res) => ({ status: res.status, body: (await res.json()) as any }),
    );
  }
}

/** A batch body that ends inside its second file: `whole` arrived whole (its closing boundary too), `cut.jpg` did not. */
async function cutBatchBody() {
  const boundary = "----pv-cut-off";
  const whole = `whole-${uniqueName("f")}.jpg`;
  const part = (filename: string) => `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`;
  // Random pixels: bytes no other test sends (the same bytes again would answer the earlier image).
  const photo = await sharp(randomBytes(64 * 48 * 3), { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toBuffer();
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subject_type"\r\n\r\ncards\r\n${part(whole)}`),
    photo,
    Buffer.from(`\r\n${part("cut.jpg")}`),
    (await jpeg(50)).subarray(0, 200),
  ]);
  return { boundary, body, whole };
}

let s3: TestS3;
const stacks: Stack[] = [];

beforeAll(async () => {
  s3 = await startTestS3();
});

afterAll(async () => {
  for (const stack of stacks) await stack.close();
  await s3?.close();
});

describe.each([
  ["s3rver, presigned PUT", "s3", false],
  ["the filesystem store, HMAC-signed gateway URL", "fs", false],
  ["the filesystem store, gateway and ingest apart over NATS", "fs", true],
] as const)("direct uploads with %s", (_name, kind, overNats) => {
  let stack: Stack;
  let client: Client;
  let dir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dir = tempDir("pv-direct-objects-");
    stack = await startStack(kind === "s3" ? s3Env(s3) : { OBJECT_STORE_DIR: dir.dir }, `pv_direct_${kind}`, overNats ? testInfra.natsUrl : undefined);
    stacks.push(stack);
    client = new Client(stack.base);
    await client.signUp();
  }, 60_000);

  afterAll(() => dir?.remove());

  it("walks prepare → PUT → complete, answered exactly like a multipart batch", async () => {
    const bytes = await jpeg(1);
    const prepared = await client.prepare(bytes);
    expect(prepared.status).toBe(201);
    expect(prepared.body).toMatchObject({ upload_id: expect.any(String), method: "PUT", headers: { "Content-Type": "image/jpeg" } });
    expect(Date.parse(prepared.body.expires_at) - clock.now().getTime()).toBeGreaterThan((TTL_S - 5) * 1000);
    if (kind === "fs") expect(prepared.body.url).toMatch(/^\/imports\/uploads\/[0-9a-f-]+\/content\?expires=\d+&signature=/);
    else expect(prepared.body).toMatchObject({ url: expect.stringContaining("X-Amz-Signature="), headers: { "Content-Length": String(bytes.length) } });
    const id = prepared.body.upload_id as string;
    expect((await client.call("GET", `/imports/uploads/${id}`)).body).toMatchObject({ status: "pending", size: bytes.length });

    const sent = await client.send(prepared.body, bytes);
    expect(sent.status).toBe(200);
    if (kind === "fs") expect((await client.call("GET", `/imports/uploads/${id}`)).body.status).toBe("uploaded");

    const completed = await client.complete(id);
    expect(completed.status).toBe(202);
    const multipart = await client.multipart([await jpeg(2)]);
    expect(multipart.status).toBe(202);
    expect(Object.keys(completed.body).sort()).toEqual(Object.keys(multipart.body).sort());
    expect(completed.body).toMatchObject({ status: "processing", images: [{ status: "stored", size_bytes: bytes.length, original_filename: "card.jpg" }] });

    const session = (await client.call("GET", `/imports/uploads/${id}`)).body;
    expect(session).toMatchObject({ status: "completed", batch_id: completed.body.batch_id, image_id: completed.body.images[0].id });
    expect(await stack.objectExists(`uploads/${id}`)).toBe(false);
    expect(await stack.objectExists(`originals/${session.image_id}`)).toBe(true);
    // Completing again answers the same batch; another user sees nothing.
    expect((await client.complete(id)).body.batch_id).toBe(completed.body.batch_id);
    const other = new Client(stack.base);
    await other.signUp();
    expect((await other.call("GET", `/imports/uploads/${id}`)).status).toBe(404);
    expect((await other.complete(id)).status).toBe(404);
  });

  it("answers 410 IMAGE_GONE in the error shape for the thumbnail of an image whose original vanished", async () => {
    const bytes = await jpeg(40);
    const prepared = (await client.prepare(bytes)).body;
    await client.send(prepared, bytes);
    const imageId = (await client.complete(prepared.upload_id)).body.images[0].id as string;
    await stack.deleteObject(`originals/${imageId}`);
    const thumbnail = await client.call("GET", `/imports/images/${imageId}/thumbnail`);
    expect(thumbnail).toMatchObject({ status: 410, body: { error: { status: 410, type: "IMAGE_GONE", message: expect.any(String) } } });
    const card = await client.call("GET", `/imports/images/${imageId}/cards/0/thumbnail`);
    expect(card).toMatchObject({ status: 410, body: { error: { type: "IMAGE_EXPIRED" } } });
  });

  it("stores the image once when complete is sent several times at once", async () => {
    const bytes = await jpeg(30);
    const prepared = (await client.prepare(bytes)).body;
    await client.send(prepared, bytes);
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.complete(prepared.upload_id)));
    const ok = answers.filter((a) => a.status === 202 || a.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => !ok.includes(x))) expect(a).toMatchObject({ status: 409, body: { error: { type: "UPLOAD_IN_PROGRESS" } } });
    expect(new Set(ok.map((a) => a.body.batch_id)).size).toBe(1);
    const images = await stack.ds.query(`SELECT id FROM analysis_images WHERE batch_id = $1`, [ok[0].body.batch_id]);
    expect(images).toHaveLength(1);
  });

  it("adds a direct upload to an existing batch of the user", async () => {
    const first = await client.multipart([await jpeg(3)]);
    const bytes = await jpeg(4);
    const prepared = (await client.prepare(bytes)).body;
    await client.send(prepared, bytes);
    const done = await client.complete(prepared.upload_id, { subject_type: "cards", batch_id: first.body.batch_id });
    expect(done.body.batch_id).toBe(first.body.batch_id);
    expect(done.body.images).toHaveLength(2);
  });

  it("refuses a tampered signature with 403 (filesystem store); s3rver does not check SigV4 signatures", async () => {
    const bytes = await jpeg(5);
    const prepared = (await client.prepare(bytes)).body;
    const url = new URL(prepared.url, stack.base);
    if (kind === "s3") {
      // What the presigned PUT signs: the host, the key, the size and the type (SigV4 query signing). S3 and MinIO
      // check it; s3rver accepts any V4 signature ("unimplemented" in its source), so complete checks all again.
      expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
      expect(prepared.headers).toEqual({ "Content-Length": String(bytes.length), "Content-Type": "image/jpeg" });
      expect(Number(url.searchParams.get("X-Amz-Expires"))).toBeGreaterThanOrEqual(TTL_S - 1);
      return;
    }
    const sig = url.searchParams.get("signature") ?? "";
    url.searchParams.set("signature", (sig[0] === "a" ? "b" : "a") + sig.slice(1));
    const tampered = await client.send({ ...prepared, url: url.toString() }, bytes);
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.text).error.type).toBe("FORBIDDEN");
    // A later expiry with the old signature is tampering too, and so is another session's id.
    const later = new URL(prepared.url, stack.base);
    later.searchParams.set("expires", String(Number(later.searchParams.get("expires")) + 3600));
    expect((await client.send({ ...prepared, url: later.toString() }, bytes)).status).toBe(403);
    const other = (await client.prepare(bytes)).body;
    const swapped = new URL(prepared.url, stack.base);
    swapped.pathname = `/imports/uploads/${other.upload_id}/content`;
    expect((await client.send({ ...prepared, url: swapped.toString() }, bytes)).status).toBe(403);
    expect(await stack.objectExists(`uploads/${prepared.upload_id}`)).toBe(false);
    expect(await stack.objectExists(`uploads/${other.upload_id}`)).toBe(false);
    // The refusals changed nothing: the genuine URL still works.
    expect((await client.send(prepared, bytes)).status).toBe(200);
  });

  it("refuses an URL whose time ran out (403), and complete after expiry (410)", async () => {
    // Prepared as if TTL + 5 s ago: the URL has expired (s3rver checks X-Amz-Date + X-Amz-Expires against real time).
    const bytes = await jpeg(16);
    clock.offsetMs -= (TTL_S + 5) * 1000;
    const prepared = (await client.prepare(bytes)).body;
    clock.offsetMs += (TTL_S + 5) * 1000;
    expect((await client.send(prepared, bytes)).status).toBe(403);
    expect(await stack.objectExists(`uploads/${prepared.upload_id}`)).toBe(false);
    expect((await client.complete(prepared.upload_id)).status).toBe(410);
  });

  it("refuses an expired upload (403 on the URL, 410 on complete)", async () => {
    const bytes = await jpeg(6);
    const prepared = (await client.prepare(bytes)).body;
    if (kind === "s3") expect((await client.send(prepared, bytes)).status).toBe(200);
    clock.offsetMs += (TTL_S + 1) * 1000;
    try {
      if (kind === "fs") expect((await client.send(prepared, bytes)).status).toBe(403);
      const completed = await client.complete(prepared.upload_id);
      expect(completed.status).toBe(410);
    } finally {
      clock.offsetMs -= (TTL_S + 1) * 1000;
    }
  });

  it("refuses bytes of another size or type than declared, and a non-image", async () => {
    const bytes = await jpeg(7);
    const bigger = Buffer.concat([bytes, Buffer.alloc(10)]);
    const wrongSize = (await client.prepare(bytes)).body;
    const pngBytes = await png();
    const wrongType = (await client.prepare(pngBytes, "image/jpeg")).body;
    const text = Buffer.from("this is not an image, only text ".repeat(10));
    const notImage = (await client.prepare(text, "image/jpeg")).body;
    if (kind === "fs") {
      expect((await client.send(wrongSize, bigger)).status).toBe(413);
      expect((await client.send(wrongSize, bytes.subarray(0, bytes.length - 1))).status).toBe(422);
      expect((await client.send(wrongType, pngBytes, { "Content-Type": "image/png" })).status).toBe(422);
      expect((await client.send(wrongSize, bytes)).status).toBe(200);
      expect((await client.send(wrongSize, bytes)).status).toBe(403); // once only
    } else {
      // A client that sends another Content-Length than signed: S3 and MinIO refuse the signature, s3rver takes it; complete refuses it.
      expect((await client.send(wrongSize, bigger, { "Content-Length": String(bigger.length) })).status).toBe(200);
      const refused = await client.complete(wrongSize.upload_id);
      expect(refused).toMatchObject({ status: 413 });
      expect((await client.call("GET", `/imports/uploads/${wrongSize.upload_id}`)).body).toMatchObject({ status: "rejected" });
      expect(await stack.objectExists(`uploads/${wrongSize.upload_id}`)).toBe(false);
    }
    expect((await client.send(wrongType, pngBytes)).status).toBe(200);
    expect((await client.complete(wrongType.upload_id)).body.error).toMatchObject({ status: 422, message: expect.stringContaining("image/png") });
    expect((await client.send(notImage, text)).status).toBe(200);
    expect((await client.complete(notImage.upload_id)).body.error).toMatchObject({ status: 415, type: "UNSUPPORTED_MEDIA_TYPE" });
    expect((await client.call("GET", `/imports/uploads/${notImage.upload_id}`)).body).toMatchObject({ status: "rejected" });
    expect(await stack.objectExists(`uploads/${notImage.upload_id}`)).toBe(false);
  });

  it("checks the declared terms and the sha256", async () => {
    expect((await client.call("POST", "/imports/uploads", { filename: "x.gif", size: 10, content_type: "image/gif" })).status).toBe(422);
    expect((await client.call("POST", "/imports/uploads", { filename: "x.jpg", size: 1e12, content_type: "image/jpeg" })).status).toBe(413);
    const bytes = await jpeg(8);
    const prepared = (await client.prepare(bytes, "image/jpeg", { sha256: "0".repeat(64) })).body;
    expect((await client.send(prepared, bytes)).status).toBe(200);
    expect((await client.complete(prepared.upload_id)).body.error).toMatchObject({ status: 422, message: expect.stringContaining("sha256") });
    expect((await client.complete(prepared.upload_id, { subject_type: "nope" })).status).toBe(422);
  });

  it("sweeps an abandoned upload and its object after UPLOAD_SESSION_TTL_SECONDS", async () => {
    const bytes = await jpeg(9);
    const prepared = (await client.prepare(bytes)).body;
    expect((await client.send(prepared, bytes)).status).toBe(200);
    expect(await stack.objectExists(`uploads/${prepared.upload_id}`)).toBe(true);
    clock.offsetMs += (TTL_S + 1) * 1000;
    try {
      await waitFor(async () => (await client.call("GET", `/imports/uploads/${prepared.upload_id}`)).body.status === "expired", 5000);
      expect(await stack.objectExists(`uploads/${prepared.upload_id}`)).toBe(false);
    } finally {
      clock.offsetMs -= (TTL_S + 1) * 1000;
    }
  });

  it("answers a multipart body that ends inside a file with 422 (it hung in one process): the file before it kept, the cut one refused", async () => {
    const { boundary, body, whole } = await cutBatchBody();
    const cut = await fetch(`${client.base}/imports/batches?wait=0`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(cut.status).toBe(422);
    const { details } = ((await cut.json()) as any).error;
    expect(details.accepted).toEqual([{ image_id: expect.any(String), filename: whole }]);
    expect(details.rejected).toEqual([expect.objectContaining({ filename: "cut.jpg", status: 422 })]);
  });

  it("refuses the file over a user's quota before storing it; the earlier files are kept and reported", async () => {
    const quotaUser = new Client(stack.base);
    const email = await quotaUser.signUp();
    await stack.ds.query(`UPDATE users SET quota_images_per_day = 2 WHERE email = $1`, [email]);
    const res = await quotaUser.multipart([await jpeg(20), await jpeg(21), await jpeg(22)]);
    expect(res.status).toBe(429);
    expect(res.body.error.type).toBe("QUOTA_EXCEEDED");
    // The files of a batch are checked as each one has fully arrived, in parallel: which one is refused is the last to be checked.
    expect(res.body.error.details.accepted).toHaveLength(2);
    expect(res.body.error.details.rejected).toEqual([expect.objectContaining({ type: "QUOTA_EXCEEDED", status: 429 })]);
    const stored = await stack.ds.query(`SELECT object_key FROM analysis_images WHERE batch_id = $1`, [res.body.error.details.batch_id]);
    expect(stored).toHaveLength(2);
    const usage = await quotaUser.call("GET", "/me/usage");
    expect(usage.body).toMatchObject({ images_today: 2, quota: { images_per_day: 2, storage_mb: 5120 } });
    expect(usage.body.stored_bytes).toBeGreaterThan(0);
    // A direct upload goes through the same quota.
    const bytes = await jpeg(23);
    const prepared = (await quotaUser.prepare(bytes)).body;
    await quotaUser.send(prepared, bytes);
    expect((await quotaUser.complete(prepared.upload_id)).body.error).toMatchObject({ status: 429, type: "QUOTA_EXCEEDED" });
  });
});
