import { describe, expect, it } from "vitest";
import { PermanentMessageError, type ChannelPolicy } from "@poke-ventory/contracts";
import { onArrival, onFailedDelivery } from "./delivery-decision";

const policy: ChannelPolicy = { maxInFlight: 1, ackWaitMs: 5_000, maxDeliver: 4, backoffMs: [1_000, 5_000, 30_000], timeoutMs: 10_000 };

describe("onFailedDelivery", () => {
  it.each([
    [1, { kind: "retry", delayMs: 1_000 }],
    [2, { kind: "retry", delayMs: 5_000 }],
    [3, { kind: "retry", delayMs: 30_000 }],
    [4, { kind: "dead-letter", reason: "failed after 4 attempts: db down" }],
    [9, { kind: "dead-letter", reason: "failed after 9 attempts: db down" }],
  ])("after failed attempt %i → %o", (delivery, expected) => {
    expect(onFailedDelivery(new Error("db down"), delivery, policy)).toEqual(expected);
  });

  it("repeats the last backoff when there are more attempts than delays, and retries at once without backoff", () => {
    expect(onFailedDelivery(new Error("x"), 3, { ...policy, maxDeliver: 10, backoffMs: [100] })).toEqual({ kind: "retry", delayMs: 100 });
    expect(onFailedDelivery(new Error("x"), 1, { ...policy, backoffMs: [] })).toEqual({ kind: "retry", delayMs: 0 });
  });

  it("dead-letters a permanent failure on its first attempt, with its code", () => {
    expect(onFailedDelivery(new PermanentMessageError("OBJECT_MISSING", "object gone"), 1, policy)).toEqual({
      kind: "dead-letter",
      reason: "object gone",
      code: "OBJECT_MISSING",
    });
  });

  it("describes a non-Error rejection", () => {
    expect(onFailedDelivery("boom", 4, policy)).toEqual({ kind: "dead-letter", reason: "failed after 4 attempts: boom" });
  });
});

describe("onArrival", () => {
  it.each([
    [1, null],
    [4, null],
  ])("runs attempt %i", (delivery, expected) => expect(onArrival(delivery, policy)).toBe(expected));

  it("dead-letters a delivery past the last attempt without running it", () => {
    expect(onArrival(5, policy)).toMatchObject({ kind: "dead-letter" });
  });
});
