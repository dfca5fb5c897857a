import { Redis } from "ioredis";
import type { RateDecision, RateLimiter } from "../ports";

// INCR and the window's expiry in one atomic step: the first hit of a window starts its clock.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

export interface RedisRateLimiterOptions {
  /** The deployment's `NAMESPACE`: every key starts with `<namespace>:ratelimit:`, so deployments sharing one Redis count apart. */
  namespace: string;
  onError?: (err: Error) => void;
}

/** Fixed windows in Redis, shared by every gateway replica of one namespace on the same Redis. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(url: string, opts: RedisRateLimiterOptions) {
    this.redis = new Redis(url, { keyPrefix: `${opts.namespace}:ratelimit:`, maxRetriesPerRequest: 2, lazyConnect: true });
    this.redis.on("error", opts.onError ?? (() => undefined));
    this.redis.defineCommand("rateHit", { numberOfKeys: 1, lua: HIT });
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const [count, ttl] = (await (this.redis as unknown as { rateHit(k: string, w: number): Promise<[number, number]> }).rateHit(key, windowMs)) as [number, number];
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetMs: ttl };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
