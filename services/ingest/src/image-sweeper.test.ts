import { describe, expect, it } from "vitest";
import { ImageSweeper } from "./image-sweeper";

describe("ImageSweeper", () => {
  it("never runs two sweeps at once", async () => {
    let release!: (n: number) => void;
    let calls = 0;
    const sweeper = new ImageSweeper(() => {
      calls++;
      return new Promise<number>((r) => (release = r));
    }, 60_000);
    const first = sweeper.runOnce();
    expect(await sweeper.runOnce()).toBe(0);
    release(3);
    expect(await first).toBe(3);
    expect(calls).toBe(1);
  });

  it("logs a failed sweep and keeps going", async () => {
    const logs: string[] = [];
    let fail = true;
    const sweeper = new ImageSweeper(async () => {
      if (fail) throw new Error("redis down");
      return 2;
    }, 60_000, (msg) => logs.push(msg));
    expect(await sweeper.runOnce()).toBe(0);
    fail = false;
    expect(await sweeper.runOnce()).toBe(2);
    expect(logs).toEqual(["image sweeper failed: redis down", "image sweeper expired 2 image(s)"]);
  });

  it("sweeps on its interval until stopped", async () => {
    let calls = 0;
    const sweeper = new ImageSweeper(async () => ++calls && 0, 10);
    sweeper.start();
    await new Promise((r) => setTimeout(r, 100));
    await sweeper.stop();
    const seen = calls;
    expect(seen).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(seen);
  });
});
