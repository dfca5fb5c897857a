import type { Context, ServiceBroker } from "moleculer";
import type { ChannelName } from "@poke-ventory/contracts";

type ChannelBroker = ServiceBroker & {
  sendToChannel(name: string, payload: unknown, opts?: { ctx?: Context; headers?: Record<string, string> }): Promise<void>;
};

/**
 * Publishes a pipeline message from inside a handler. The context travels in the message headers, so
 * the consumer continues the same trace (`ctx.headers.traceparent`).
 */
export function publish<T>(ctx: Context, channel: ChannelName, payload: T): Promise<void> {
  return (ctx.broker as ChannelBroker).sendToChannel(channel, payload, { ctx });
}
