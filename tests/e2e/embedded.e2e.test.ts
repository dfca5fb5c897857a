import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { tempDir } from "@poke-ventory/testing";
import { embeddedEnv, startEmbedded } from "./support/embedded-app";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { collectorWalk } from "./support/collector-walk";

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

  it("generated a JWT secret in the data folder and kept running", async () => {
    const { existsSync } = await import("node:fs");
    expect(existsSync(path.join(data.dir, "jwt-secret"))).toBe(true);
    expect(app.running, app.logs()).toBe(true);
  });
});
