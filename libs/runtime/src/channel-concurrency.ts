import type { Middleware } from "moleculer";

type Handler = (ctx: unknown, raw: unknown) => Promise<unknown>;

/**
 * Caps how many messages of a channel one process handles at once (`maxInFlight` of the channel) for adapters that
 * push messages (the in-process one of embedded mode). Not installed over NATS: the JetStream pull adapter fetches
 * only its free slots, and a handler past its time limit frees its slot there.
 */
export function ChannelConcurrencyMiddleware(): Middleware {
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
        await acquire();
        try {
          return await next(ctx, raw);
        } finally {
          release();
        }
      };
    },
  } as unknown as Middleware;
}
