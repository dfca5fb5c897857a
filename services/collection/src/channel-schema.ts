import type { Context, ServiceSchema } from "moleculer";

/** A durable-channel subscription as `@moleculer/channels` reads it (with `context: true`). */
export interface ChannelHandler<P> {
  group: string;
  maxInFlight?: number;
  handler(ctx: Context<P>): Promise<unknown>;
}

/** A service schema with `channels:` (the channels middleware adds the key; moleculer's type lacks it). */
export type ChannelServiceSchema = ServiceSchema & { channels: Record<string, ChannelHandler<never>> };
