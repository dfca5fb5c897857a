import { describe, expect, it } from "vitest";
import { ManualClock } from "../manual-clock";
import { MemoryLeaseStore } from "./memory-lease-store";

describe("MemoryLeaseStore", () => {
  it.each([
    ["just before the TTL", 9_999, true],
    ["at the TTL", 10_000, false],
    ["after the TTL", 60_000, false],
  ])("a 10 s lease %s is live: %s", async (_name, elapsed, live) => {
    const clock = new ManualClock();
    const leases = new MemoryLeaseStore(clock);
    await leases.grant("image:1", 10);
    clock.advance(elapsed);
    expect(await leases.isLive("image:1")).toBe(live);
  });

  it("refresh extends a live lease and reports a lapsed one", async () => {
    const clock = new ManualClock();
    const leases = new MemoryLeaseStore(clock);
    await leases.grant("image:1", 10);
    clock.advance(8_000);
    expect(await leases.refresh("image:1", 10)).toBe(true);
    expect(await leases.remainingMs("image:1")).toBe(10_000);
    clock.advance(10_000);
    expect(await leases.refresh("image:1", 10)).toBe(false);
    expect(await leases.remainingMs("image:1")).toBeNull();
  });

  it("revoke ends a lease at once", async () => {
    const leases = new MemoryLeaseStore(new ManualClock());
    await leases.grant("image:1", 10);
    await leases.revoke("image:1");
    expect(await leases.isLive("image:1")).toBe(false);
  });
});
