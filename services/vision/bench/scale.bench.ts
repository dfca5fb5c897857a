/**
 * `npm run bench:scale -- [--out FILE] [--images N]`: one backlog of scans analysed by one vision process, by two,
 * and by one with a second started once the backlog is queued (its share of the images). Each process analyses one
 * image at a time, read by one OCR process (`VISION_MAX_IN_FLIGHT=1`, `OCR_WORKERS=1`, `OCR_PROCESSES=1`). Real NATS JetStream and an S3 server
 * (s3rver); matching is not running, so cards are read without catalog checks.
 * Prints and writes `{"one": {"images_per_s"}, "two": {"images_per_s"}, "ratio", "late_replica_share"}`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import type { JsMsg, NatsConnection } from "nats";
import { Channels, Groups, type ImageAnalyzed, type ImageStored } from "@poke-ventory/contracts";
import { connectNats, createBroker, deleteNamespaceStreams, durableName, ensurePipelineStreams, NODE_ID_HEADER, streamName } from "@poke-ventory/runtime";
import { MinioObjectStore } from "@poke-ventory/storage";
import { benchCardsDir, startTestS3, testInfra, uniqueName, visionProcess, type TestS3 } from "@poke-ventory/testing";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outFile = arg("--out");
const imageCount = Number(arg("--images") ?? 24);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const namespace = uniqueName("pv-scale").toLowerCase().replace(/_/g, "-");
let s3: TestS3;
let nc: NatsConnection;
let broker: ServiceBroker;
const children: ChildProcess[] = [];
/** imageId → the vision node that analysed it. */
const analysed = new Map<string, string>();

function startVision(nodeId: string): ChildProcess {
  const { command, args, env, cwd } = visionProcess({ namespace, nodeId, s3 });
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

async function stopVision(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  await exited;
}

/** Pull requests waiting on the vision consumer: one per idle replica. */
async function waitForIdleReplicas(count: number): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const info = await jsm.consumers.info(streamName(`${namespace}.${Channels.imageStored}`), durableName(Groups.vision));
    if (info.num_waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${info.num_waiting} of ${count} vision replicas pulling`);
    await sleep(200);
  }
}

const send = (message: ImageStored) =>
  (broker as unknown as { sendToChannel(n: string, p: unknown): Promise<void> }).sendToChannel(Channels.imageStored, message);

async function queue(run: string, keys: string[]): Promise<string[]> {
  const ids = keys.map((_, i) => `${run}-${i}`);
  for (const [i, id] of ids.entries()) {
    await send({ imageId: id, batchId: run, userId: "bench", objectKey: keys[i], contentType: "image/jpeg", subjectType: "cards", width: 0, height: 0, storedAt: new Date().toISOString() });
  }
  return ids;
}

async function allAnalysed(ids: string[]): Promise<void> {
  const deadline = Date.now() + 20 * 60_000;
  while (!ids.every((id) => analysed.has(id))) {
    if (Date.now() > deadline) throw new Error("the backlog was not analysed in time");
    if (children.some((c) => c.exitCode !== null && c.exitCode !== 0)) throw new Error("a vision process died");
    await sleep(50);
  }
}

/** Images per second over one backlog, with every replica warmed up by one image first. */
async function throughput(run: string, replicas: number, keys: string[]): Promise<number> {
  const procs = Array.from({ length: replicas }, (_, i) => startVision(`${run}-vision-${i}`));
  await waitForIdleReplicas(replicas);
  await allAnalysed(await queue(`${run}-warm`, keys.slice(0, replicas)));
  await waitForIdleReplicas(replicas);
  const start = Date.now();
  const ids = await queue(run, keys);
  await allAnalysed(ids);
  const seconds = (Date.now() - start) / 1000;
  await Promise.all(procs.map(stopVision));
  const split = Object.fromEntries(procs.map((_, i) => [`${run}-vision-${i}`, ids.filter((id) => analysed.get(id) === `${run}-vision-${i}`).length]));
  console.error(`${run}: ${keys.length} images in ${seconds.toFixed(1)} s, per replica ${JSON.stringify(split)}`);
  return keys.length / seconds;
}

/** The share of a backlog taken by a second replica started once the backlog is queued. */
async function lateShare(keys: string[]): Promise<number> {
  const early = startVision("late-run-early");
  await waitForIdleReplicas(1);
  const ids = await queue("late-run", keys);
  const lateAt = Date.now();
  const late = startVision("late-run-late");
  let lateFirst = 0;
  const watch = setInterval(() => (lateFirst ||= ids.some((id) => analysed.get(id) === "late-run-late") ? Date.now() : 0), 50);
  await allAnalysed(ids);
  clearInterval(watch);
  await Promise.all([early, late].map(stopVision));
  const share = ids.filter((id) => analysed.get(id) === "late-run-late").length / ids.length;
  console.error(`late: the second replica's first image ${((lateFirst - lateAt) / 1000).toFixed(1)} s after its start (process start-up included); share ${share.toFixed(2)}`);
  return share;
}

async function main() {
  s3 = await startTestS3();
  nc = await connectNats(testInfra.natsUrl);
  await ensurePipelineStreams(testInfra.natsUrl, namespace);
  const objects = new MinioObjectStore(s3);
  const scans = readdirSync(benchCardsDir).filter((f) => /^scan_.*\.jpg$/.test(f)).sort().slice(0, imageCount);
  const keys: string[] = [];
  for (const file of scans) {
    const key = `originals/${file}`;
    await objects.put(key, readFileSync(path.join(benchCardsDir, file)), { contentType: "image/jpeg" });
    keys.push(key);
  }
  broker = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "scale-bench", logger: false });
  broker.createService({
    name: "analyzed-sink",
    channels: {
      [Channels.imageAnalyzed]: {
        group: Groups.matching,
        maxInFlight: 16,
        handler: (ctx: Context<ImageAnalyzed>, raw: JsMsg) => void analysed.set(ctx.params.imageId, raw.headers?.get(NODE_ID_HEADER) ?? "?"),
      },
    },
  } as ServiceSchema);
  await broker.start();

  const one = await throughput("one", 1, keys);
  const two = await throughput("two", 2, keys);
  const late = await lateShare(keys);
  const result = {
    one: { images_per_s: round(one) },
    two: { images_per_s: round(two) },
    ratio: round(two / one),
    late_replica_share: round(late),
    images: keys.length,
  };
  console.log(JSON.stringify(result));
  if (outFile) writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
}

const round = (n: number) => Math.round(n * 100) / 100;

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    children.forEach((c) => c.exitCode === null && c.kill("SIGKILL"));
    await broker?.stop().catch(() => undefined);
    if (nc) await deleteNamespaceStreams(nc, namespace).finally(() => nc.close());
    await s3?.close();
  });
