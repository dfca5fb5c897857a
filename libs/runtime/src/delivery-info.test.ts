import { describe, expect, it } from "vitest";
import { deliveryInfo, headerOf } from "./delivery-info";

const natsHeaders = (entries: Record<string, string>) => ({ get: (name: string) => entries[name] ?? "" });

describe("deliveryInfo", () => {
  it.each([
    ["a first JetStream delivery", { info: { deliveryCount: 1, redelivered: false, timestampNanos: 1_700_000_000_123_000_000 } }, { deliveryCount: 1, redelivered: false, publishedAtMs: 1_700_000_000_123 }],
    ["a third JetStream delivery", { info: { deliveryCount: 3, timestampNanos: 2_000_000 } }, { deliveryCount: 3, redelivered: true, publishedAtMs: 2 }],
    ["an older client's redeliveryCount", { info: { redeliveryCount: 2 } }, { deliveryCount: 2, redelivered: true, publishedAtMs: null }],
    ["headers only (nats MsgHdrs)", { headers: natsHeaders({ "x-redelivered-count": "1", "x-published-at": "1500" }) }, { deliveryCount: 2, redelivered: true, publishedAtMs: 1500 }],
    ["headers only (plain object)", { headers: { "x-published-at": "42" } }, { deliveryCount: null, redelivered: false, publishedAtMs: 42 }],
    ["garbage", { info: { deliveryCount: "x", timestampNanos: -5 }, headers: 7 }, { deliveryCount: null, redelivered: false, publishedAtMs: null }],
    ["nothing", undefined, { deliveryCount: null, redelivered: false, publishedAtMs: null }],
    ["a flag alone", { info: { redelivered: true } }, { deliveryCount: null, redelivered: true, publishedAtMs: null }],
  ])("reads %s", (_case, raw, expected) => {
    expect(deliveryInfo(raw)).toEqual(expected);
  });

  it("reads a header from either header shape and ignores empty ones", () => {
    expect(headerOf({ headers: natsHeaders({ a: "1" }) }, "a")).toBe("1");
    expect(headerOf({ headers: { a: "2" } }, "a")).toBe("2");
    expect(headerOf({ headers: natsHeaders({}) }, "a")).toBeUndefined();
    expect(headerOf(null, "a")).toBeUndefined();
  });
});
