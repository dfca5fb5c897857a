import { describe, expect, it } from "vitest";
import { calibratedScore, logPartition, NONE_LOG_ODDS } from "./calibrated-scores";

const scores = (pool: number[]) => {
  const logZ = logPartition(pool, pool.length);
  return pool.map((l) => calibratedScore(l, logZ));
};

describe("calibratedScore", () => {
  it.each([
    ["a lone strong candidate", [14], 0.99, 1],
    ["a lone candidate as likely as none", [NONE_LOG_ODDS], 0.5, 0.5],
    ["a lone weak candidate", [0], 0, 0.1],
    ["two equal candidates", [14, 14], 0.49, 0.5],
    ["a clear winner over a runner-up", [14, 10], 0.98, 0.99],
    ["a winner by a short margin", [14, 13], 0.7, 0.75],
  ])("%s → top score in [%s, %s]", (_label, pool, min, max) => {
    const [top] = scores(pool);
    expect(top).toBeGreaterThanOrEqual(min);
    expect(top).toBeLessThanOrEqual(max);
  });

  it("keeps every score in [0, 1], summing to at most 1, in log-odds order", () => {
    const s = scores([800, 799, -50, 3]);
    expect(s.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(s.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    expect(s[0]).toBeGreaterThan(s[1]);
    expect(s[3]).toBeGreaterThanOrEqual(s[2]);
  });

  it("never lets the top pass 0.82 when the runner-up is within 1.5 log-odds", () => {
    const [top] = scores([20, 18.6]);
    expect(top).toBeLessThan(0.82);
  });
});
