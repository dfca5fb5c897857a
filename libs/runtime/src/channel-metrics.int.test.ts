import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type AddressInfo } from "node:net";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import { connect } from "nats";
import { Channels, DEAD_LETTER_CHANNEL, Groups } from "@poke-ventory/contracts";
import { testInfra, uniqueName } from "@poke-ventory/testing";
import { createBroker } from "./broker";
import { ensurePipelineStreams, PIPELINE_TOPOLOGY, streamName } from "./jetstream";

/**
 * The channel metrics over the real NATS: a consumer with metrics on handles messages (one fails once), its
 * Prometheus endpoint shows separate service-time and queue-wait histograms, the counters and the lag gauges.
 */
const namespace = uniqueName("pv-metrics").toLowerCase().replace(/_/g, "-");
let producer: ServiceBroker;
let consumer: ServiceBroker;
const attempts = new Map<string, number>();
const done: string[] = [];
const deadLetters: string[] = [];

/** createBroker takes 0 as "no metrics", so ask the OS for a free port. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

type ChannelBroker = ServiceBroker & { sendToChannel(n: string, p: unknown, o?: object): Promise<void> };

beforeAll(async () => {
  await ensurePipelineStreams(testInfra.natsUrl, namespace);
  producer = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "metrics-producer", logger: false });
  consumer = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "metrics-consumer", logger: false, metricsPort: await freePort() });
  consumer.createService({
    name: "stage",
    channels: {
      [Channels.imageStored]: {
        group: Groups.vision,
        async handler(ctx: Context<{ imageId: string; failOnce?: boolean }>) {
          const n = (attempts.get(ctx.params.imageId) ?? 0) + 1;
          attempts.set(ctx.params.imageId, n);
          await new Promise((r) => setTimeout(r, 120));
          if (ctx.params.failOnce && n === 1) throw new Error("transient");
          done.push(ctx.params.imageId);
        },
      },
      [DEAD_LETTER_CHANNEL]: {
        group: Groups.ingest,
        handler: (ctx: Context<{ imageId: string }>) => void deadLetters.push(ctx.params.imageId),
      },
    },
  } as ServiceSchema);
  await Promise.all([producer.start(), consumer.start()]);
});

afterAll(async () => {
  await Promise.all([producer?.stop(), consumer?.stop()]);
  const nc = await connect({ servers: new URL(testInfra.natsUrl).host });
  const jsm = await nc.jetstreamManager();
  for (const { channel } of PIPELINE_TOPOLOGY) await jsm.streams.delete(streamName(`${namespace}.${channel}`)).catch(() => undefined);
  await nc.close();
});

async function scrape(): Promise<string> {
  const reporter = (consumer.metrics as unknown as { reporter: { server: { address(): AddressInfo } }[] }).reporter[0];
  const res = await fetch(`http://127.0.0.1:${reporter.server.address().port}/metrics`);
  return res.text();
}

/** The value of one sample line, e.g. `pipeline_channel_handled_total{...channel="image.stored"...}`. */
function sample(text: string, metric: string, labels: Record<string, string>): number | null {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : null;
}

describe("ChannelMetricsMiddleware", () => {
  it("counts, times and reports lag per channel and group on the Prometheus endpoint", async () => {
    const send = producer as ChannelBroker;
    const ids = ["m-1", "m-2", "m-3"];
    await send.sendToChannel(Channels.imageStored, { imageId: ids[0], failOnce: true });
    for (const id of ids.slice(1)) await send.sendToChannel(Channels.imageStored, { imageId: id });
    await send.sendToChannel(DEAD_LETTER_CHANNEL, { imageId: "m-dead" }, {
      headers: { "x-original-channel": `${namespace}.${Channels.imageAnalyzed}`, "x-original-group": Groups.matching },
    });
    const deadline = Date.now() + 30_000;
    while ((done.length < ids.length || deadLetters.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(done.sort()).toEqual(ids);

    const text = await scrape();
    const stage = { channel: Channels.imageStored, group: Groups.vision };
    expect(sample(text, "pipeline_channel_handled_total", stage)).toBe(3);
    expect(sample(text, "pipeline_channel_failed_total", stage)).toBe(1);
    expect(sample(text, "pipeline_channel_redelivered_total", stage)).toBe(1);
    expect(sample(text, "pipeline_channel_dead_lettered_total", { channel: Channels.imageAnalyzed, group: Groups.matching })).toBe(1);
    // Four deliveries of ≥120 ms work each: the service-time histogram sees all four, none under 0.1 s.
    expect(sample(text, "pipeline_stage_service_seconds_count", stage)).toBe(4);
    expect(sample(text, "pipeline_stage_service_seconds_bucket", { ...stage, le: "0.1" })).toBe(0);
    // Queue wait is its own histogram, from the JetStream publish time.
    expect(sample(text, "pipeline_stage_queue_wait_seconds_count", stage)).toBe(4);
    expect(sample(text, "pipeline_stage_queue_wait_seconds_sum", stage)).toBeGreaterThanOrEqual(0);
    // The lag gauges of every consumer this process reads, polled from JetStream at start.
    expect(sample(text, "pipeline_consumer_pending", stage)).toBe(0);
    expect(sample(text, "pipeline_consumer_ack_pending", { channel: DEAD_LETTER_CHANNEL, group: Groups.ingest })).not.toBeNull();
  });
});
