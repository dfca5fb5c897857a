import { afterEach, describe, expect, it } from "vitest";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import { channelPolicy, Channels, DEAD_LETTER_CHANNEL, Groups } from "@poke-ventory/contracts";
import { deadLetterOf } from "./dead-letter";
import { createBroker } from "./broker";
import type { MemoryChannelAdapter } from "./memory-channel-adapter";

type ChannelBroker = ServiceBroker & { sendToChannel(n: string, p: unknown): Promise<void>; channelAdapter: MemoryChannelAdapter };
const brokers: ServiceBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

function broker(...schemas: ServiceSchema[]): ChannelBroker {
  return brokerWith({}, ...schemas);
}
function brokerWith(opts: Parameters<typeof createBroker>[0], ...schemas: ServiceSchema[]): ChannelBroker {
  const b = createBroker({ logger: false, retryBackoffMs: [20, 40], ...opts }) as ChannelBroker;
  schemas.forEach((s) => b.createService(s));
  brokers.push(b);
  return b;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(5);
  }
}

describe("MemoryChannelAdapter (embedded channels)", () => {
  it.each([150, 1000])("handles all of %i messages queued at once, at most maxInFlight at a time", async (count) => {
    const handled = new Set<number>();
    let running = 0;
    let peak = 0;
    const b = broker({
      name: "slow",
      channels: {
        [Channels.imageStored]: {
          group: Groups.vision,
          maxInFlight: 3,
          async handler(ctx: Context<{ n: number }>) {
            peak = Math.max(peak, ++running);
            await sleep(1);
            handled.add(ctx.params.n);
            running--;
          },
        },
      },
    } as ServiceSchema);
    await b.start();
    await Promise.all(Array.from({ length: count }, (_, n) => b.sendToChannel(Channels.imageStored, { n })));
    await until(() => handled.size === count, 30_000);
    expect(peak).toBe(3);
    expect(b.channelAdapter.pending(Channels.imageStored, Groups.vision)).toBe(0);
  }, 30_000);

  it("keeps what was published before its consumer groups subscribed, for every group of the topology", async () => {
    const seen: string[] = [];
    const consumer = (group: string) =>
      ({ name: `c-${group}`, channels: { [Channels.cardsMatched]: { group, handler: (ctx: Context<{ id: string }>) => void seen.push(`${group}:${ctx.params.id}`) } } }) as ServiceSchema;
    const b = broker();
    await b.start();
    await b.sendToChannel(Channels.cardsMatched, { id: "early" });
    b.createService(consumer(Groups.collection));
    await sleep(20);
    b.createService(consumer(Groups.audit));
    await until(() => seen.length === 2);
    expect(seen.sort()).toEqual(["audit:early", "collection:early"]);
  });

  it("retries a failing message after a delay, with its payload intact", async () => {
    const attempts: { at: number; id: string }[] = [];
    const b = broker({
      name: "flaky",
      channels: {
        [Channels.imageAnalyzed]: {
          group: Groups.matching,
          handler(ctx: Context<{ id: string }>) {
            attempts.push({ at: Date.now(), id: ctx.params.id });
            if (attempts.length < 3) throw new Error("database hiccup");
          },
        },
      },
    } as ServiceSchema);
    await b.start();
    await b.sendToChannel(Channels.imageAnalyzed, { id: "i1" });
    await until(() => attempts.length === 3);
    expect(attempts.map((a) => a.id)).toEqual(["i1", "i1", "i1"]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(18);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(38);
    await sleep(100);
    expect(attempts).toHaveLength(3);
  });

  it("dead-letters a message that fails every retry, naming where it came from", async () => {
    let attempts = 0;
    const dead: { payload: unknown; headers: Record<string, string> }[] = [];
    const b = broker(
      { name: "poison", channels: { [Channels.imageStored]: { group: Groups.vision, handler: () => { attempts++; throw new Error("crash"); } } } } as ServiceSchema,
      {
        name: "dlq",
        channels: {
          [DEAD_LETTER_CHANNEL]: {
            group: Groups.ingest,
            deadLettering: { enabled: false },
            handler: (ctx: Context<unknown>, raw: { headers: Record<string, string> }) => void dead.push({ payload: ctx.params, headers: raw.headers }),
          },
        },
      } as ServiceSchema,
    );
    await b.start();
    await b.sendToChannel(Channels.imageStored, { imageId: "bad" });
    await until(() => dead.length === 1);
    expect(attempts).toBe(channelPolicy(Channels.imageStored).maxDeliver);
    expect(dead[0]).toMatchObject({ payload: { imageId: "bad" } });
    expect(deadLetterOf({ headers: dead[0].headers })).toMatchObject({ channel: Channels.imageStored, group: Groups.vision, reason: expect.stringContaining("crash") });
  });

  it("takes the operator's attempts (CHANNEL_MAX_DELIVER) over the channel's own", async () => {
    let attempts = 0;
    const dead: unknown[] = [];
    const b = brokerWith(
      { channelPolicy: { maxDeliver: 2 } },
      { name: "poison", channels: { [Channels.imageStored]: { group: Groups.vision, handler: () => { attempts++; throw new Error("crash"); } } } } as ServiceSchema,
      { name: "dlq", channels: { [DEAD_LETTER_CHANNEL]: { group: Groups.ingest, deadLettering: { enabled: false }, handler: (ctx: Context<unknown>) => void dead.push(ctx.params) } } } as ServiceSchema,
    );
    await b.start();
    await b.sendToChannel(Channels.imageStored, { imageId: "bad" });
    await until(() => dead.length === 1);
    await sleep(100);
    expect(channelPolicy(Channels.imageStored).maxDeliver).not.toBe(2);
    expect(attempts).toBe(2);
  });
});
