import { describe, expect, it } from "vitest";
import { readCount } from "./moleculer-catalog";

describe("readCount", () => {
  it.each([
    { result: 198, count: 198 },
    { result: { tracked_card_count: 12 }, count: 12 },
    { result: { trackedCardCount: 7 }, count: 7 },
    { result: { count: 0 }, count: 0 },
  ])("$result → $count", ({ result, count }) => {
    expect(readCount(result)).toBe(count);
  });

  it.each([null, "12", {}, Number.NaN])("rejects %o", (result) => {
    expect(() => readCount(result)).toThrow(/no count/);
  });
});
