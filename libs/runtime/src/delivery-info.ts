/** What a channel message says about its delivery, read defensively from the raw message of any adapter. */
export interface DeliveryInfo {
  /** 1 on the first delivery; null when the adapter does not say. */
  deliveryCount: number | null;
  redelivered: boolean;
  /** When the message was stored (JetStream) or published, in ms since the epoch; null when unknown. */
  publishedAtMs: number | null;
}

type Headers = { get?: (name: string) => string | undefined } | Record<string, unknown> | undefined;
type RawLike = {
  info?: { deliveryCount?: unknown; redeliveryCount?: unknown; redelivered?: unknown; timestampNanos?: unknown };
  headers?: Headers;
};

const PUBLISHED_AT_HEADER = "x-published-at";
const REDELIVERED_HEADER = "x-redelivered-count";

/** A header of a nats `MsgHdrs` (`get`) or of a plain object, as a string. */
export function headerOf(raw: unknown, name: string): string | undefined {
  const headers = (raw as RawLike | undefined)?.headers;
  if (!headers || typeof headers !== "object") return undefined;
  const value = typeof headers.get === "function" ? (headers.get as (n: string) => unknown)(name) : (headers as Record<string, unknown>)[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

const finite = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

/**
 * Reads a JetStream message's `info` (`deliveryCount`/`redeliveryCount`, `timestampNanos`) or, failing that,
 * `x-redelivered-count` / `x-published-at` headers. Anything missing or malformed reads as unknown.
 */
export function deliveryInfo(raw: unknown): DeliveryInfo {
  const info = raw && typeof raw === "object" ? (raw as RawLike).info : undefined;
  const fromInfo = finite(info?.deliveryCount) ?? finite(info?.redeliveryCount);
  const fromHeader = finite(headerOf(raw, REDELIVERED_HEADER));
  const deliveryCount = fromInfo ?? (fromHeader === null ? null : fromHeader + 1);
  const redelivered = info?.redelivered === true || (deliveryCount !== null && deliveryCount > 1);
  const nanos = finite(info?.timestampNanos);
  const publishedAtMs = nanos !== null && nanos > 0 ? nanos / 1e6 : finite(headerOf(raw, PUBLISHED_AT_HEADER));
  return { deliveryCount, redelivered, publishedAtMs };
}
