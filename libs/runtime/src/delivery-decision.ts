import type { ChannelPolicy } from "@poke-ventory/contracts";

/** What to do with a delivery whose handler failed, or that arrives past its last attempt. */
export type DeliveryDecision =
  | { kind: "retry"; delayMs: number }
  | { kind: "dead-letter"; reason: string; code?: string };

type FailureLike = { permanent?: unknown; code?: unknown; message?: unknown };

const describe = (err: unknown) => {
  const message = (err as FailureLike)?.message;
  return typeof message === "string" && message ? message : String(err);
};

/**
 * After attempt `delivery` (1-based) failed with `err`: a permanent failure goes to the dead letter at once; otherwise
 * the message comes back after the policy's backoff, until `maxDeliver` attempts have failed.
 */
export function onFailedDelivery(err: unknown, delivery: number, policy: ChannelPolicy): DeliveryDecision {
  const failure = err as FailureLike;
  if (failure?.permanent === true) {
    return { kind: "dead-letter", reason: describe(err), code: typeof failure.code === "string" ? failure.code : undefined };
  }
  if (delivery >= policy.maxDeliver) {
    return { kind: "dead-letter", reason: `failed after ${delivery} attempts: ${describe(err)}` };
  }
  const { backoffMs } = policy;
  const delayMs = backoffMs.length ? backoffMs[Math.min(delivery, backoffMs.length) - 1] : 0;
  return { kind: "retry", delayMs };
}

/**
 * A delivery past the last attempt means the previous attempt never finished (its process died or it hung past the
 * ack wait): it is dead-lettered without running the handler again, so an image that kills its process stops there.
 */
export function onArrival(delivery: number, policy: ChannelPolicy): DeliveryDecision | null {
  return delivery > policy.maxDeliver
    ? { kind: "dead-letter", reason: `no outcome after ${policy.maxDeliver} attempts (the process was lost or the attempt hung)` }
    : null;
}
