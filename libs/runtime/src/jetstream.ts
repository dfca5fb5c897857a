import {
  connect,
  nanos,
  AckPolicy,
  DeliverPolicy,
  RetentionPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
  type NatsConnection,
  type StreamConfig,
} from "nats";
import { Channels, DEAD_LETTER_CHANNEL, Groups, channelPolicy, type ChannelPolicy } from "@poke-ventory/contracts";

/** Which consumer groups read which channel. */
export const PIPELINE_TOPOLOGY: ReadonlyArray<{ channel: string; groups: string[] }> = [
  { channel: Channels.imageStored, groups: [Groups.vision] },
  { channel: Channels.imageAnalyzed, groups: [Groups.matching] },
  { channel: Channels.cardsMatched, groups: [Groups.collection, Groups.audit] },
  { channel: Channels.draftsCreated, groups: [Groups.ingest] },
  { channel: DEAD_LETTER_CHANNEL, groups: [Groups.ingest] },
  { channel: Channels.draftValidated, groups: [Groups.audit, Groups.mlExport] },
  { channel: Channels.imageFailed, groups: [Groups.ingest, Groups.audit] },
];

/** How long a stream keeps a message nobody acknowledged (a consumer that gave up, a group that never came). */
export const STREAM_MAX_AGE_MS = 7 * 24 * 3600_000;
/** Publishes with the same `Nats-Msg-Id` within this window are stored once. */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;
/** The ceiling on unacknowledged messages of one group across all replicas (each replica fetches only its free slots). */
const MAX_ACK_PENDING = 1000;

/** The stream name derived from a (prefixed) channel name. */
export const streamName = (channel: string) => channel.split(".").join("_");
/** The durable pull consumer of a group (NATS names allow no dots). */
export const durableName = (group: string) => group.split(".").join("_");

export const connectNats = (natsUrl: string): Promise<NatsConnection> =>
  connect({ servers: natsUrl.split(",").map((s) => new URL(s).host), name: "poke-ventory-setup" });

const exists = <T>(p: Promise<T>) => p.then(() => true, () => false);

/**
 * Creates the stream of `subject` (interest retention: a message goes once every group acknowledged it; plus an age
 * limit and a dedup window). A stream created by older code keeps its retention (NATS cannot change it in place) but
 * gets the age limit and the window.
 */
export async function ensureStream(jsm: JetStreamManager, subject: string): Promise<void> {
  const name = streamName(subject);
  const limits: Partial<StreamConfig> = { max_age: nanos(STREAM_MAX_AGE_MS), duplicate_window: nanos(DUPLICATE_WINDOW_MS) };
  const info = await jsm.streams.info(name).catch(() => null);
  if (!info) {
    await jsm.streams.add({ name, subjects: [subject], retention: RetentionPolicy.Interest, ...limits }).catch(async (err: unknown) => {
      if (!(await exists(jsm.streams.info(name)))) throw err;
    });
    return;
  }
  if (info.config.max_age !== limits.max_age || info.config.duplicate_window !== limits.duplicate_window) {
    await jsm.streams.update(name, { ...info.config, ...limits });
  }
}

/** The server-side settings of a group's pull consumer under `policy`. */
export function pullConsumerConfig(subject: string, group: string, policy: ChannelPolicy): Partial<ConsumerConfig> {
  return {
    durable_name: durableName(group),
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(policy.ackWaitMs),
    // One delivery more than the attempts: it arrives only when an attempt never finished (see `onArrival`).
    max_deliver: policy.maxDeliver + 1,
    max_ack_pending: MAX_ACK_PENDING,
    filter_subject: subject,
  };
}

const isPush = (info: ConsumerInfo) => Boolean(info.config.deliver_subject);

/**
 * Creates (or brings up to date) the durable pull consumer of `group` on `subject`. A push consumer left by older code
 * under the same name is replaced by a pull consumer that resumes after its acknowledged floor, so a deployment that
 * ran the old adapter starts without replaying what it already handled.
 */
export async function ensurePullConsumer(jsm: JetStreamManager, subject: string, group: string, policy: ChannelPolicy): Promise<void> {
  const stream = streamName(subject);
  const durable = durableName(group);
  const wanted = pullConsumerConfig(subject, group, policy);
  const info = await jsm.consumers.info(stream, durable).catch(() => null);
  if (info && !isPush(info)) {
    const c = info.config;
    if (c.ack_wait !== wanted.ack_wait || c.max_deliver !== wanted.max_deliver || c.max_ack_pending !== wanted.max_ack_pending) {
      await jsm.consumers.update(stream, durable, { ack_wait: wanted.ack_wait, max_deliver: wanted.max_deliver, max_ack_pending: wanted.max_ack_pending });
    }
    return;
  }
  let start: Partial<ConsumerConfig> = { deliver_policy: DeliverPolicy.All };
  if (info) {
    start = { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: info.ack_floor.stream_seq + 1 };
    await jsm.consumers.delete(stream, durable).catch(() => undefined);
  }
  await jsm.consumers.add(stream, { ...wanted, ...start }).catch(async (err: unknown) => {
    // Another replica created it between our check and our add: that is the point.
    const now = await jsm.consumers.info(stream, durable).catch(() => null);
    if (!now || isPush(now)) throw err;
  });
}

/**
 * Creates every stream and durable consumer group before any service publishes, so a message sent before its consumer
 * first subscribed still waits for it. Idempotent: safe on every start. `overrides`: the operator's, as the broker's.
 */
export async function ensurePipelineStreams(natsUrl: string, namespace: string, overrides: Partial<ChannelPolicy> = {}): Promise<void> {
  const nc = await connectNats(natsUrl);
  try {
    const jsm = await nc.jetstreamManager();
    for (const { channel, groups } of PIPELINE_TOPOLOGY) {
      // Channels are prefixed with the broker namespace.
      const subject = `${namespace}.${channel}`;
      await ensureStream(jsm, subject);
      for (const group of groups) await ensurePullConsumer(jsm, subject, group, channelPolicy(channel, overrides));
    }
  } finally {
    await nc.close();
  }
}

/** Deletes every stream of a namespace (tests and benchmarks clean up after themselves). */
export async function deleteNamespaceStreams(nc: NatsConnection, namespace: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const prefix = `${streamName(namespace)}_`;
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(prefix)) await jsm.streams.delete(name).catch(() => undefined);
  }
}
