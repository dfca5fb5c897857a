import { connect, type NatsConnection } from "nats";

/** One durable consumer to watch, with the labels its samples carry. */
export interface WatchedConsumer {
  stream: string;
  durable: string;
  labels: Record<string, string>;
}

export interface ConsumerLagSample {
  /** Messages in the stream not yet delivered to the consumer: the backlog an autoscaler reads. */
  pending: number;
  /** Delivered and not yet acknowledged: what the consumer's processes hold. */
  ackPending: number;
}

export interface ConsumerLagPoller {
  /** Polls once now (tests; the timer polls on its own). */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads JetStream consumer info every `intervalMs` and hands each consumer's lag to `onSample`. A consumer that
 * does not exist (yet) or a NATS hiccup is reported to `onError` and tried again on the next tick.
 */
export async function pollConsumerLag(opts: {
  natsUrl: string;
  consumers: () => WatchedConsumer[];
  intervalMs: number;
  onSample: (consumer: WatchedConsumer, sample: ConsumerLagSample) => void;
  onError?: (consumer: WatchedConsumer, err: unknown) => void;
}): Promise<ConsumerLagPoller> {
  const servers = opts.natsUrl.split(",").map((s) => new URL(s).host);
  const nc: NatsConnection = await connect({ servers, name: "consumer-lag" });
  const jsm = await nc.jetstreamManager();
  let running: Promise<void> = Promise.resolve();
  const poll = () =>
    (running = Promise.all(
      opts.consumers().map(async (consumer) => {
        try {
          const info = await jsm.consumers.info(consumer.stream, consumer.durable);
          opts.onSample(consumer, { pending: info.num_pending, ackPending: info.num_ack_pending });
        } catch (err) {
          opts.onError?.(consumer, err);
        }
      }),
    ).then(() => undefined));
  const timer = setInterval(() => void poll(), opts.intervalMs);
  timer.unref();
  void poll();
  return {
    poll,
    stop: async () => {
      clearInterval(timer);
      await running;
      await nc.close();
    },
  };
}
