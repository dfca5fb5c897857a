import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ServiceBroker } from "moleculer";
import { Actions } from "@poke-ventory/contracts";
import { createBroker } from "@poke-ventory/runtime";
import { repoRoot, testInfra, uniqueName } from "@poke-ventory/testing";
import { readerSchemas } from "./support/rpc-node";

/**
 * A node killed with SIGKILL (no goodbye on NATS): callers notice within seconds, idempotent reads that were
 * sent to it are answered by the other instance, and writes are not repeated.
 */
const namespace = uniqueName("pv-rpc").toLowerCase().replace(/_/g, "-");
let survivor: ServiceBroker;
let caller: ServiceBroker;
let victim: ChildProcess;

beforeAll(async () => {
  survivor = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "survivor", logger: false });
  readerSchemas("survivor").forEach((schema) => survivor.createService(schema));
  caller = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "caller", logger: false, requestTimeoutMs: 30_000 });
  await Promise.all([survivor.start(), caller.start()]);
  victim = spawn(process.execPath, ["--import", "tsx", "--conditions=source", path.join(__dirname, "support/rpc-node.ts"), testInfra.natsUrl, namespace, "victim"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    victim.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("started") && resolve());
    victim.once("exit", (code) => reject(new Error(`the victim node exited (${code})`)));
  });
  const deadline = Date.now() + 20_000;
  while (caller.registry.getActionEndpoints(Actions.matching.getSet)?.count() !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(caller.registry.getActionEndpoints(Actions.matching.getSet)?.count()).toBe(2);
}, 60_000);

afterAll(async () => {
  if (victim.exitCode === null) victim.kill("SIGKILL");
  await Promise.all([survivor?.stop(), caller?.stop()]);
});

describe("RPC when a node dies", () => {
  it("answers idempotent reads from the live node within seconds, and never repeats a write", async () => {
    victim.kill("SIGKILL");
    await new Promise((r) => victim.once("exit", r));
    const started = Date.now();
    const reads = Array.from({ length: 6 }, () => caller.call<{ nodeId: string }, object>(Actions.matching.getSet, { id: "x" }));
    const writes = Array.from({ length: 4 }, () => caller.call<{ nodeId: string }, object>(Actions.collection.selectDraft, {}).then((r) => r.nodeId, () => "failed"));
    const answers = await Promise.all(reads);
    const readSeconds = (Date.now() - started) / 1000;
    expect(answers.map((a) => a.nodeId)).toEqual(Array(6).fill("survivor"));
    // Heartbeat timeout 6 s, checked every 6 s: the dead node is dropped after 6 to 12 s, not 30 to 45.
    expect(readSeconds).toBeLessThan(15);
    const written = await Promise.all(writes);
    // Round robin sent some writes to the dead node: they fail instead of being sent twice.
    expect(written.filter((w) => w === "failed").length).toBeGreaterThan(0);
    expect(written.filter((w) => w === "survivor").length).toBeGreaterThan(0);
    expect(caller.registry.getActionEndpoints(Actions.matching.getSet)?.count()).toBe(1);
    console.log(`reads answered by the live node ${readSeconds.toFixed(1)} s after the kill`);
  }, 40_000);
});
