import { Adapters } from "@moleculer/channels";
import { Errors } from "moleculer";
import { headers as natsHeaders, type JetStreamClient, type JetStreamManager, type JsMsg, type NatsConnection } from "nats";
import { DEAD_LETTER_CHANNEL, DeadLetterHeaders, channelPolicy, type ChannelPolicy } from "@poke-ventory/contracts";
import { ChannelPuller } from "./channel-puller";
import { unprefixedChannel } from "./unprefixed-channel";
import { connectNats, durableName, ensurePullConsumer, ensureStream, streamName } from "./jetstream";

export interface JetStreamPullAdapterOptions {
  /** NATS server URL(s), comma-separated. */
  url: string;
  /** On stop, how long held messages may finish before they are handed back (nak). */
  stopGraceMs?: number;
  /** How long one pull request waits on an empty backlog. */
  fetchExpiresMs?: number;
  /** Operator overrides of every channel's policy (`CHANNEL_MAX_DELIVER`…); a declaration's own `policy` still wins. */
  policy?: Partial<ChannelPolicy>;
}

type BaseChannel = Parameters<InstanceType<typeof Adapters.Base>["subscribe"]>[0];

/** A channel as `@moleculer/channels` hands it to its adapter, with our policy overrides. */
interface PullChannel {
  id: string;
  name: string;
  group: string;
  maxInFlight?: number;
  /** Overrides of the channel's {@link ChannelPolicy} (tests shorten waits with it). */
  policy?: Partial<ChannelPolicy>;
  deadLettering?: { enabled?: boolean };
  handler: (payload: unknown, raw: JsMsg) => Promise<unknown>;
}

const FAILURE_METRICS = {
  errors: "moleculer.channels.messages.errors.total",
  retried: "moleculer.channels.messages.retries.total",
  deadLettered: "moleculer.channels.messages.deadLettering.total",
};

/** The header naming the node that published a message. */
export const NODE_ID_HEADER = "x-node-id";
const DEFAULT_STOP_GRACE_MS = 3_000;
const DEFAULT_FETCH_EXPIRES_MS = 2_000;
/** NATS header values are one line. */
const headerValue = (s: string) => s.replace(/[\r\n]+/g, " ").slice(0, 500);

/**
 * `@moleculer/channels` adapter over JetStream **pull** consumers: services keep their `channels:` declarations and the
 * `(ctx, raw)` handler signature (`raw` is the nats `JsMsg`). Each replica fetches only its free slots, so the backlog
 * waits on the server (the consumer's pending count) and a replica started late takes queued work at once. The
 * failure policy of each channel is {@link channelPolicy}; see {@link ChannelPuller}.
 */
export class JetStreamPullAdapter extends Adapters.Base {
  private connection: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private jsm: JetStreamManager | null = null;
  private readonly pullers = new Map<string, ChannelPuller>();
  private readonly pullOpts: Required<Omit<JetStreamPullAdapterOptions, "policy">>;
  private readonly policyOverrides: Partial<ChannelPolicy>;

  constructor(opts: JetStreamPullAdapterOptions) {
    super({});
    this.pullOpts = {
      url: opts.url,
      stopGraceMs: opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
      fetchExpiresMs: opts.fetchExpiresMs ?? DEFAULT_FETCH_EXPIRES_MS,
    };
    this.policyOverrides = opts.policy ?? {};
  }

  override async connect(): Promise<void> {
    this.connection = await connectNats(this.pullOpts.url);
    this.jsm = await this.connection.jetstreamManager();
    this.js = this.connection.jetstream();
    this.connected = true;
  }

  override async disconnect(): Promise<void> {
    await Promise.all([...this.pullers.values()].map((p) => p.stop(0)));
    this.pullers.clear();
    const nc = this.connection;
    this.connected = false;
    this.connection = null;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  /** The channel name without the namespace prefix: the key of the policies. */
  private unprefixed(name: string): string {
    return unprefixedChannel(name, this.opts.prefix);
  }

  override async subscribe(channel: BaseChannel): Promise<void> {
    const chan = channel as unknown as PullChannel;
    const jsm = this.jsm!;
    const policy = channelPolicy(this.unprefixed(chan.name), { ...this.policyOverrides, ...chan.policy, maxInFlight: chan.maxInFlight });
    await ensureStream(jsm, chan.name);
    await ensurePullConsumer(jsm, chan.name, chan.group, policy);
    const deadLetters = chan.deadLettering?.enabled !== false;
    const deadLetterSubject = this.addPrefixTopic(DEAD_LETTER_CHANNEL);
    if (deadLetters) await ensureStream(jsm, deadLetterSubject);
    const consumer = await this.js!.consumers.get(streamName(chan.name), durableName(chan.group));
    const puller = new ChannelPuller({
      consumer,
      label: `${chan.name} (${chan.group})`,
      policy,
      handle: chan.handler,
      decode: (data) => this.serializer.deserialize(Buffer.from(data)),
      deadLetter: deadLetters ? (msg, reason, code) => this.deadLetter(deadLetterSubject, chan, msg, reason, code) : null,
      log: this.logger,
      fetchExpiresMs: this.pullOpts.fetchExpiresMs,
      // The counters `@moleculer/channels` registers for its adapters (on the metrics port when enabled).
      onFailure: (outcome) => {
        this.metricsIncrement(FAILURE_METRICS.errors, channel);
        this.metricsIncrement(outcome === "retried" ? FAILURE_METRICS.retried : FAILURE_METRICS.deadLettered, channel);
      },
    });
    this.pullers.set(chan.id, puller);
    puller.start();
  }

  override async unsubscribe(channel: BaseChannel): Promise<void> {
    const chan = channel as unknown as PullChannel;
    const puller = this.pullers.get(chan.id);
    if (!puller) return;
    this.pullers.delete(chan.id);
    await puller.stop(this.pullOpts.stopGraceMs);
  }

  private async deadLetter(subject: string, chan: PullChannel, msg: JsMsg, reason: string, code?: string): Promise<void> {
    const h = natsHeaders();
    for (const [key, values] of msg.headers ?? []) if (key !== "Nats-Msg-Id") h.set(key, values[0]);
    h.set(DeadLetterHeaders.channel, this.unprefixed(chan.name));
    h.set(DeadLetterHeaders.group, chan.group);
    h.set(DeadLetterHeaders.reason, headerValue(reason));
    h.set(DeadLetterHeaders.deliveries, String(msg.info.redeliveryCount));
    if (code) h.set(DeadLetterHeaders.code, code);
    const msgID = `${streamName(chan.name)}:${chan.group}:${msg.info.streamSequence}`;
    await this.js!.publish(subject, msg.data, { headers: h, msgID });
    this.logger.warn(`dead-lettered message ${msg.info.streamSequence} of ${chan.name} (${chan.group}): ${reason}`);
  }

  override async publish(channelName: string, payload: unknown, opts: { raw?: boolean; headers?: Record<string, string> } = {}): Promise<void> {
    if (!this.connected || !this.js) throw new Errors.MoleculerRetryableError("The channel adapter is not connected");
    const h = natsHeaders();
    for (const [key, value] of Object.entries(opts.headers ?? {})) h.set(key, String(value));
    // Which replica produced a message: for logs, the scale bench and tests.
    if (!h.has(NODE_ID_HEADER)) h.set(NODE_ID_HEADER, this.broker.nodeID);
    const data = opts.raw ? (payload as Uint8Array) : this.serializer.serialize(payload);
    await this.js.publish(channelName, data, { headers: h });
  }

  override parseMessageHeaders(raw: JsMsg): Record<string, string> {
    const res: Record<string, string> = {};
    for (const [key, values] of raw?.headers ?? []) res[key] = values[0];
    return res;
  }
}
