import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "./concurrency-limit";

describe("concurrencyLimit", () => {
  it.each([1, 2, 3])("never runs more than %i tasks at once, and runs them all", async (max) => {
    const limit = concurrencyLimit(max);
    let running = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (i === 3) throw new Error("boom");
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => limit(task(i))));
    expect(peak).toBe(max);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(7);
  });
});
