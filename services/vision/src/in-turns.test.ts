import { describe, expect, it } from "vitest";
import { inTurns } from "./in-turns";

describe("inTurns", () => {
  it("runs at most `limit` at once and gives the results in the items' order", async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 10];
    const results = await inTurns(delays, 2, async (ms) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(2);
  });

  it("gives nothing for no items, and one at a time when limited to one", async () => {
    expect(await inTurns([], 2, async () => 1)).toEqual([]);
    let running = 0;
    let most = 0;
    await inTurns([1, 2, 3], 1, async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
    });
    expect(most).toBe(1);
  });

  it("starts no item once `stop` says so, and lets those running finish", async () => {
    const started: number[] = [];
    let found = 0;
    const results = await inTurns([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((resolve) => setTimeout(resolve, n));
      if (n >= 2) found++;
      return n;
    }, () => found >= 2);
    expect(started).toEqual([1, 2, 3, 4]);
    expect(results.filter((r) => r !== undefined)).toEqual([1, 2, 3, 4]);
  });
});
