import type { Middleware } from "moleculer";

type Handler = (ctx: unknown, raw: unknown) => Promise<unknown>;
type Raw = { working?: () => void } | undefined;

/**
 * Caps how many messages of a channel one process handles at once (`maxInFlight` of the channel).
 * The JetStream adapter delivers up to the consumer's `max_ack_pending` to whichever instance is
 * subscribed, so without this a vision pod would start every pending image at once. While a message
 * waits or runs, its ack timer is kept alive (`working()`), so it is not redelivered to another pod.
 */
export function ChannelConcurrencyMiddleware(opts: { heartbeatMs?: number } = {}): Middleware {
  const heartbeatMs = opts.heartbeatMs ?? 10_000;
  return {
    name: "ChannelConcurrency",
    localChannel(next: Handler, chan: { maxInFlight?: number }) {
      const limit = chan.maxInFlight && chan.maxInFlight > 0 ? chan.maxInFlight : Infinity;
      let running = 0;
      const waiting: (() => void)[] = [];
      const acquire = () => (running < limit ? (running++, Promise.resolve()) : new Promise<void>((r) => waiting.push(r)));
      const release = () => {
        const wake = waiting.shift();
        if (wake) wake();
        else running--;
      };
      return async (ctx: unknown, raw: unknown) => {
        const working = (raw as Raw)?.working;
        const timer = typeof working === "function" ? setInterval(() => working.call(raw), heartbeatMs) : null;
        try {
          await acquire();
          try {
            return await next(ctx, raw);
          } finally {
            release();
          }
        } finally {
          if (timer) clearInterval(timer);
        }
      };
    },
  } as unknown as Middleware;
}
