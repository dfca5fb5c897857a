import { systemClock, type Clock } from "@poke-ventory/runtime";
import type { LeaseStore } from "../ports";

/** Leases in process memory (embedded mode, tests), timed by an injected clock. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  async grant(key: string, ttlSeconds: number): Promise<void> {
    this.expiries.set(key, this.clock.now().getTime() + ttlSeconds * 1000);
  }

  async refresh(key: string, ttlSeconds: number): Promise<boolean> {
    if (!(await this.isLive(key))) return false;
    await this.grant(key, ttlSeconds);
    return true;
  }

  async isLive(key: string): Promise<boolean> {
    return (await this.remainingMs(key)) !== null;
  }

  async remainingMs(key: string): Promise<number | null> {
    const expiry = this.expiries.get(key);
    if (expiry === undefined) return null;
    const left = expiry - this.clock.now().getTime();
    if (left > 0) return left;
    this.expiries.delete(key);
    return null;
  }

  async revoke(key: string): Promise<void> {
    this.expiries.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.expiries.clear();
  }
}
