import { Redis } from "ioredis";
import type { LeaseStore } from "../ports";

export interface RedisLeaseStoreOptions {
  /** Prepended to every key (separates deployments or test runs on one Redis). */
  keyPrefix?: string;
  /** Connection problems (commands still reject on their own); ioredis would otherwise print them. */
  onError?: (err: Error) => void;
}

/** Leases as Redis keys with a TTL: the key's expiry is the lease's. */
export class RedisLeaseStore implements LeaseStore {
  private readonly redis: Redis;

  constructor(url: string, opts: RedisLeaseStoreOptions = {}) {
    this.redis = new Redis(url, { keyPrefix: opts.keyPrefix, maxRetriesPerRequest: 2, lazyConnect: true });
    this.redis.on("error", opts.onError ?? (() => undefined));
  }

  async grant(key: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, "1", "EX", ttlSeconds);
  }

  async refresh(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.expire(key, ttlSeconds)) === 1;
  }

  async isLive(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }

  async remainingMs(key: string): Promise<number | null> {
    const ms = await this.redis.pttl(key);
    return ms >= 0 ? ms : null;
  }

  async revoke(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
