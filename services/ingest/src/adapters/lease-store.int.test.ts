import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { testInfra } from "@poke-ventory/testing";
import type { LeaseStore } from "../ports";
import { MemoryLeaseStore } from "./memory-lease-store";
import { RedisLeaseStore } from "./redis-lease-store";

const prefix = `pv-test:${randomUUID()}:`;
const stores: Array<[string, () => LeaseStore]> = [
  ["RedisLeaseStore", () => new RedisLeaseStore(testInfra.redisUrl, { keyPrefix: prefix })],
  ["MemoryLeaseStore", () => new MemoryLeaseStore()],
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(stores)("LeaseStore contract: %s", (_name, open) => {
  const leases = open();
  afterAll(() => leases.close());

  it("answers ping", async () => {
    await expect(leases.ping()).resolves.toBeUndefined();
  });

  it("grants a lease with a TTL that lapses on its own", async () => {
    await leases.grant("image:a", 1);
    expect(await leases.isLive("image:a")).toBe(true);
    const left = await leases.remainingMs("image:a");
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(1000);
    await sleep(1200);
    expect(await leases.isLive("image:a")).toBe(false);
    expect(await leases.remainingMs("image:a")).toBeNull();
  });

  it("refresh extends a live lease and reports a missing one", async () => {
    await leases.grant("image:b", 1);
    expect(await leases.refresh("image:b", 30)).toBe(true);
    expect(await leases.remainingMs("image:b")).toBeGreaterThan(10_000);
    expect(await leases.refresh("image:never", 30)).toBe(false);
    expect(await leases.isLive("image:never")).toBe(false);
  });

  it("revoke removes a lease; revoking a missing one is fine", async () => {
    await leases.grant("image:c", 30);
    await leases.revoke("image:c");
    expect(await leases.isLive("image:c")).toBe(false);
    await expect(leases.revoke("image:c")).resolves.toBeUndefined();
  });
});

describe("RedisLeaseStore keys", () => {
  it("is the Redis key image:<id> with a TTL", async () => {
    const leases = new RedisLeaseStore(testInfra.redisUrl);
    const redis = new Redis(testInfra.redisUrl);
    const key = `image:${randomUUID()}`;
    try {
      await leases.grant(key, 60);
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(50);
      expect(ttl).toBeLessThanOrEqual(60);
    } finally {
      await redis.del(key);
      redis.disconnect();
      await leases.close();
    }
  });

  it("fails ping when Redis cannot be reached", async () => {
    const leases = new RedisLeaseStore("redis://127.0.0.1:1");
    await expect(leases.ping()).rejects.toThrow();
    await leases.close();
  });
});
