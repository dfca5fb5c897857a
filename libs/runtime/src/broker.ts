import { ServiceBroker, type BrokerOptions, type Middleware } from "moleculer";
import { Middleware as ChannelsMiddleware } from "@moleculer/channels";
import { DEAD_LETTER_CHANNEL, IDEMPOTENT_ACTIONS, type ChannelPolicy } from "@poke-ventory/contracts";
import { TracingMiddleware } from "./tracing";
import { ChannelMetricsMiddleware } from "./channel-metrics";
import { IdempotentRetryMiddleware } from "./idempotent-retry";
import { JetStreamPullAdapter } from "./jetstream-pull-adapter";
import { PIPELINE_TOPOLOGY } from "./jetstream";
import { MemoryChannelAdapter } from "./memory-channel-adapter";
import { toMoleculerError } from "./errors";
import type { InfraConfig } from "./config";

export const DEFAULT_NAMESPACE = "poke-ventory";

export interface CreateBrokerOptions {
  /** Unset: in-process transport and channels (embedded mode). */
  natsUrl?: string;
  nodeId?: string;
  /** Separates deployments (and test runs) sharing one NATS: prefixes subjects, streams and channels. */
  namespace?: string;
  logLevel?: InfraConfig["LOG_LEVEL"];
  logFormat?: InfraConfig["LOG_FORMAT"];
  /** false silences the broker (tests). */
  logger?: boolean;
  metricsPort?: number;
  /** On stop, how long held channel messages may finish before they are handed back to another replica. */
  stopGraceMs?: number;
  /** Operator overrides of every channel's policy (`CHANNEL_MAX_DELIVER`, `CHANNEL_BACKOFF_MS`: {@link channelPolicyOverrides}). */
  channelPolicy?: Partial<ChannelPolicy>;
  /** Embedded mode: delays before each retry (tests shorten them). */
  retryBackoffMs?: readonly number[];
  requestTimeoutMs?: number;
  /** Test hook: fail channel deliveries by raising errors, e.g. to prove retries. */
  extraMiddlewares?: Middleware[];
}

/**
 * The one way services get a broker: JSON logs, the shared error handler, tracing propagation, and
 * durable channels (JetStream pull consumers when `natsUrl` is set, the in-process `MemoryChannelAdapter` otherwise).
 */
export function createBroker(opts: CreateBrokerOptions): ServiceBroker {
  // Over NATS: pull consumers with the per-channel failure policy (retries, backoff, dead letter) of the contracts.
  const channelsAdapter = opts.natsUrl
    ? new JetStreamPullAdapter({ url: opts.natsUrl, stopGraceMs: opts.stopGraceMs, policy: opts.channelPolicy })
    : new MemoryChannelAdapter({
        topology: PIPELINE_TOPOLOGY,
        deadLettering: { enabled: true, queueName: DEAD_LETTER_CHANNEL },
        retryBackoffMs: opts.retryBackoffMs,
        policy: opts.channelPolicy,
      });

  const config: BrokerOptions = {
    nodeID: opts.nodeId,
    namespace: opts.namespace ?? DEFAULT_NAMESPACE,
    transporter: opts.natsUrl ? { type: "NATS", options: { url: opts.natsUrl } } : undefined,
    logger:
      opts.logger === false
        ? false
        : { type: "Console", options: { level: opts.logLevel ?? "info", formatter: opts.logFormat === "short" ? "short" : "json", colors: false } },
    logLevel: opts.logLevel ?? "info",
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    serializer: "JSON",
    transit: { serviceChangedDebounceTime: 100 } as BrokerOptions["transit"],
    registry: { strategy: "RoundRobin", preferLocal: true },
    // A killed node is dropped within 6–12 s (not 30–45 s); its pending calls are rejected, and the reads in
    // IDEMPOTENT_ACTIONS (only those: IdempotentRetryMiddleware) are retried on another instance.
    heartbeatInterval: 2,
    heartbeatTimeout: 6,
    retryPolicy: { enabled: false, retries: 3, delay: 200, maxDelay: 2000, factor: 2, check: (err: Error) => !!(err as { retryable?: boolean })?.retryable },
    metrics: opts.metricsPort
      ? { enabled: true, reporter: [{ type: "Prometheus", options: { port: opts.metricsPort, path: "/metrics" } }] }
      : { enabled: false },
    errorHandler(err: Error) {
      throw toMoleculerError(err);
    },
    middlewares: [
      ...(opts.extraMiddlewares ?? []),
      IdempotentRetryMiddleware(IDEMPOTENT_ACTIONS),
      ChannelsMiddleware({ adapter: channelsAdapter, context: true } as never) as unknown as Middleware,
      ChannelMetricsMiddleware({ natsUrl: opts.natsUrl }),
      TracingMiddleware(),
    ],
  };
  return new ServiceBroker(config);
}
