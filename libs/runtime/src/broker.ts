import { ServiceBroker, type BrokerOptions, type Middleware } from "moleculer";
import { Middleware as ChannelsMiddleware } from "@moleculer/channels";
import { TracingMiddleware } from "./tracing";
import { ChannelConcurrencyMiddleware } from "./channel-concurrency";
import { JetStreamPullAdapter } from "./jetstream-pull-adapter";
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
  requestTimeoutMs?: number;
  /** Test hook: fail channel deliveries by raising errors, e.g. to prove retries. */
  extraMiddlewares?: Middleware[];
}

/**
 * The one way services get a broker: JSON logs, the shared error handler, tracing propagation, and
 * durable channels (JetStream pull consumers when `natsUrl` is set, Moleculer events otherwise).
 */
export function createBroker(opts: CreateBrokerOptions): ServiceBroker {
  // Over NATS: pull consumers with the per-channel failure policy (retries, backoff, dead letter) of the contracts.
  const channelsAdapter = opts.natsUrl
    ? new JetStreamPullAdapter({ url: opts.natsUrl, stopGraceMs: opts.stopGraceMs })
    : { type: "Fake", options: { maxRetries: 0 } };

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
    metrics: opts.metricsPort
      ? { enabled: true, reporter: [{ type: "Prometheus", options: { port: opts.metricsPort, path: "/metrics" } }] }
      : { enabled: false },
    errorHandler(err: Error) {
      throw toMoleculerError(err);
    },
    middlewares: [
      ...(opts.extraMiddlewares ?? []),
      ChannelsMiddleware({ adapter: channelsAdapter, context: true } as never) as unknown as Middleware,
      // The pull adapter fetches only free slots itself; in-process channels need the cap here.
      ...(opts.natsUrl ? [] : [ChannelConcurrencyMiddleware()]),
      TracingMiddleware(),
    ],
  };
  return new ServiceBroker(config);
}
