import { DeadLetterHeaders } from "@poke-ventory/contracts";

export interface DeadLetterInfo {
  /** The channel and group that gave up (unprefixed channel name). */
  channel?: string;
  group?: string;
  reason?: string;
  code?: string;
  deliveries?: number;
}

/** A JetStream message's headers, or the plain record of the in-process adapter's messages. */
type RawWithHeaders = { headers?: { get(key: string): string } | Record<string, string> } | null | undefined;

/** What a dead-lettered message says about its failure (read from the `raw` message a channel handler gets). */
export function deadLetterOf(raw: unknown): DeadLetterInfo {
  const headers = (raw as RawWithHeaders)?.headers;
  if (!headers) return {};
  const get = (key: string) =>
    (typeof headers.get === "function" ? (headers.get as (k: string) => string)(key) : (headers as Record<string, string>)[key]) || undefined;
  const deliveries = Number(get(DeadLetterHeaders.deliveries));
  return {
    channel: get(DeadLetterHeaders.channel),
    group: get(DeadLetterHeaders.group),
    reason: get(DeadLetterHeaders.reason),
    code: get(DeadLetterHeaders.code),
    deliveries: Number.isFinite(deliveries) && deliveries > 0 ? deliveries : undefined,
  };
}
