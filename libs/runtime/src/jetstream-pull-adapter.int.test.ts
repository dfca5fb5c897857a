import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import { AckPolicy, DeliverPolicy, type JsMsg, type NatsConnection } from "nats";
import { testInfra, uniqueName } from "@poke-ventory/testing";
import { Channels, DEAD_LETTER_CHANNEL, Groups, type ChannelPolicy } from "@poke-ventory/contracts";
import { createBroker } from "./broker";
import { connectNats, deleteNamespaceStreams, durableName, ensurePipelineStreams, streamName } from "./jetstream";
import { deadLetterOf, type DeadLetterInfo } from "./dead-letter";

const namespace = uniqueName("pv-pull").toLowerCase().replace(/_/g, "-");
const brokers: ServiceBroker[] = [];
let producer: ServiceBroker;
let nc: NatsConnection;

type Handler = (ctx: Context<{ id: string }>, raw: JsMsg) => Promise<unknown>;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A process with one channel consumer (a separate broker, NATS connection and node id). */
async function consumer(
  nodeId: string,
  channel: string,
  group: string,
  def: { maxInFlight: number; policy?: Partial<ChannelPolicy>; handler: Handler },
  opts: { stopGraceMs?: number } = {},
): Promise<ServiceBroker> {
  const broker = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId, logger: false, ...opts });
  broker.createService({ name: `svc-${nodeId}`, channels: { [channel]: { group, ...def } } } as ServiceSchema);
  brokers.push(broker);
  await broker.start();
  return broker;
}

const send = (channel: string, id: string) =>
  (producer as unknown as { sendToChannel(n: string, p: unknown): Promise<void> }).sendToChannel(channel, { id });

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const consumerInfo = async (channel: string, group: string) =>
  (await nc.jetstreamManager()).consumers.info(streamName(`${namespace}.${channel}`), durableName(group));

beforeAll(async () => {
  await ensurePipelineStreams(testInfra.natsUrl, namespace);
  nc = await connectNats(testInfra.natsUrl);
  producer = createBroker({ natsUrl: testInfra.natsUrl, namespace, nodeId: "producer", logger: false });
  await producer.start();
});

afterAll(async () => {
  await Promise.all(brokers.map((b) => b.stop().catch(() => undefined)));
  await producer?.stop();
  if (nc) await deleteNamespaceStreams(nc, namespace).finally(() => nc.close());
});

describe("JetStream pull adapter", () => {
  it("leaves the backlog on the server, and a replica started late takes its share at once", async () => {
    const handledBy: Record<string, string[]> = { early: [], late: [] };
    const slow = (who: string): Handler => async (ctx) => {
      await sleep(250);
      handledBy[who].push(ctx.params.id);
    };
    await consumer("early", Channels.imageStored, Groups.vision, { maxInFlight: 1, handler: slow("early") });
    const ids = Array.from({ length: 20 }, (_, i) => `late-${i}`);
    for (const id of ids) await send(Channels.imageStored, id);

    // The early replica holds one message; the other 19 (or so) wait on the server, not in its memory.
    const backlog = await consumerInfo(Channels.imageStored, Groups.vision);
    expect(backlog.num_ack_pending).toBeLessThanOrEqual(1);
    expect(backlog.num_pending).toBeGreaterThanOrEqual(15);

    await consumer("late", Channels.imageStored, Groups.vision, { maxInFlight: 1, handler: slow("late") });
    await waitFor("all 20 handled", () => handledBy.early.length + handledBy.late.length >= ids.length);
    expect([...handledBy.early, ...handledBy.late].sort()).toEqual([...ids].sort());
    const lateShare = handledBy.late.length / ids.length;
    console.info(`late replica share: ${lateShare.toFixed(2)} (${handledBy.late.length}/${ids.length})`);
    expect(lateShare).toBeGreaterThanOrEqual(0.3);
  });

  it("redelivers what a killed process held after the short ack wait, not a long one", async () => {
    const ackWaitMs = 2_000;
    const held: string[] = [];
    const victim = await consumer("victim", Channels.cardsMatched, Groups.collection, {
      maxInFlight: 3,
      policy: { ackWaitMs },
      handler: (ctx) => (held.push(ctx.params.id), new Promise(() => undefined)), // never finishes
    });
    for (const id of ["k-0", "k-1", "k-2"]) await send(Channels.cardsMatched, id);
    await waitFor("the victim to hold 3", () => held.length === 3);
    // Longer than the ack wait: its in-progress acks, sent while the handler runs, keep the messages.
    await sleep(ackWaitMs * 1.5);
    expect((await consumerInfo(Channels.cardsMatched, Groups.collection)).num_redelivered).toBe(0);

    const redelivered: { id: string; delivery: number; at: number }[] = [];
    await consumer("survivor", Channels.cardsMatched, Groups.collection, {
      maxInFlight: 3,
      policy: { ackWaitMs },
      handler: async (ctx, raw) => void redelivered.push({ id: ctx.params.id, delivery: raw.info.redeliveryCount, at: Date.now() }),
    });
    // kill -9 as the server sees it: the connection goes, nothing is acked or handed back.
    const killedAt = Date.now();
    await (victim as unknown as { channelAdapter: { connection: NatsConnection } }).channelAdapter.connection.close();
    await waitFor("the held messages to come back", () => redelivered.length === 3, 15_000);
    const afterMs = Math.max(...redelivered.map((r) => r.at)) - killedAt;
    console.info(`redelivered ${redelivered.length} held messages ${afterMs} ms after the kill (ack wait ${ackWaitMs} ms)`);
    expect(redelivered.map((r) => r.id).sort()).toEqual(["k-0", "k-1", "k-2"]);
    expect(redelivered.every((r) => r.delivery === 2)).toBe(true);
    expect(afterMs).toBeLessThan(ackWaitMs + 2_500);
  });

  it("retries a failing message with the backoff, then dead-letters it with the reason; a slow attempt times out", async () => {
    const attempts: Record<string, number[]> = {};
    const deadLetters: { params: unknown; info: DeadLetterInfo }[] = [];
    await consumer("dlq", DEAD_LETTER_CHANNEL, Groups.ingest, {
      maxInFlight: 2,
      handler: async (ctx, raw) => void deadLetters.push({ params: ctx.params, info: deadLetterOf(raw) }),
    });
    await consumer("flaky", Channels.imageAnalyzed, Groups.matching, {
      maxInFlight: 2,
      policy: { maxDeliver: 3, backoffMs: [400, 800], timeoutMs: 700 },
      handler: async (ctx) => {
        const tries = (attempts[ctx.params.id] ??= []);
        tries.push(Date.now());
        if (ctx.params.id === "poison") throw new Error("cannot read this one");
        if (tries.length === 1) await sleep(2_000); // over the time limit once, then quick
      },
    });
    await send(Channels.imageAnalyzed, "poison");
    await send(Channels.imageAnalyzed, "slow-once");
    await waitFor("the dead letter", () => deadLetters.length === 1);
    await waitFor("the slow message to succeed", () => (attempts["slow-once"]?.length ?? 0) === 2);

    const poison = attempts.poison;
    expect(poison).toHaveLength(3);
    expect(poison[1] - poison[0]).toBeGreaterThanOrEqual(350);
    expect(poison[2] - poison[1]).toBeGreaterThanOrEqual(750);
    expect(deadLetters[0].params).toEqual({ id: "poison" });
    expect(deadLetters[0].info).toMatchObject({
      channel: Channels.imageAnalyzed,
      group: Groups.matching,
      reason: "failed after 3 attempts: cannot read this one",
      deliveries: 3,
    });
    await sleep(1_000);
    expect(attempts.poison).toHaveLength(3); // acked after dead-lettering: never delivered again
    expect(deadLetters).toHaveLength(1);
    const info = await consumerInfo(Channels.imageAnalyzed, Groups.matching);
    expect(info.num_pending + info.num_ack_pending).toBe(0);
  });

  it("a handler hung past its time limit frees its slot, so the replica keeps working", async () => {
    const seen: string[] = [];
    await consumer("hung", "test.hung", "hung-group", {
      maxInFlight: 1,
      policy: { timeoutMs: 500, backoffMs: [60_000] },
      handler: (ctx) => (seen.push(ctx.params.id), ctx.params.id === "hangs" ? new Promise(() => undefined) : Promise.resolve()),
    });
    await send("test.hung", "hangs");
    await send("test.hung", "next");
    await waitFor("the next message after the hung one", () => seen.includes("next"), 10_000);
    expect(seen).toEqual(["hangs", "next"]);
  });

  it("on stop, takes no more and hands held messages back at once, not after the ack wait", async () => {
    const started: string[] = [];
    const handledByOther: { id: string; at: number }[] = [];
    const policy = { ackWaitMs: 15_000 };
    const stopping = await consumer(
      "stopping",
      Channels.draftsCreated,
      Groups.ingest,
      { maxInFlight: 2, policy, handler: (ctx) => (started.push(ctx.params.id), sleep(5_000)) },
      { stopGraceMs: 500 },
    );
    for (const id of ["s-0", "s-1"]) await send(Channels.draftsCreated, id);
    await waitFor("the stopping replica to hold 2", () => started.length === 2);
    await consumer("other", Channels.draftsCreated, Groups.ingest, {
      maxInFlight: 2,
      policy,
      handler: async (ctx) => void handledByOther.push({ id: ctx.params.id, at: Date.now() }),
    });
    for (const id of ["s-2", "s-3"]) await send(Channels.draftsCreated, id);
    await waitFor("the other replica to take the new ones", () => handledByOther.length === 2);

    const stopAt = Date.now();
    await stopping.stop();
    const stopMs = Date.now() - stopAt;
    await waitFor("the handed-back messages", () => handledByOther.length === 4, 10_000);
    const stallMs = Math.max(...handledByOther.map((h) => h.at)) - stopAt;
    console.info(`stop took ${stopMs} ms; held messages handled elsewhere ${stallMs} ms after the stop began`);
    expect(handledByOther.map((h) => h.id).sort()).toEqual(["s-0", "s-1", "s-2", "s-3"]);
    expect(stopMs).toBeLessThan(4_000);
    expect(stallMs).toBeLessThan(5_000);
  });

  it("replaces a push consumer left by older code with a pull consumer that resumes after its ack floor", async () => {
    const legacy = `${namespace}-legacy`;
    const subject = `${legacy}.${Channels.imageStored}`;
    const stream = streamName(subject);
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [subject] });
    const deliver = `_legacy.deliver.${stream}`;
    await jsm.consumers.add(stream, {
      durable_name: Groups.vision,
      deliver_subject: deliver,
      deliver_group: stream,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 1000,
    });
    // The old process handled (acked) two of three messages, then went away.
    const handled = nc.subscribe(deliver, { queue: stream, max: 2, callback: (_err, m) => m.respond(new TextEncoder().encode("+ACK")) });
    const js = nc.jetstream();
    for (const id of ["old-0", "old-1", "old-2"]) await js.publish(subject, new TextEncoder().encode(JSON.stringify({ id })));
    await handled.closed;
    await waitFor("the acks to land", async () => (await jsm.consumers.info(stream, Groups.vision)).ack_floor.stream_seq === 2);

    await ensurePipelineStreams(testInfra.natsUrl, legacy);
    const info = await jsm.consumers.info(stream, Groups.vision);
    expect(info.config.deliver_subject).toBeUndefined();
    expect(info.num_pending).toBe(1); // only the unhandled one is left to pull
    await ensurePipelineStreams(testInfra.natsUrl, legacy); // and a second start changes nothing
    expect((await jsm.consumers.info(stream, Groups.vision)).num_pending).toBe(1);
    await deleteNamespaceStreams(nc, legacy);
  });
});
