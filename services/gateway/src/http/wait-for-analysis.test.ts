import { describe, expect, it } from "vitest";
import type { BatchView, ImageStatus } from "@poke-ventory/contracts";
import { parseWait, waitForAnalysis } from "./wait-for-analysis";

const batchWith = (status: ImageStatus) => ({ id: "b", images: [{ status }] }) as unknown as BatchView;

function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe("waitForAnalysis", () => {
  it("returns as soon as every image is analysed", async () => {
    const answers = [batchWith("stored"), batchWith("stored"), batchWith("analysed")];
    let calls = 0;
    const result = await waitForAnalysis(async () => answers[calls++], 10, fakeTime());
    expect(result.images[0].status).toBe("analysed");
    expect(calls).toBe(3);
  });

  it("gives up at the deadline with the batch still processing", async () => {
    const time = fakeTime();
    const result = await waitForAnalysis(async () => batchWith("stored"), 2, { ...time, intervalMs: 500 });
    expect(result.images[0].status).toBe("stored");
    expect(time.now()).toBe(2000);
  });

  it("with no wait reads the batch once", async () => {
    let calls = 0;
    await waitForAnalysis(async () => (calls++, batchWith("stored")), 0, fakeTime());
    expect(calls).toBe(1);
  });
});

describe("parseWait", () => {
  it.each([
    [undefined, 15],
    ["", 15],
    ["abc", 15],
    ["0", 0],
    ["3.5", 3.5],
    ["-4", 0],
    ["999", 120],
  ])("%j → %s", (raw, expected) => expect(parseWait(raw, 15)).toBe(expected));
});
