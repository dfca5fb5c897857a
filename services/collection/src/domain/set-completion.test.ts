import { describe, expect, it } from "vitest";
import { setCompletion } from "./set-completion";

describe("setCompletion", () => {
  it.each([
    { owned: 0, tracked: 198, rate: 0 },
    { owned: 1, tracked: 198, rate: 0.0051 },
    { owned: 1, tracked: 3, rate: 0.3333 },
    { owned: 2, tracked: 3, rate: 0.6667 },
    { owned: 198, tracked: 198, rate: 1 },
    { owned: 5, tracked: 4, rate: 1 },
    { owned: 3, tracked: 0, rate: 0 },
    { owned: 0, tracked: 0, rate: 0 },
  ])("$owned of $tracked → $rate", ({ owned, tracked, rate }) => {
    expect(setCompletion(owned, tracked)).toEqual({ owned_card_count: owned, tracked_card_count: tracked, completion_rate: rate });
  });
});
