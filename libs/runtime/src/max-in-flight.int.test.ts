import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import { testInfra, uniqueName } from "@poke-ventory/testing";
import { createBroker } from "./broker";
import { ensurePipelineStreams } from "./jetstream";
import { Channels, Groups } from "@poke-ventory/contracts";

const namespace = uniqueName("pv-conc").toLowerCase().replace(/_/g, "-");
let producer: ServiceBroker;
let consumer: ServiceBroker;
let running = 0;
let peak = 0;
const done: string[] = [];

beforeAll(async () => {
  await ensurePipelineStreams(testInfra.natsUrl, namespace);
  producer = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "producer", logger: false });
  consumer = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "consumer", logger: false });
  consumer.createService({
    name: "slow-vision",
    channels: {
      [Channels.imageStored]: {
        group: Groups.vision,
        maxInFlight: 2,
        async handler(ctx: Context<{ id: string }>) {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 150));
          running--;
          done.push(ctx.params.id);
        },
      },
    },
  } as ServiceSchema);
  await Promise.all([producer.start(), consumer.start()]);
});

afterAll(async () => {
  await Promise.all([producer?.stop(), consumer?.stop()]);
});

describe("channel maxInFlight over NATS JetStream", () => {
  it("handles at most maxInFlight messages at once per process, and every message once", async () => {
    const send = producer as unknown as { sendToChannel(n: string, p: unknown): Promise<void> };
    const ids = Array.from({ length: 6 }, (_, i) => `img-${i}`);
    for (const id of ids) await send.sendToChannel(Channels.imageStored, { id });
    const deadline = Date.now() + 15_000;
    while (done.length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(done.sort()).toEqual(ids);
    expect(peak).toBe(2);
  });
});
