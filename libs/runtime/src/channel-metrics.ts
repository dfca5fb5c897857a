import { trace } from "@opentelemetry/api";
import type { Middleware, ServiceBroker } from "moleculer";
import { DEAD_LETTER_CHANNEL, DeadLetterHeaders } from "@poke-ventory/contracts";
import { deliveryInfo, headerOf } from "./delivery-info";
import { pollConsumerLag, type ConsumerLagPoller, type WatchedConsumer } from "./consumer-lag";
import { durableName, streamName } from "./jetstream";

/** Metric names (Prometheus turns dots into underscores). */
export const ChannelMetrics = {
  serviceTime: "pipeline.stage.service.seconds",
  queueWait: "pipeline.stage.queue_wait.seconds",
  handled: "pipeline.channel.handled.total",
  failed: "pipeline.channel.failed.total",
  redelivered: "pipeline.channel.redelivered.total",
  deadLettered: "pipeline.channel.dead_lettered.total",
  pending: "pipeline.consumer.pending",
  ackPending: "pipeline.consumer.ack_pending",
} as const;

const BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

type Handler = (ctx: unknown, raw: unknown) => Promise<unknown>;
type Ctx = { params?: { imageId?: unknown }; headers?: { traceparent?: unknown } };

function registerMetrics(broker: ServiceBroker) {
  const labelNames = ["channel", "group"];
  const histogram = (name: string, description: string) =>
    // Moleculer's Prometheus reporter writes `_sum` and `_count` only for histograms with quantiles.
    broker.metrics.register({ type: "histogram", name, labelNames, unit: "seconds", buckets: BUCKETS, quantiles: [0.5, 0.9, 0.99], description });
  histogram(ChannelMetrics.serviceTime, "Time a stage's handler worked on a message");
  histogram(ChannelMetrics.queueWait, "Time from publish to the handler's start (JetStream and local wait)");
  const counter = (name: string, description: string) => broker.metrics.register({ type: "counter", name, labelNames, description });
  counter(ChannelMetrics.handled, "Messages handled successfully");
  counter(ChannelMetrics.failed, "Handler failures (retried or dead-lettered)");
  counter(ChannelMetrics.redelivered, "Deliveries that were redeliveries");
  counter(ChannelMetrics.deadLettered, "Messages that reached the dead letter, by the channel they failed on");
  const gauge = (name: string, description: string) => broker.metrics.register({ type: "gauge", name, labelNames, description });
  gauge(ChannelMetrics.pending, "Consumer lag: messages in JetStream not yet delivered");
  gauge(ChannelMetrics.ackPending, "Messages delivered and not yet acknowledged");
}

const traceIdOf = (ctx: Ctx | undefined) => {
  const active = trace.getActiveSpan()?.spanContext().traceId;
  if (active) return active;
  const parent = ctx?.headers?.traceparent;
  return typeof parent === "string" ? (parent.split("-")[1] ?? null) : null;
};

/**
 * Per channel and consumer group: service time and queue wait as separate histograms, handled / failed /
 * redelivered / dead-lettered counters, and the consumer's lag polled from JetStream (`natsUrl` set). One log
 * line per message and stage with the trace id. The channel adapters call handlers once a slot is free, so service
 * time starts when a slot is taken and the wait for it counts as queue wait.
 */
export function ChannelMetricsMiddleware(opts: { natsUrl?: string; lagPollMs?: number; now?: () => number } = {}): Middleware {
  const now = opts.now ?? Date.now;
  const watched = new Map<string, { channel: string; group: string }>();
  let broker: ServiceBroker;
  let metricsOn = false;
  let poller: ConsumerLagPoller | null = null;
  const label = (name: string) => (name.startsWith(`${broker.namespace}.`) ? name.slice(broker.namespace.length + 1) : name);

  return {
    name: "ChannelMetrics",
    created(b: ServiceBroker) {
      broker = b;
      metricsOn = b.isMetricsEnabled();
      if (metricsOn) registerMetrics(b);
    },
    localChannel(next: Handler, chan: { name: string; group: string }) {
      const labels = { channel: label(chan.name), group: chan.group };
      watched.set(`${labels.channel}\u0000${labels.group}`, labels);
      return async (ctx: Ctx, raw: unknown) => {
        const started = now();
        const delivery = deliveryInfo(raw);
        const queueWaitMs = delivery.publishedAtMs === null ? null : Math.max(0, started - delivery.publishedAtMs);
        let outcome = "handled";
        try {
          return await next(ctx, raw);
        } catch (err) {
          outcome = "failed";
          throw err;
        } finally {
          const serviceMs = now() - started;
          if (metricsOn) {
            broker.metrics.observe(ChannelMetrics.serviceTime, serviceMs / 1000, labels);
            if (queueWaitMs !== null) broker.metrics.observe(ChannelMetrics.queueWait, queueWaitMs / 1000, labels);
            broker.metrics.increment(outcome === "failed" ? ChannelMetrics.failed : ChannelMetrics.handled, labels);
            if (delivery.redelivered) broker.metrics.increment(ChannelMetrics.redelivered, labels);
            if (labels.channel === DEAD_LETTER_CHANNEL) {
              const original = headerOf(raw, DeadLetterHeaders.channel);
              const group = headerOf(raw, DeadLetterHeaders.group) ?? "unknown";
              broker.metrics.increment(ChannelMetrics.deadLettered, { channel: original ? label(original) : "unknown", group });
            }
          }
          const imageId = ctx?.params?.imageId;
          const fields = {
            channel: labels.channel,
            group: labels.group,
            imageId: typeof imageId === "string" ? imageId : null,
            traceId: traceIdOf(ctx),
            outcome,
            serviceMs,
            queueWaitMs,
            delivery: delivery.deliveryCount,
          };
          broker.logger.info(`stage ${JSON.stringify(fields)}`);
        }
      };
    },
    async started() {
      if (!metricsOn || !opts.natsUrl || watched.size === 0) return;
      const consumers = (): WatchedConsumer[] =>
        [...watched.values()].map((labels) => ({ stream: streamName(`${broker.namespace}.${labels.channel}`), durable: durableName(labels.group), labels }));
      // Lag is a reading, not a duty: without it the service still works, so a failed connection only warns.
      poller = await pollConsumerLag({
        natsUrl: opts.natsUrl,
        consumers,
        intervalMs: opts.lagPollMs ?? 10_000,
        onSample: (consumer, sample) => {
          broker.metrics.set(ChannelMetrics.pending, sample.pending, consumer.labels);
          broker.metrics.set(ChannelMetrics.ackPending, sample.ackPending, consumer.labels);
        },
        onError: (consumer, err) => broker.logger.debug(`consumer lag of ${consumer.stream}/${consumer.durable}: ${String(err)}`),
      }).catch((err: unknown) => {
        broker.logger.warn(`consumer lag metrics off: ${String(err)}`);
        return null;
      });
    },
    async stopped() {
      await poller?.stop();
      poller = null;
    },
  } as unknown as Middleware;
}
