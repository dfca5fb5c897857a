import type { Context, ServiceBroker } from "moleculer";
import type { ChannelName } from "@poke-ventory/contracts";

type ChannelBroker = ServiceBroker & {
  sendToChannel(name: string, payload: unknown, opts?: { ctx?: Context; headers?: Record<string, string> }): Promise<void>;
};

/** The JetStream header that makes a publish idempotent within the stream's duplicate window. */
export const MSG_ID_HEADER = "Nats-Msg-Id";

/**
 * The dedup id of a pipeline message: one per image and stage, so a redelivered step that publishes again (a
 * replica that timed out, then finished) stores its result once.
 */
export function pipelineMessageId(channel: string, payload: unknown): string | undefined {
  const imageId = (payload as { imageId?: unknown } | null)?.imageId;
  return typeof imageId === "string" && imageId ? `${imageId}:${channel}` : undefined;
}

/**
 * Publishes a pipeline message from inside a handler. The context travels in the message headers, so
 * the consumer continues the same trace (`ctx.headers.traceparent`).
 */
export function publish<T>(ctx: Context, channel: ChannelName, payload: T): Promise<void> {
  const id = pipelineMessageId(channel, payload);
  return (ctx.broker as ChannelBroker).sendToChannel(channel, payload, { ctx, headers: id ? { [MSG_ID_HEADER]: id } : {} });
}
