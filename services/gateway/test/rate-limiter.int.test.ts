import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { systemClock } from "@poke-ventory/runtime";
import { testInfra } from "@poke-ventory/testing";
import { MemoryRateLimiter } from "../src/adapters/memory-rate-limiter";
import { RedisRateLimiter } from "../src/adapters/redis-rate-limiter";
import type { RateLimiter } from "../src/ports";

const namespace = `test-${randomUUID()}`;
const opened: RateLimiter[] = [];
const open = <T extends RateLimiter>(limiter: T) => (opened.push(limiter), limiter);
afterAll(() => Promise.all(opened.map((l) => l.close())));

/** One contract, run against every adapter of the port. */
describe.each([
  ["MemoryRateLimiter", () => open(new MemoryRateLimiter(systemClock))],
  ["RedisRateLimiter", () => open(new RedisRateLimiter(testInfra.redisUrl, { namespace }))],
])("%s", (_name, make) => {
  const limiter = make();
  const key = () => randomUUID();

  it("allows `limit` hits per window, counting down, then refuses with the time to the reset", async () => {
    const k = key();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit(k, 3, 60_000));
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
    expect(decisions.every((d) => d.limit === 3)).toBe(true);
    expect(decisions[3].resetMs).toBeGreaterThan(55_000);
    expect(decisions[3].resetMs).toBeLessThanOrEqual(60_000);
  });

  it("counts keys apart", async () => {
    const [a, b] = [key(), key()];
    await limiter.hit(a, 1, 60_000);
    expect((await limiter.hit(a, 1, 60_000)).allowed).toBe(false);
    expect((await limiter.hit(b, 1, 60_000)).allowed).toBe(true);
  });

  it("starts a new window once the old one has passed", async () => {
    const k = key();
    await limiter.hit(k, 1, 150);
    expect((await limiter.hit(k, 1, 150)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(await limiter.hit(k, 1, 150)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("counts every one of many concurrent hits exactly once", async () => {
    const k = key();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(k, 20, 60_000)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
  });
});

describe("RedisRateLimiter across replicas", () => {
  it("shares one budget between two gateways on the same Redis", async () => {
    const [a, b] = [open(new RedisRateLimiter(testInfra.redisUrl, { namespace })), open(new RedisRateLimiter(testInfra.redisUrl, { namespace }))];
    const k = randomUUID();
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await (i % 2 ? a : b).hit(k, 6, 60_000));
    expect(results.map((d) => d.allowed)).toEqual([true, true, true, true, true, true, false, false, false, false]);
  });

  it("counts two namespaces on the same Redis apart, under `<namespace>:ratelimit:`", async () => {
    const other = `test-${randomUUID()}`;
    const [a, b] = [open(new RedisRateLimiter(testInfra.redisUrl, { namespace })), open(new RedisRateLimiter(testInfra.redisUrl, { namespace: other }))];
    const k = randomUUID();
    expect((await a.hit(k, 1, 60_000)).allowed).toBe(true);
    expect((await a.hit(k, 1, 60_000)).allowed).toBe(false);
    expect((await b.hit(k, 1, 60_000)).allowed).toBe(true);
    const redis = new Redis(testInfra.redisUrl);
    try {
      expect(await redis.get(`${namespace}:ratelimit:${k}`)).toBe("2");
      expect(await redis.get(`${other}:ratelimit:${k}`)).toBe("1");
    } finally {
      redis.disconnect();
    }
  });
});
