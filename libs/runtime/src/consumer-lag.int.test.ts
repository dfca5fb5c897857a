import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AckPolicy, connect, type NatsConnection } from "nats";
import { testInfra, uniqueName } from "@poke-ventory/testing";
import { pollConsumerLag, type ConsumerLagSample } from "./consumer-lag";

const stream = uniqueName("pv_lag");
let nc: NatsConnection;

beforeAll(async () => {
  nc = await connect({ servers: new URL(testInfra.natsUrl).host });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
  await jsm.consumers.add(stream, { durable_name: "workers", ack_policy: AckPolicy.Explicit });
});

afterAll(async () => {
  await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
  await nc.close();
});

describe("pollConsumerLag on the real NATS", () => {
  it("reports the messages waiting for a durable consumer, then what its workers hold", async () => {
    const js = nc.jetstream();
    for (let i = 0; i < 5; i++) await js.publish(`${stream}.job`, new TextEncoder().encode(String(i)));
    const samples: ConsumerLagSample[] = [];
    const errors: unknown[] = [];
    const consumers = [
      { stream, durable: "workers", labels: { channel: "job" } },
      { stream, durable: "missing", labels: { channel: "job" } },
    ];
    const poller = await pollConsumerLag({
      natsUrl: testInfra.natsUrl,
      consumers: () => consumers,
      intervalMs: 60_000,
      onSample: (_c, sample) => samples.push(sample),
      onError: (c, err) => errors.push([c.durable, err]),
    });
    try {
      await poller.poll();
      expect(samples.at(-1)).toEqual({ pending: 5, ackPending: 0 });
      const consumer = await js.consumers.get(stream, "workers");
      const batch = await consumer.fetch({ max_messages: 2, expires: 2000 });
      for await (const _m of batch) if (batch.getProcessed() >= 2) break;
      await poller.poll();
      expect(samples.at(-1)).toEqual({ pending: 3, ackPending: 2 });
      expect(errors.length).toBeGreaterThan(0);
      expect((errors[0] as [string])[0]).toBe("missing");
    } finally {
      await poller.stop();
    }
  });
});
