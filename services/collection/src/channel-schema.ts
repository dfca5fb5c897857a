import type { Context, ServiceSchema } from "moleculer";

/** A durable-channel subscription as `@moleculer/channels` reads it (with `context: true`). */
export interface ChannelHandler<P> {
  group: string;
  maxInFlight?: number;
  handler(ctx: Context<P>): Promise<unknown>;
}

/** A service schema with `channels:` (the channels middleware adds the key; moleculer's type lacks it). */
export type ChannelServiceSchema = ServiceSchema & { channels: Record<string, ChannelHandler<never>> };

/** The local action key of a fully qualified contract name: `collection.getDraft` → `getDraft`. */
export const actionKey = (fullName: string) => fullName.slice(fullName.indexOf(".") + 1);

/** The service part of a fully qualified contract name: `collection.getDraft` → `collection`. */
export const serviceName = (fullName: string) => fullName.slice(0, fullName.indexOf("."));
