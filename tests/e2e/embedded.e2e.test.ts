import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { repoRoot, tempDir } from "@poke-ventory/testing";
import { embeddedEnv, startEmbedded } from "./support/embedded-app";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { collectorWalk } from "./support/collector-walk";
import { ApiClient } from "./support/api-client";

const MAX_UPLOAD_MB = 3;
let app: ManagedProcess;
let data: ReturnType<typeof tempDir>;
let base = "";
let env: NodeJS.ProcessEnv = {};

const startApp = () => startEmbedded(env);

beforeAll(async () => {
  data = tempDir("pv-embedded-");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = embeddedEnv(data.dir, port, { MAX_UPLOAD_SIZE_MB: String(MAX_UPLOAD_MB) });
  app = startApp();
  await waitUntil("the embedded app ready", async () => (await fetch(`${base}/ready`)).status === 200, 240_000, [app]);
}, 300_000);

afterAll(async () => {
  await app?.stop();
  data?.remove();
});

describe("embedded: one process, PGlite, local files, in-process channels", () => {
  const walk = collectorWalk(() => base, { maxUploadMb: MAX_UPLOAD_MB });

  it("keeps sign-ins, drafts and unexpired images across a restart", async () => {
    await app.stop();
    app = startApp();
    await waitUntil("the embedded app back", async () => (await fetch(`${base}/ready`)).status === 200, 120_000, [app]);
    const draft = await walk.ash.request("GET", `/imports/drafts/${walk.draft.id}`);
    expect(draft).toMatchObject({ status: 200, body: { status: "validated" } });
    const image = await walk.ash.request("GET", walk.draft.image_url);
    expect(image.status).toBe(200);
  });

  it("kept the validated card as an ML example with its crop, and export:ml assembles the dataset", async () => {
    const { execFile } = await import("node:child_process");
    const { readFile, readdir } = await import("node:fs/promises");
    const { promisify } = await import("node:util");
    const exportsDir = path.join(data.dir, "objects", "exports");
    const [day] = await readdir(exportsDir);
    expect((await readdir(path.join(exportsDir, day))).sort()).toEqual([`${walk.draft.id}.jpg`, `${walk.draft.id}.jsonl`]);
    const out = path.join(data.dir, "dataset");
    await promisify(execFile)("npm", ["run", "--silent", "export:ml", "--", "--out", out], { cwd: repoRoot, env: { ...env, OBJECT_STORE_DIR: path.join(data.dir, "objects") } });
    const labels = (await readFile(path.join(out, "labels.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(labels).toEqual([expect.objectContaining({ draft_id: walk.draft.id, image_id: walk.draft.image_id, crop_file: `crops/${walk.draft.id}.jpg` })]);
    expect(labels[0].candidates.map((c: { card_id: string }) => c.card_id)).toContain(labels[0].chosen_card_id);
    expect((await readFile(path.join(out, "crops", `${walk.draft.id}.jpg`))).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it("takes a direct upload through the HMAC-signed gateway URL, and counts it in /me/usage", async () => {
    const sharp = (await import("sharp")).default;
    const bytes = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#345" } }).jpeg().toBuffer();
    const client = new ApiClient(base);
    await client.signUp(`direct.${Date.now()}@example.com`);
    const prepared = await client.request("POST", "/imports/uploads", { filename: "direct.jpg", size: bytes.length, content_type: "image/jpeg" });
    expect(prepared.status).toBe(201);
    const tampered = prepared.body.url.replace(/signature=(.)/, (_m: string, c: string) => `signature=${c === "A" ? "B" : "A"}`);
    const put = (url: string) => new ApiClient(base).request("PUT", url, { type: prepared.body.headers["Content-Type"], bytes });
    expect((await put(tampered)).status).toBe(403);
    expect((await put(prepared.body.url)).status).toBe(200);
    const completed = await client.request("POST", `/imports/uploads/${prepared.body.upload_id}/complete?wait=0`, { subject_type: "cards" });
    expect([201, 202]).toContain(completed.status);
    expect(completed.body.images).toEqual([expect.objectContaining({ original_filename: "direct.jpg", size_bytes: bytes.length })]);
    const usage = await client.request("GET", "/me/usage");
    expect(usage.body).toEqual({ images_today: 1, stored_bytes: bytes.length, quota: { images_per_day: 1000, storage_mb: 5120 } });
  });

  it("generated a JWT secret and an upload signing key in the data folder and kept running", async () => {
    const { existsSync } = await import("node:fs");
    expect(existsSync(path.join(data.dir, "jwt-secret"))).toBe(true);
    expect(existsSync(path.join(data.dir, "upload-signing-secret"))).toBe(true);
    expect(app.running, app.logs()).toBe(true);
  });
});
