import { Adapters } from "@moleculer/channels";
import { channelPolicy, DeadLetterHeaders, type ChannelPolicy } from "@poke-ventory/contracts";
import { onFailedDelivery } from "./delivery-decision";
import { unprefixedChannel } from "./unprefixed-channel";
import { withTimeout } from "./with-timeout";

type BaseAdapter = InstanceType<typeof Adapters.Base>;
type Channel = Parameters<BaseAdapter["subscribe"]>[0] & { policy?: Partial<ChannelPolicy> };

export interface MemoryChannelAdapterOptions {
  /** Channel → consumer groups known before anyone subscribes: their queues exist from the start. */
  topology?: ReadonlyArray<{ channel: string; groups: readonly string[] }>;
  deadLettering?: { enabled: boolean; queueName: string };
  /** Overrides every channel's retry delays (tests shorten them); otherwise each channel's {@link channelPolicy}. */
  retryBackoffMs?: readonly number[];
  /** Operator overrides of every channel's policy (`CHANNEL_MAX_DELIVER`…); a declaration's own `policy` still wins. */
  policy?: Partial<ChannelPolicy>;
}

type DeadLettering = { enabled: boolean; queueName: string };

/** What a handler gets as its raw message (the channels middleware reads `headers` for the context). */
export interface MemoryMessageRaw {
  payload: unknown;
  headers: Record<string, string>;
  /** 0 on the first delivery. */
  redeliveries: number;
}

interface Message {
  seq: number;
  data: Buffer;
  headers: Record<string, string>;
  redeliveries: number;
}

interface GroupQueue {
  ready: Message[];
  /** Messages waiting out a retry delay. */
  delayed: Map<number, NodeJS.Timeout>;
  inFlight: number;
  chan: Channel | null;
  idle: (() => void)[];
}


/**
 * In-process durable-channel adapter for `@moleculer/channels` (embedded mode). Every consumer group of a
 * channel has its own unbounded queue that lives as long as the process: a message published before its
 * group subscribed waits for it, a group handles at most its channel's `maxInFlight` at once, and a failed
 * message is retried after a growing delay, then moved to the dead-letter channel, as on JetStream.
 */
export class MemoryChannelAdapter extends Adapters.Base {
  private readonly queues = new Map<string, Map<string, GroupQueue>>();
  /** Messages of channels no group is known for yet: handed to the first group that subscribes. */
  private readonly unclaimed = new Map<string, Message[]>();
  private readonly backoffMs: readonly number[] | undefined;
  private readonly policyOverrides: Partial<ChannelPolicy>;
  private readonly policies = new Map<string, ChannelPolicy>();
  private readonly topology: NonNullable<MemoryChannelAdapterOptions["topology"]>;
  private seq = 0;
  private stopping = false;

  constructor(opts: MemoryChannelAdapterOptions = {}) {
    const { topology, retryBackoffMs, policy, ...base } = opts;
    super(base);
    this.topology = topology ?? [];
    this.backoffMs = retryBackoffMs?.length ? retryBackoffMs : undefined;
    this.policyOverrides = policy ?? {};
  }

  override init(...args: Parameters<BaseAdapter["init"]>): void {
    super.init(...args);
    for (const { channel, groups } of this.topology) for (const group of groups) this.queue(this.addPrefixTopic(channel), group);
  }

  override async connect(): Promise<void> {
    this.stopping = false;
    this.connected = true;
  }

  /** Lets running handlers finish; queued messages stay for a later subscriber of this process. */
  override async disconnect(): Promise<void> {
    this.stopping = true;
    for (const groups of this.queues.values()) {
      for (const q of groups.values()) {
        q.delayed.forEach((timer) => clearTimeout(timer));
        q.delayed.clear();
        if (q.inFlight > 0) await new Promise<void>((resolve) => q.idle.push(resolve));
      }
    }
    this.connected = false;
  }

  override async subscribe(chan: Channel): Promise<void> {
    const policy = channelPolicy(this.unprefixed(chan.name), { ...this.policyOverrides, ...chan.policy, maxInFlight: chan.maxInFlight ?? undefined, backoffMs: this.backoffMs });
    this.policies.set(chan.id, policy);
    chan.maxInFlight = policy.maxInFlight;
    const deadLettering: DeadLettering = { ...this.opts.deadLettering, ...chan.deadLettering };
    if (deadLettering.enabled) deadLettering.queueName = this.addPrefixTopic(deadLettering.queueName);
    chan.deadLettering = deadLettering as Channel["deadLettering"];
    const q = this.queue(chan.name, chan.group);
    q.chan = chan;
    this.initChannelActiveMessages(chan.id, false);
    this.pump(q);
  }

  override async unsubscribe(chan: Channel): Promise<void> {
    const q = this.queues.get(chan.name)?.get(chan.group);
    if (!q || q.chan !== chan) return;
    q.chan = null;
    if (q.inFlight > 0) await new Promise<void>((resolve) => q.idle.push(resolve));
  }

  override async publish(channelName: string, payload: unknown, opts: { raw?: boolean; headers?: Record<string, string> } = {}): Promise<void> {
    const data = opts.raw ? (payload as Buffer) : (this.serializer.serialize(payload) as Buffer);
    const message = (): Message => ({ seq: ++this.seq, data, headers: { ...(opts.headers ?? {}) }, redeliveries: 0 });
    const groups = this.queues.get(channelName);
    if (!groups || groups.size === 0) {
      const held = this.unclaimed.get(channelName) ?? [];
      held.push(message());
      this.unclaimed.set(channelName, held);
      return;
    }
    for (const q of groups.values()) {
      q.ready.push(message());
      this.pump(q);
    }
  }

  /** Messages of a group not yet handled (queued, waiting to retry, or running). */
  pending(channelName: string, group: string): number {
    const q = this.queues.get(this.addPrefixTopic(channelName))?.get(group);
    return q ? q.ready.length + q.delayed.size + q.inFlight : 0;
  }

  private queue(channelName: string, group: string): GroupQueue {
    let groups = this.queues.get(channelName);
    if (!groups) this.queues.set(channelName, (groups = new Map()));
    let q = groups.get(group);
    if (!q) {
      q = { ready: this.unclaimed.get(channelName) ?? [], delayed: new Map(), inFlight: 0, chan: null, idle: [] };
      this.unclaimed.delete(channelName);
      groups.set(group, q);
    }
    return q;
  }

  private pump(q: GroupQueue): void {
    const chan = q.chan;
    if (!chan || this.stopping) return;
    const limit = chan.maxInFlight && chan.maxInFlight > 0 ? chan.maxInFlight : Infinity;
    while (q.inFlight < limit && q.ready.length > 0) {
      const msg = q.ready.shift()!;
      q.inFlight++;
      void this.deliver(q, chan, msg).finally(() => {
        q.inFlight--;
        if (q.inFlight === 0) q.idle.splice(0).forEach((resolve) => resolve());
        this.pump(q);
      });
    }
  }

  private async deliver(q: GroupQueue, chan: Channel, msg: Message): Promise<void> {
    const id = `${chan.group}:${msg.seq}`;
    this.addChannelActiveMessages(chan.id, [id]);
    try {
      const payload = this.serializer.deserialize(msg.data);
      const raw: MemoryMessageRaw = { payload, headers: msg.headers, redeliveries: msg.redeliveries };
      await withTimeout(chan.handler(payload, raw), this.policies.get(chan.id)!.timeoutMs);
    } catch (err) {
      this.metricsIncrement("moleculer.channels.messages.errors.total", chan);
      this.failed(q, chan, msg, err);
    } finally {
      this.removeChannelActiveMessages(chan.id, [id]);
    }
  }

  private failed(q: GroupQueue, chan: Channel, msg: Message, err: unknown): void {
    // Shutting down: the message dies with the process (ingest queues stored images again on start).
    if (this.stopping) return;
    const decision = onFailedDelivery(err, msg.redeliveries + 1, this.policies.get(chan.id)!);
    if (decision.kind === "retry") {
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn(`'${chan.name}' (${chan.group}) failed, retry ${msg.redeliveries + 1} in ${decision.delayMs} ms: ${reason}`);
      this.metricsIncrement("moleculer.channels.messages.retries.total", chan);
      const timer = setTimeout(() => {
        q.delayed.delete(msg.seq);
        q.ready.push({ ...msg, redeliveries: msg.redeliveries + 1 });
        this.pump(q);
      }, decision.delayMs);
      q.delayed.set(msg.seq, timer);
      return;
    }
    const deadLettering = chan.deadLettering as DeadLettering;
    if (!deadLettering.enabled) {
      this.logger.error(`'${chan.name}' (${chan.group}) dropped: ${decision.reason}`);
      return;
    }
    this.logger.warn(`'${chan.name}' (${chan.group}) moved to '${deadLettering.queueName}': ${decision.reason}`);
    this.metricsIncrement("moleculer.channels.messages.deadLettering.total", chan);
    const failure: Record<string, string> = {
      [DeadLetterHeaders.channel]: this.unprefixed(chan.name),
      [DeadLetterHeaders.group]: chan.group,
      [DeadLetterHeaders.reason]: decision.reason,
      [DeadLetterHeaders.deliveries]: String(msg.redeliveries + 1),
      ...(decision.code ? { [DeadLetterHeaders.code]: decision.code } : {}),
    };
    void this.publish(deadLettering.queueName, msg.data, { raw: true, headers: { ...msg.headers, ...failure } });
  }

  /** The channel name without the namespace prefix: the key of the policies. */
  private unprefixed(name: string): string {
    return unprefixedChannel(name, this.opts.prefix);
  }
}
