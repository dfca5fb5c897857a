import { DeadLetterHeaders } from "@poke-ventory/contracts";

export interface DeadLetterInfo {
  /** The channel and group that gave up (unprefixed channel name). */
  channel?: string;
  group?: string;
  reason?: string;
  code?: string;
  deliveries?: number;
}

type RawWithHeaders = { headers?: { get(key: string): string } } | null | undefined;

/** What a dead-lettered message says about its failure (read from the `raw` message a channel handler gets). */
export function deadLetterOf(raw: unknown): DeadLetterInfo {
  const headers = (raw as RawWithHeaders)?.headers;
  if (!headers || typeof headers.get !== "function") return {};
  const get = (key: string) => headers.get(key) || undefined;
  const deliveries = Number(get(DeadLetterHeaders.deliveries));
  return {
    channel: get(DeadLetterHeaders.channel),
    group: get(DeadLetterHeaders.group),
    reason: get(DeadLetterHeaders.reason),
    code: get(DeadLetterHeaders.code),
    deliveries: Number.isFinite(deliveries) && deliveries > 0 ? deliveries : undefined,
  };
}
