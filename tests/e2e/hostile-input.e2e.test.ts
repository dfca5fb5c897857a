import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import jwt from "jsonwebtoken";
import sharp from "sharp";
import { Client } from "pg";
import { benchCardsDir, createTestDatabase, tempDir } from "@poke-ventory/testing";
import { embeddedEnv, startEmbedded } from "./support/embedded-app";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { ApiClient, benchFile, benchLabels, type Reply } from "./support/api-client";
import { animatedWebp, emptyZip, jpegClaiming, plainJpeg, webpClaiming16k, zeroPng } from "./support/hostile-files";
import { rawHttpStatus } from "./support/raw-http";

/**
 * Issue 21, item 10: hostile input through HTTP against the embedded app (one process; its database on the local
 * PostgreSQL so the rows can be read while it runs). Each case gets its documented status and error type, the
 * process stays up, and nothing is half-stored: no image row or object appears but the ones a case is documented
 * to keep, each of those whole (row, object of the row's size, usage counted), and no object is left without its row.
 */
const MAX_UPLOAD_MB = 1;
const MAX_FILES = 3;

let app: ManagedProcess;
let data: ReturnType<typeof tempDir>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Client;
let base = "";
let port = 0;
const stamp = Date.now().toString(36);
/** ash owns data, gary tries ash's ids, mallory sends the hostile files. */
const c = {} as { ash: ApiClient; gary: ApiClient; mallory: ApiClient; anonymous: ApiClient };
const fx = {} as {
  jwtSecret: string;
  malloryId: string;
  malloryRefresh: string;
  revokedKey: string;
  catalogKey: string;
  writeKey: string;
  ash: { batchId: string; imageId: string; draftId: string; cardId: string; keyId: string; uploadId: string; uploadHeaders: Record<string, string> };
};

const objectsDir = () => path.join(data.dir, "objects");

interface Part {
  name: string;
  value?: string;
  /** `encoded`: the name sent as RFC 5987 `filename*` (percent-encoded UTF-8), so any character gets through. */
  file?: { filename: string; bytes: Buffer; type?: string; encoded?: boolean };
}
/** A multipart body written by hand: parts in any order, any file name, optionally cut before its closing boundary. */
function multipart(parts: Part[], opts: { cut?: boolean } = {}): { body: Buffer; type: string } {
  const boundary = `----hostile${stamp}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const name = p.file?.encoded ? `filename*=UTF-8''${encodeURIComponent(p.file.filename)}` : `filename="${p.file?.filename}"`;
    const disposition = p.file ? `form-data; name="${p.name}"; ${name}` : `form-data; name="${p.name}"`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.file ? `Content-Type: ${p.file.type ?? "image/jpeg"}\r\n` : ""}\r\n`;
    chunks.push(Buffer.from(head, "latin1"), p.file ? p.file.bytes : Buffer.from(p.value ?? ""), Buffer.from("\r\n"));
  }
  if (!opts.cut) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Sends a raw body with mallory's token (or `token`) and reads the JSON answer. */
async function send(method: string, url: string, init: { body?: Buffer | string; type?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? c.mallory.token : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.type) headers["content-type"] = init.type;
  const res = await fetch(base + url, { method, headers, body: typeof init.body === "string" ? init.body : init.body && new Uint8Array(init.body) });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: type.includes("json") ? await res.json() : await res.text(), headers: res.headers };
}
const upload = (parts: Part[], opts?: { cut?: boolean }) => {
  const { body, type } = multipart(parts, opts);
  return send("POST", "/imports/batches?wait=0", { body, type });
};
const oneFile = (filename: string, bytes: Buffer, type = "image/jpeg", encoded = false) =>
  upload([{ name: "subject_type", value: "cards" }, { name: "files", file: { filename, bytes, type, encoded } }]);
const jsonTo = (method: string, url: string, body: string, token?: string | null) => send(method, url, { body, type: "application/json", token });

/** A direct upload of mallory's: prepared for `bytes`, the bytes PUT to the signed URL, then completed. */
async function directUpload(bytes: Buffer, declared: { filename?: string; size?: number; type?: string } = {}): Promise<Reply> {
  const prepared = await c.mallory.request("POST", "/imports/uploads", { filename: declared.filename ?? "direct.jpg", size: declared.size ?? bytes.length, content_type: declared.type ?? "image/jpeg" });
  if (prepared.status !== 201) return prepared;
  const put = await send("PUT", prepared.body.url, { body: bytes, headers: prepared.body.headers, token: null });
  if (put.status !== 200) return put;
  return c.mallory.request("POST", `/imports/uploads/${prepared.body.upload_id}/complete?wait=0`, { subject_type: "cards" });
}

const signed = (claims: object, secret: string, options: jwt.SignOptions) => jwt.sign(claims, secret, { algorithm: "HS256", ...options });
const header = (name: string, size: number) => `${name}: ${"a".repeat(size)}\r\n`;

/** A file kept: 201 once analysed or 202 still processing (`wait=0`: either, by how fast vision is). */
const KEPT = [201, 202] as const;

interface HostileCase {
  name: string;
  send: () => Promise<Reply | { status: number; body?: undefined }>;
  status: number | typeof KEPT;
  /** The error's `type`; none for Node's own answers (431) and for documented acceptances. */
  type?: string;
  /** Images the case is documented to keep, whole (default none). */
  stores?: number;
  /** Further checks on the answer. */
  then?: (reply: Reply) => Promise<void> | void;
}

/**
 * The case table: each hostile request with its documented answer (README "The HTTP API", the OpenAPI document).
 * `stores` is how many images a case keeps; every other case must leave no image row, no draft and no object behind.
 */
const cases: HostileCase[] = [
  // Files: empty, truncated, wrong signatures, polyglots.
  { name: "zero-byte file", send: () => oneFile("empty.jpg", Buffer.alloc(0)), status: 422, type: "VALIDATION_FAILED" },
  { name: "truncated JPEG (first half)", send: async () => oneFile("half.jpg", (await plainJpeg("#a11", 400, 300)).subarray(0, 300)), status: 422, type: "VALIDATION_FAILED" },
  { name: "truncated PNG (no IEND)", send: () => oneFile("cut.png", zeroPng(200, 200).subarray(0, -12), "image/png"), status: 422, type: "VALIDATION_FAILED" },
  { name: "truncated WebP (RIFF longer than the file)", send: async () => oneFile("cut.webp", (await animatedWebp()).subarray(0, 100), "image/webp"), status: 422, type: "VALIDATION_FAILED" },
  { name: "JPEG signature only (3 bytes)", send: () => oneFile("sig.jpg", Buffer.from([0xff, 0xd8, 0xff])), status: 422, type: "VALIDATION_FAILED" },
  { name: "wrong signature: text named .jpg, sent as image/jpeg", send: () => oneFile("notes.jpg", Buffer.from("just some text, not an image\n")), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "wrong signature: HTML with a script named .png", send: () => oneFile("page.png", Buffer.from("<html><script>alert(1)</script></html>"), "image/png"), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "wrong signature: SVG named .webp", send: () => oneFile("x.webp", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "image/webp"), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "wrong signature: GIF named .jpg", send: () => oneFile("x.jpg", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1")), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "wrong signature: ZIP named .jpg", send: () => oneFile("x.jpg", emptyZip()), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "polyglot: PNG signature, JPEG body", send: async () => oneFile("poly.png", Buffer.concat([zeroPng(1, 1).subarray(0, 8), await plainJpeg("#b22")]), "image/png"), status: 422, type: "VALIDATION_FAILED" },
  { name: "polyglot: JPEG magic, then an HTML page", send: () => oneFile("poly.jpg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("<html><script>alert(1)</script></html>"), Buffer.from([0xff, 0xd9])])), status: 422, type: "VALIDATION_FAILED" },
  {
    // Documented: bytes after a JPEG's end marker are allowed and kept (Motion Photos). The file is served back as
    // the JPEG it is, never sniffed into anything else.
    name: "polyglot: JPEG + ZIP + HTML trailer (documented: kept, served as image/jpeg, nosniff)",
    send: async () => oneFile("poly-zip.jpg", Buffer.concat([await plainJpeg("#c33"), emptyZip(), Buffer.from("<script>alert(1)</script>")])),
    status: KEPT,
    stores: 1,
    then: async (reply) => {
      const image = await c.mallory.request("GET", `/imports/images/${reply.body.images[0].id}`);
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toBe("image/jpeg");
      expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    },
  },
  // Decompression bombs and sizes.
  { name: "decompression bomb: 10,000² PNG, 100 MB of zeros in ~100 KB", send: () => oneFile("bomb.png", zeroPng(10_000, 10_000), "image/png"), status: 422, type: "IMAGE_TOO_LARGE" },
  { name: "decompression bomb: JPEG whose header claims 60,000²", send: async () => oneFile("bomb.jpg", await jpegClaiming(60_000, 60_000)), status: 422, type: "IMAGE_TOO_LARGE" },
  { name: "decompression bomb: WebP canvas 16,384²", send: async () => oneFile("bomb.webp", await webpClaiming16k(), "image/webp"), status: 422, type: "IMAGE_TOO_LARGE" },
  {
    name: "decompression bomb under the cap: 7,000² PNG of zeros (kept; its thumbnail decodes it, the process stays up)",
    send: () => oneFile("big-zeros.png", zeroPng(7000, 7000), "image/png"),
    status: KEPT,
    stores: 1,
    then: async (reply) => {
      const thumbnail = await c.mallory.request("GET", `/imports/images/${reply.body.images[0].id}/thumbnail`);
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    },
  },
  {
    name: "a PNG named .jpg and declared image/jpeg: kept as the PNG its bytes say",
    send: async () => oneFile("really-a-png.jpg", await sharp({ create: { width: 30, height: 20, channels: 3, background: "#3a7" } }).png().toBuffer()),
    status: KEPT,
    stores: 1,
    then: (reply) => expect(reply.body.images[0].content_type).toBe("image/png"),
  },
  { name: "animated WebP (3 frames)", send: async () => oneFile("anim.webp", await animatedWebp(), "image/webp"), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  {
    name: `oversized file: MAX_UPLOAD_SIZE_MB (${MAX_UPLOAD_MB}) + 1 byte`,
    send: () => oneFile("big.jpg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_UPLOAD_MB * 1024 * 1024 - 2, 7)])),
    status: 413,
    type: "PAYLOAD_TOO_LARGE",
  },
  { name: "oversized multipart field: a 1 MB subject_type", send: () => upload([{ name: "subject_type", value: "c".repeat(1024 * 1024) }, { name: "files", file: { filename: "a.jpg", bytes: Buffer.from("x") } }]), status: 422, type: "VALIDATION_FAILED" },
  {
    name: `too many files: ${MAX_FILES + 1} (MAX_FILES_PER_BATCH ${MAX_FILES}); the first ${MAX_FILES} kept whole`,
    send: async () => {
      const files = await Promise.all(["#101", "#202", "#303", "#404"].map(async (colour, i) => ({ name: "files", file: { filename: `many-${i}.jpg`, bytes: await plainJpeg(colour) } })));
      return upload([{ name: "subject_type", value: "cards" }, ...files]);
    },
    status: 422,
    type: "VALIDATION_FAILED",
    stores: MAX_FILES,
    then: (reply) => expect(reply.body.error.details.accepted).toHaveLength(MAX_FILES),
  },
  { name: "fields after files: subject_type after the file", send: async () => upload([{ name: "files", file: { filename: "late.jpg", bytes: await plainJpeg("#505") } }, { name: "subject_type", value: "cards" }]), status: 422, type: "VALIDATION_FAILED" },
  { name: "unknown file field", send: async () => upload([{ name: "subject_type", value: "cards" }, { name: "upload", file: { filename: "u.jpg", bytes: await plainJpeg("#606") } }]), status: 422, type: "VALIDATION_FAILED" },
  { name: "no file at all", send: () => upload([{ name: "subject_type", value: "cards" }]), status: 422, type: "VALIDATION_FAILED" },
  {
    name: "part flood: 500 fields, then a file",
    send: async () => upload([{ name: "subject_type", value: "cards" }, ...Array.from({ length: 500 }, (_, i) => ({ name: `f${i}`, value: "x" })), { name: "files", file: { filename: "flood.jpg", bytes: await plainJpeg("#c0c") } }]),
    status: 422,
    type: "VALIDATION_FAILED",
  },
  { name: "multipart cut before its closing boundary", send: async () => upload([{ name: "subject_type", value: "cards" }, { name: "files", file: { filename: "cut.jpg", bytes: (await plainJpeg("#707")).subarray(0, 200) } }], { cut: true }), status: 422, type: "VALIDATION_FAILED" },
  { name: "multipart without a boundary", send: () => send("POST", "/imports/batches", { body: "--x\r\n", type: "multipart/form-data" }), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "JSON instead of multipart on the upload route", send: () => jsonTo("POST", "/imports/batches", '{"subject_type":"cards"}'), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  // Path tricks in file names: the name is a label; the object's key is the image's id.
  {
    name: "path trick in a filename: ../../../../tmp/<x>.jpg (kept under its id, the name without its path)",
    send: async () => oneFile(`../../../../tmp/hostile-${stamp}.jpg`, await plainJpeg("#818")),
    status: KEPT,
    stores: 1,
    then: (reply) => {
      expect(reply.body.images[0].original_filename).toBe(`hostile-${stamp}.jpg`);
      expect(existsSync(`/tmp/hostile-${stamp}.jpg`)).toBe(false);
    },
  },
  {
    name: "path trick in a filename: ..\\..\\windows\\<x>.jpg",
    send: async () => oneFile(`..\\..\\windows\\hostile-${stamp}.jpg`, await plainJpeg("#929")),
    status: KEPT,
    stores: 1,
    then: (reply) => expect(reply.body.images[0].original_filename).not.toMatch(/\.\.[\\/]/),
  },
  {
    name: "NUL, CR, LF and a right-to-left override in a filename (RFC 5987 filename*): kept without them",
    send: async () => oneFile("nul\u0000cr\rlf\n\u202egpj.exe", await plainJpeg("#a3a"), "image/jpeg", true),
    status: KEPT,
    stores: 1,
    then: (reply) => expect(reply.body.images[0].original_filename).toBe("nulcrlfgpj.exe"),
  },
  { name: "raw CR LF inside a part's filename header", send: async () => oneFile("a\r\nContent-Type: text/html\r\n.jpg", await plainJpeg("#a4a")), status: 422, type: "VALIDATION_FAILED" },
  {
    name: "a 10,000-character filename: kept cut to 255 characters",
    send: async () => oneFile(`${"n".repeat(10_000)}.jpg`, await plainJpeg("#b4b")),
    status: KEPT,
    stores: 1,
    then: (reply) => expect(reply.body.images[0].original_filename).toMatch(/^n{251}\.jpg$/),
  },
  {
    name: "direct upload: CR, LF and a right-to-left override in the filename: kept without them",
    send: () => c.mallory.request("POST", "/imports/uploads", { filename: "a\r\nb\u202egpj.exe", size: 10, content_type: "image/jpeg" }),
    status: 201,
    then: async (reply) => expect((await c.mallory.request("GET", `/imports/uploads/${reply.body.upload_id}`)).body.filename).toBe("abgpj.exe"),
  },
  { name: "direct upload: a filename of control characters only", send: () => c.mallory.request("POST", "/imports/uploads", { filename: "\u0007\r\n", size: 10, content_type: "image/jpeg" }), status: 422, type: "VALIDATION_FAILED" },
  { name: "direct upload: filename ../../etc/passwd, then the bytes of a text file", send: () => directUpload(Buffer.from("root:x:0:0:root:/root:/bin/bash\n"), { filename: "../../etc/passwd" }), status: 415, type: "UNSUPPORTED_MEDIA_TYPE" },
  { name: "direct upload: a decompression bomb completed", send: () => directUpload(zeroPng(10_000, 10_000), { type: "image/png" }), status: 422, type: "IMAGE_TOO_LARGE" },
  { name: "direct upload: fewer bytes than declared", send: async () => directUpload(await plainJpeg("#c5c"), { size: 5000 }), status: 422, type: "VALIDATION_FAILED" },
  {
    name: "direct upload: tampered signature",
    send: async () => {
      const prepared = await c.mallory.request("POST", "/imports/uploads", { filename: "t.jpg", size: 3, content_type: "image/jpeg" });
      return send("PUT", prepared.body.url.replace(/signature=[^&]+/, "signature=AAAA"), { body: Buffer.from([0xff, 0xd8, 0xff]), headers: prepared.body.headers, token: null });
    },
    status: 403,
    type: "FORBIDDEN",
  },
  // JSON bodies.
  { name: "bad JSON: cut object", send: () => jsonTo("POST", "/imports/uploads", '{"filename": "a.jpg", "size":'), status: 400, type: "MALFORMED_REQUEST" },
  { name: "bad JSON on a public route (login)", send: () => jsonTo("POST", "/auth/login", "{'email': nope}", null), status: 400, type: "MALFORMED_REQUEST" },
  { name: "huge JSON: 200 KB (route limit 64 KB)", send: () => jsonTo("POST", "/imports/uploads", JSON.stringify({ filename: "a.jpg", size: 1, content_type: "image/jpeg", pad: "p".repeat(200_000) })), status: 413, type: "PAYLOAD_TOO_LARGE" },
  { name: "huge JSON: 20 KB login (route limit 16 KB)", send: () => jsonTo("POST", "/auth/login", JSON.stringify({ email: `${"e".repeat(20_000)}@x.io`, password: "x" }), null), status: 413, type: "PAYLOAD_TOO_LARGE" },
  {
    name: "JSON bomb: 10 MB of JSON gzipped to ~10 KB (Content-Encoding: gzip)",
    send: () => send("POST", "/imports/uploads", { body: gzipSync(JSON.stringify({ filename: "a.jpg", pad: " ".repeat(10_000_000) })), type: "application/json", headers: { "content-encoding": "gzip" } }),
    status: 413,
    type: "PAYLOAD_TOO_LARGE",
  },
  { name: "JSON nested 5,000 deep", send: () => jsonTo("POST", "/imports/uploads", `${"[".repeat(5000)}${"]".repeat(5000)}`), status: 422, type: "VALIDATION_FAILED" },
  { name: "JSON with wrong types (size 1e308, filename an object)", send: () => jsonTo("POST", "/imports/uploads", '{"filename": {"a": 1}, "size": 1e308, "content_type": "image/jpeg"}'), status: 422, type: "VALIDATION_FAILED" },
  { name: "JSON __proto__ keys", send: () => jsonTo("POST", "/imports/uploads", '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'), status: 422, type: "VALIDATION_FAILED" },
  // NUL characters, which PostgreSQL text cannot hold, and numbers it cannot take.
  { name: "NUL in a JSON string (register's email)", send: () => jsonTo("POST", "/auth/register", JSON.stringify({ email: "a\u0000b@x.io", password: "correct horse battery" }), null), status: 422, type: "VALIDATION_FAILED" },
  { name: "NUL in a JSON string (an API key's name)", send: () => jsonTo("POST", "/auth/api-keys", JSON.stringify({ name: "k\u0000", scopes: ["imports:read"] })), status: 422, type: "VALIDATION_FAILED" },
  { name: "NUL in a JSON key", send: () => jsonTo("PATCH", `/collection/cards/${randomUUID()}`, JSON.stringify({ "notes\u0000": "x" })), status: 422, type: "VALIDATION_FAILED" },
  { name: "NUL in query filters (collection name, set, condition)", send: () => send("GET", "/collection/cards?name=%00&set=%00&condition=%00"), status: 422, type: "VALIDATION_FAILED" },
  { name: "NUL in a path id (draft)", send: () => send("GET", "/imports/drafts/%00"), status: 422, type: "VALIDATION_FAILED" },
  { name: "page 99999999999999999999", send: () => send("GET", "/imports/batches?page=99999999999999999999"), status: 422, type: "VALIDATION_FAILED" },
  // Tokens.
  { name: "no credentials", send: () => send("GET", "/imports/batches", { token: null }), status: 401, type: "UNAUTHORIZED" },
  { name: "forged token (another secret)", send: () => send("GET", "/imports/batches", { token: signed({ typ: "access", email: "m@x.io" }, "another secret of 32+ characters, not ours", { subject: fx.malloryId, expiresIn: 600 }) }), status: 401, type: "UNAUTHORIZED" },
  { name: 'forged token (alg "none")', send: () => send("GET", "/imports/batches", { token: jwt.sign({ typ: "access", sub: fx.malloryId }, "", { algorithm: "none" }) }), status: 401, type: "UNAUTHORIZED" },
  { name: "expired token (our secret, exp in the past)", send: () => send("GET", "/imports/batches", { token: signed({ typ: "access", email: "m@x.io", exp: Math.floor(Date.now() / 1000) - 60 }, fx.jwtSecret, { subject: fx.malloryId }) }), status: 401, type: "UNAUTHORIZED" },
  { name: "wrong-kind token: a refresh token as the bearer", send: () => send("GET", "/imports/batches", { token: fx.malloryRefresh }), status: 401, type: "UNAUTHORIZED" },
  { name: "wrong-kind token: an access token to /auth/refresh", send: () => jsonTo("POST", "/auth/refresh", JSON.stringify({ refresh_token: c.mallory.token }), null), status: 401, type: "UNAUTHORIZED" },
  { name: "valid signature, unknown user id", send: () => send("GET", "/imports/batches", { token: signed({ typ: "access", email: "ghost@x.io" }, fx.jwtSecret, { subject: randomUUID(), expiresIn: 600 }) }), status: 401, type: "UNAUTHORIZED" },
  { name: "valid signature, a subject that is not an id", send: () => send("GET", "/imports/batches", { token: signed({ typ: "access", email: "m@x.io" }, fx.jwtSecret, { subject: "' OR 1=1 --", expiresIn: 600 }) }), status: 401, type: "UNAUTHORIZED" },
  { name: "garbage bearer", send: () => send("GET", "/imports/batches", { token: "a.b.c" }), status: 401, type: "UNAUTHORIZED" },
  // API keys.
  { name: "revoked API key", send: () => send("GET", "/imports/batches", { token: fx.revokedKey }), status: 401, type: "UNAUTHORIZED" },
  { name: "unknown API key", send: () => send("GET", "/imports/batches", { token: `pkv_${"0".repeat(43)}`, headers: {} }), status: 401, type: "UNAUTHORIZED" },
  { name: "API key without the route's scope (catalog:read uploading)", send: async () => send("POST", "/imports/batches", { token: fx.catalogKey, ...multipart([{ name: "subject_type", value: "cards" }, { name: "files", file: { filename: "k.jpg", bytes: await plainJpeg("#d6d") } }]) }), status: 403, type: "FORBIDDEN" },
  { name: "API key managing API keys", send: () => send("POST", "/auth/api-keys", { token: fx.writeKey, body: JSON.stringify({ name: "escalate", scopes: ["collection:write"] }), type: "application/json" }), status: 403, type: "FORBIDDEN" },
  { name: "API key on an admin route", send: () => send("GET", "/admin/users", { token: fx.writeKey }), status: 403, type: "FORBIDDEN" },
  // Ids and paths.
  { name: "an id that is not a uuid (image)", send: () => send("GET", "/imports/images/not-a-uuid"), status: 404, type: "NOT_FOUND" },
  { name: "an id that is SQL (draft)", send: () => send("GET", `/imports/drafts/${encodeURIComponent("1' OR '1'='1")}`), status: 404, type: "NOT_FOUND" },
  { name: "an id that is not a uuid (API key)", send: () => send("DELETE", "/auth/api-keys/42"), status: 404, type: "NOT_FOUND" },
  { name: "an id that is not a uuid (collection card)", send: () => jsonTo("PATCH", "/collection/cards/-1", '{"quantity": 2}'), status: 404, type: "NOT_FOUND" },
  { name: "an id that is not a uuid (upload session)", send: () => send("GET", "/imports/uploads/..%2F..%2Fjwt-secret"), status: 404, type: "NOT_FOUND" },
  {
    name: "path trick: raw dot segments, /imports/images/../../../etc/passwd",
    send: async () => ({ status: await rawHttpStatus(port, `GET /imports/images/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${c.mallory.token}\r\nConnection: close\r\n\r\n`) }),
    status: 404,
  },
  { name: "path trick: /docs/..%2F..%2F..%2Fpackage.json", send: () => send("GET", "/docs/..%2F..%2F..%2Fpackage.json", { token: null }), status: 404, type: "NOT_FOUND" },
  // Header floods: Node's HTTP parser answers before any route runs.
  { name: "header flood: 1,000 headers of 40 bytes", send: async () => ({ status: await rawHttpStatus(port, `GET /health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 1000 }, (_, i) => header(`x-h${i}`, 30)).join("")}\r\n`) }), status: 431 },
  { name: "header flood: one 64 KB header", send: async () => ({ status: await rawHttpStatus(port, `GET /health HTTP/1.1\r\nHost: x\r\n${header("x-big", 64 * 1024)}\r\n`) }), status: 431 },
  { name: "header flood: a 64 KB URL", send: async () => ({ status: await rawHttpStatus(port, `GET /imports/images/${"a".repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`) }), status: 431 },
];

/** What mallory has stored: image rows (with their objects' sizes), the images drafts were made of, the usage counters. */
async function storedByMallory() {
  const images = (await sql.query("SELECT id, status, object_key, size_bytes FROM analysis_images WHERE user_id = $1", [fx.malloryId])).rows;
  const drafts = (await sql.query("SELECT image_id FROM card_drafts WHERE user_id = $1", [fx.malloryId])).rows.map((r) => r.image_id);
  const usage = (await c.mallory.request("GET", "/me/usage")).body;
  return { images, drafts, usage };
}

/** Every object key in the store. */
async function objectKeys(): Promise<string[]> {
  const entries = await readdir(objectsDir(), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(objectsDir(), path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** Objects with no row: an original, crop or thumbnail of no image, or a staged upload of no open session. */
async function orphanObjects(): Promise<string[]> {
  const images = new Set((await sql.query("SELECT id FROM analysis_images WHERE status <> 'expired'")).rows.map((r) => r.id));
  const open = new Set((await sql.query("SELECT id FROM upload_sessions WHERE status IN ('pending', 'uploaded')")).rows.map((r) => r.id));
  return (await objectKeys()).filter((key) => {
    const [prefix, id] = key.split("/");
    if (prefix === "uploads") return !open.has(id);
    if (["originals", "crops", "thumbnails"].includes(prefix)) return !images.has(id);
    return false;
  });
}

beforeAll(async () => {
  data = tempDir("pv-hostile-");
  db = await createTestDatabase("pv_hostile");
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = embeddedEnv(data.dir, port, { DATABASE_URL: db.url, MAX_UPLOAD_SIZE_MB: String(MAX_UPLOAD_MB), MAX_FILES_PER_BATCH: String(MAX_FILES) });
  app = startEmbedded(env);
  await waitUntil("the embedded app ready", async () => (await fetch(`${base}/ready`)).status === 200, 240_000, [app]);
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  fx.jwtSecret = readFileSync(path.join(data.dir, "jwt-secret"), "utf8").trim();

  for (const name of ["ash", "gary", "mallory"] as const) {
    c[name] = new ApiClient(base);
    await c[name].signUp(`${name}.hostile.${stamp}@example.com`);
  }
  c.anonymous = new ApiClient(base);
  const login = await c.anonymous.request("POST", "/auth/login", { email: `mallory.hostile.${stamp}@example.com`, password: "correct horse battery" });
  fx.malloryRefresh = login.body.refresh_token;
  fx.malloryId = (jwt.decode(c.mallory.token!) as jwt.JwtPayload).sub!;
  const key = async (scopes: string[]) => (await c.mallory.request("POST", "/auth/api-keys", { name: scopes.join(" "), scopes })).body;
  const revoked = await key(["imports:read"]);
  expect((await c.mallory.request("DELETE", `/auth/api-keys/${revoked.id}`)).status).toBe(204);
  fx.revokedKey = revoked.key;
  fx.catalogKey = (await key(["catalog:read"])).key;
  fx.writeKey = (await key(["imports:read", "imports:write"])).key;

  // Ash's things, one for every route with an id: an analysed scan (batch, image, crop, draft), a card, a key, an upload.
  const label = benchLabels(benchCardsDir).find((l) => l.kind === "scan" && l.card_id)!;
  const batch = await c.ash.upload([benchFile(benchCardsDir, label.file)], "cards", 120);
  expect(batch.status, JSON.stringify(batch.body)).toBe(201);
  const draft = batch.body.drafts[0];
  const [setCode, number] = [label.card_id!.replace(/-[^-]+$/, ""), label.card_id!.replace(/^.*-/, "")];
  const csv = await send("POST", "/collection/import", { token: c.ash.token, body: `set_code,number\n${setCode},${number}\n`, type: "text/csv" });
  expect(csv.body).toMatchObject({ imported: 1 });
  const cards = await c.ash.request("GET", "/collection/cards");
  const ashKey = await c.ash.request("POST", "/auth/api-keys", { name: "ash's script", scopes: ["imports:read"] });
  const prepared = await c.ash.request("POST", "/imports/uploads", { filename: "ash.jpg", size: 3, content_type: "image/jpeg" });
  fx.ash = {
    batchId: batch.body.batch_id,
    imageId: draft.image_id,
    draftId: draft.id,
    cardId: cards.body.items[0].id,
    keyId: ashKey.body.id,
    uploadId: prepared.body.upload_id,
    uploadHeaders: prepared.body.headers,
  };
}, 400_000);

afterAll(async () => {
  await sql?.end();
  await app?.stop();
  await db?.drop();
  data?.remove();
});

describe(`hostile input (${cases.length} cases): the documented 4xx, the process up, nothing half-stored`, () => {
  it.each(cases.map((k, i) => [`${String(i + 1).padStart(2, "0")}. ${k.name}`, k] as const))("%s", async (_name, k) => {
    const before = await storedByMallory();
    const keysBefore = new Set(await objectKeys());
    const reply = await k.send();
    const shown = JSON.stringify(reply.body)?.slice(0, 500);
    expect(typeof k.status === "number" ? [k.status] : k.status, shown).toContain(reply.status);
    if (k.type) expect(reply.body?.error, shown).toMatchObject({ status: reply.status, type: k.type, message: expect.any(String) });
    if (k.then) await k.then(reply as Reply);

    expect((await fetch(`${base}/health`)).status, app.logs()).toBe(200);
    expect(app.running, app.logs()).toBe(true);

    const after = await storedByMallory();
    const known = new Set(before.images.map((r) => r.id));
    const added = after.images.filter((r) => !known.has(r.id));
    expect(added, "image rows added").toHaveLength(k.stores ?? 0);
    for (const row of added) {
      expect(row.status).not.toBe("failed");
      expect((await stat(path.join(objectsDir(), row.object_key))).size).toBe(row.size_bytes);
    }
    expect(after.usage.images_today - before.usage.images_today).toBe(added.length);
    expect(after.usage.stored_bytes - before.usage.stored_bytes).toBe(added.reduce((sum, r) => sum + r.size_bytes, 0));
    if (!k.stores) {
      // Drafts of the images kept by earlier cases may still arrive; none may be of another image.
      expect(after.drafts.filter((imageId) => !known.has(imageId)), "drafts of new images").toEqual([]);
      const newKeys = (await objectKeys()).filter((key) => !keysBefore.has(key) && !known.has(key.split("/")[1]) && !key.startsWith("exports/"));
      expect(newKeys, "objects added").toEqual([]);
    }
    expect(await orphanObjects(), "objects without their row").toEqual([]);
  });
});

/**
 * "Another user's ids on every route": every route of the OpenAPI document with a path parameter is listed here,
 * either as ash's (gary must get 404, exactly as for an id that does not exist) or with why it is no one's.
 */
type Ids = NonNullable<typeof fx.ash>;
const OWNED: Record<string, (ids: Ids) => { url: string; body?: unknown }> = {
  "DELETE /auth/api-keys/{id}": (a) => ({ url: `/auth/api-keys/${a.keyId}` }),
  "GET /imports/uploads/{id}": (a) => ({ url: `/imports/uploads/${a.uploadId}` }),
  "POST /imports/uploads/{id}/complete": (a) => ({ url: `/imports/uploads/${a.uploadId}/complete`, body: { subject_type: "cards" } }),
  "GET /imports/images/{id}": (a) => ({ url: `/imports/images/${a.imageId}` }),
  "GET /imports/images/{id}/thumbnail": (a) => ({ url: `/imports/images/${a.imageId}/thumbnail` }),
  "GET /imports/images/{id}/cards/{index}": (a) => ({ url: `/imports/images/${a.imageId}/cards/0` }),
  "GET /imports/images/{id}/cards/{index}/thumbnail": (a) => ({ url: `/imports/images/${a.imageId}/cards/0/thumbnail` }),
  "GET /imports/batches/{id}": (a) => ({ url: `/imports/batches/${a.batchId}` }),
  "GET /imports/batches/{id}/events": (a) => ({ url: `/imports/batches/${a.batchId}/events` }),
  "GET /imports/drafts/{id}": (a) => ({ url: `/imports/drafts/${a.draftId}` }),
  "POST /imports/drafts/{id}/select": (a) => ({ url: `/imports/drafts/${a.draftId}/select`, body: { card_id: "sv3-51", quantity: 1, condition: "near_mint" } }),
  "PATCH /collection/cards/{id}": (a) => ({ url: `/collection/cards/${a.cardId}`, body: { quantity: 99 } }),
  "DELETE /collection/cards/{id}": (a) => ({ url: `/collection/cards/${a.cardId}` }),
};
/**
 * Routes with a path parameter that names nothing of a user's: why, and for those that still take ash's ids, what gary
 * gets there with them.
 */
const NOT_OWNED: Record<string, { why: string; probe?: (ids: Ids) => Promise<Reply>; answer?: { status: number; type: string } }> = {
  "PATCH /admin/users/{id}": { why: "admins only", probe: () => c.gary.request("PATCH", `/admin/users/${fx.malloryId}`, { disabled: true }), answer: { status: 403, type: "FORBIDDEN" } },
  "DELETE /admin/api-keys/{id}": { why: "admins only", probe: (a) => c.gary.request("DELETE", `/admin/api-keys/${a.keyId}`), answer: { status: 403, type: "FORBIDDEN" } },
  "PUT /imports/uploads/{id}/content": {
    why: "no bearer: the URL's signature is the credential; ash's id with the signature of gary's own session is refused",
    probe: async (a) => {
      const own = await c.gary.request("POST", "/imports/uploads", { filename: "g.jpg", size: 3, content_type: "image/jpeg" });
      const { search } = new URL(own.body.url, base);
      return send("PUT", `/imports/uploads/${a.uploadId}/content${search}`, { body: Buffer.from([0xff, 0xd8, 0xff]), headers: a.uploadHeaders, token: null });
    },
    answer: { status: 403, type: "FORBIDDEN" },
  },
  "GET /collection/master-sets/{set_id}/missing": { why: "a catalog set: the same for everyone" },
  "GET /catalog/sets/{id}": { why: "the shared catalog" },
  "GET /catalog/cards/{id}": { why: "the shared catalog" },
  "GET /docs/{file}": { why: "Swagger UI's public files" },
  "GET /assets/{file}": { why: "the web app's public files" },
};

describe("another user's ids on every route with an id", () => {
  it("lists every OpenAPI route with a path parameter, as ash's or as no one's", async () => {
    const doc = (await c.anonymous.request("GET", "/openapi.json")).body;
    const withIds = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([p]) => p.includes("{"))
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
    expect(withIds.length).toBeGreaterThan(15);
    const uncovered = withIds.filter((route) => !(route in OWNED) && !(route in NOT_OWNED));
    expect(uncovered, "routes with an id that this suite does not try with another user's ids").toEqual([]);
    expect([...Object.keys(OWNED), ...Object.keys(NOT_OWNED)].filter((r) => !withIds.includes(r)), "listed routes the document lacks").toEqual([]);
  });

  it("answers ash's ids to ash (they are real)", async () => {
    for (const [route, make] of Object.entries(OWNED).filter(([r]) => r.startsWith("GET "))) {
      const { url } = make(fx.ash);
      const res = route.endsWith("/events") ? await fetch(base + url, { headers: { authorization: `Bearer ${c.ash.token}` } }) : null;
      if (res) await res.body?.cancel();
      expect(res ? res.status : (await c.ash.request("GET", url)).status, route).toBe(200);
    }
  });

  it.each(Object.keys(OWNED))("%s with ash's id → 404 NOT_FOUND for gary", async (route) => {
    const method = route.split(" ")[0];
    const { url, body } = OWNED[route](fx.ash);
    const reply = await c.gary.request(method, url, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(404);
    expect(reply.body.error).toMatchObject({ status: 404, type: "NOT_FOUND" });
    // The same answer as for an id that exists nowhere: nothing tells gary the id is someone's.
    const missing = await c.gary.request(method, url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, randomUUID()), body);
    expect(missing.body).toEqual(reply.body);
  });

  it.each(Object.keys(NOT_OWNED).filter((r) => NOT_OWNED[r].probe))("%s with ash's ids → its documented refusal for gary", async (route) => {
    const { probe, answer } = NOT_OWNED[route];
    const reply = await probe!(fx.ash);
    expect({ status: reply.status, type: reply.body?.error?.type }, JSON.stringify(reply.body)).toEqual(answer);
  });

  it("refuses ash's batch id in gary's body (a direct upload completed into it) with 404, and keeps gary's upload open", async () => {
    const bytes = await plainJpeg("#e7e");
    const prepared = await c.gary.request("POST", "/imports/uploads", { filename: "g.jpg", size: bytes.length, content_type: "image/jpeg" });
    expect((await send("PUT", prepared.body.url, { body: bytes, headers: prepared.body.headers, token: null })).status).toBe(200);
    const images = (await c.ash.request("GET", `/imports/batches/${fx.ash.batchId}`)).body.images.length;
    const reply = await c.gary.request("POST", `/imports/uploads/${prepared.body.upload_id}/complete?wait=0`, { subject_type: "cards", batch_id: fx.ash.batchId });
    expect(reply.status, JSON.stringify(reply.body)).toBe(404);
    expect(reply.body.error.type).toBe("NOT_FOUND");
    expect((await c.gary.request("GET", `/imports/uploads/${prepared.body.upload_id}`)).body.status).toBe("uploaded");
    expect((await c.ash.request("GET", `/imports/batches/${fx.ash.batchId}`)).body.images).toHaveLength(images);
    expect((await sql.query("SELECT count(*) FROM analysis_images WHERE batch_id = $1", [fx.ash.batchId])).rows[0].count).toBe(String(images));
  });

  it("left ash's things as they were", async () => {
    expect((await c.ash.request("GET", `/imports/drafts/${fx.ash.draftId}`)).body.status).toBe("awaiting_validation");
    expect((await c.ash.request("GET", "/collection/cards")).body.items).toEqual([expect.objectContaining({ id: fx.ash.cardId, quantity: 1 })]);
    expect((await c.ash.request("GET", "/auth/api-keys")).body).toEqual([expect.objectContaining({ id: fx.ash.keyId, revoked_at: null })]);
    expect((await c.ash.request("GET", `/imports/uploads/${fx.ash.uploadId}`)).body.status).toBe("pending");
    expect((await c.ash.request("GET", `/imports/images/${fx.ash.imageId}`)).status).toBe(200);
    expect(app.running, app.logs()).toBe(true);
  });
});
