import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { connect } from "nats";
import { Channels, Groups } from "@poke-ventory/contracts";
import { PIPELINE_TOPOLOGY, streamName } from "@poke-ventory/runtime";
import { createTestDatabase, repoRoot, tempDir, testInfra, uniqueName } from "@poke-ventory/testing";
import { ManagedProcess, freePort, waitUntil } from "../e2e/support/processes";

/**
 * One service as its own process, as Kubernetes runs it: `--migrate` applies its migrations and exits; started, it
 * answers /live and /ready on HEALTH_PORT (its own ready action and database) and the channel metrics on METRICS_PORT.
 */
const main = path.join(repoRoot, "services/collection/src/main.ts");
const node = (args: string[]) => [process.execPath, ["--import", "tsx", "--conditions=source", main, ...args]] as const;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let out: ReturnType<typeof tempDir>;
let proc: ManagedProcess;
let env: NodeJS.ProcessEnv;
let health = "";
let metrics = "";

beforeAll(async () => {
  db = await createTestDatabase("pv_health");
  out = tempDir("pv-health-");
  const [healthPort, metricsPort] = [await freePort(), await freePort()];
  health = `http://127.0.0.1:${healthPort}`;
  metrics = `http://127.0.0.1:${metricsPort}/metrics`;
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: db.url,
    NATS_URL: testInfra.natsUrl,
    NAMESPACE: uniqueName("pv-health").toLowerCase().replace(/_/g, "-"),
    ANALYSIS_OUTPUT_DIR: out.dir,
    HEALTH_PORT: String(healthPort),
    METRICS_PORT: String(metricsPort),
    LOG_LEVEL: "warn",
  };
}, 60_000);

afterAll(async () => {
  await proc?.stop();
  await db?.drop();
  out?.remove();
  const nc = await connect({ servers: new URL(testInfra.natsUrl).host });
  const jsm = await nc.jetstreamManager();
  for (const { channel } of PIPELINE_TOPOLOGY) await jsm.streams.delete(streamName(`${env.NAMESPACE}.${channel}`)).catch(() => undefined);
  await nc.close();
});

describe("a service process's probes", () => {
  it("--migrate applies the service's migrations and exits 0", () => {
    const [cmd, args] = node(["--migrate"]);
    const run = spawnSync(cmd, args, { env: { PATH: env.PATH, HOME: env.HOME, DATABASE_URL: db.url }, cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("collection: migrations applied");
  });

  it("answers /live and /ready on HEALTH_PORT and the channel metrics on METRICS_PORT", async () => {
    const [cmd, args] = node([]);
    proc = new ManagedProcess("collection", cmd, [...args], env, repoRoot);
    await waitUntil("collection ready", async () => (await fetch(`${health}/ready`)).status === 200, 60_000, [proc]);
    expect((await fetch(`${health}/live`)).status).toBe(200);
    expect(await (await fetch(`${health}/ready`)).json()).toEqual({ status: "ok" });
    const text = await (await fetch(metrics)).text();
    expect(text).toMatch(new RegExp(`pipeline_consumer_pending\\{[^}]*channel="${Channels.cardsMatched}",group="${Groups.collection}"\\} 0`));
  });

  it("exits 0 on SIGTERM and closes its health port", async () => {
    await proc.stop(10_000);
    expect(proc.exitCode).toBe(0);
    await expect(fetch(`${health}/live`)).rejects.toThrow();
  });
});
