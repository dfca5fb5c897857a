import { Worker } from "node:worker_threads";

/** A tensor's values and shape, as they cross between threads. */
export interface PlainTensor {
  data: Float32Array;
  dims: number[];
}

export interface OnnxSessionPoolOptions {
  /** Model files by name; every worker makes one session of each. */
  models: Record<string, string>;
  /** Worker threads (each runs one model at a time). */
  workers: number;
  /** Threads each session uses for one run. */
  threads?: number;
}

interface Job {
  model: string;
  input: PlainTensor;
  resolve: (out: PlainTensor) => void;
  reject: (err: Error) => void;
}

interface Pooled {
  worker: Worker;
  job?: Job;
}

/**
 * The worker's code, plain CommonJS evaluated as is (so it runs the same under tsx, vitest and the built service).
 * It makes its sessions without a memory arena or memory patterns (they grow with every new input shape), then runs
 * one model per message and hands the output back, its buffer transferred.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ort = require(workerData.ort);
const options = {
  executionProviders: ["cpu"], intraOpNumThreads: workerData.threads, interOpNumThreads: 1, executionMode: "sequential",
  graphOptimizationLevel: "all", enableCpuMemArena: false, enableMemPattern: false,
};
(async () => {
  const sessions = {};
  for (const [name, file] of Object.entries(workerData.models)) sessions[name] = await ort.InferenceSession.create(file, options);
  parentPort.on("message", async ({ model, data, dims }) => {
    try {
      const session = sessions[model];
      const input = new ort.Tensor("float32", data, dims);
      const output = await session.run({ [session.inputNames[0]]: input });
      const tensor = output[session.outputNames[0]];
      const out = tensor.data;
      const shape = tensor.dims.slice();
      input.dispose();
      try {
        parentPort.postMessage({ data: out, dims: shape }, [out.buffer]);
      } catch {
        parentPort.postMessage({ data: new Float32Array(out), dims: shape });
      }
      tensor.dispose();
    } catch (err) {
      parentPort.postMessage({ error: String(err && err.message || err) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((err) => { throw err; });
`;

/**
 * ONNX Runtime sessions in a pool of worker threads: the Node binding runs a model on the calling thread, so runs
 * made here keep the event loop free and run on as many cores as there are workers. Workers start once and are
 * reused; a worker that dies fails only the run it held and is replaced; {@link close} terminates them all.
 */
export class OnnxSessionPool {
  private readonly free: Pooled[] = [];
  private readonly all = new Set<Pooled>();
  private readonly waiting: Job[] = [];
  private closed = false;

  private constructor(private readonly opts: Required<OnnxSessionPoolOptions>) {}

  static async start(opts: OnnxSessionPoolOptions): Promise<OnnxSessionPool> {
    const pool = new OnnxSessionPool({ threads: 1, ...opts, workers: Math.max(1, opts.workers) });
    try {
      await Promise.all(Array.from({ length: pool.opts.workers }, () => pool.spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get size(): number {
    return this.opts.workers;
  }

  /** Runs `model` on `input` in a free worker; the input's buffer is transferred (the caller must not reuse it). */
  run(model: string, input: PlainTensor): Promise<PlainTensor> {
    if (this.closed) return Promise.reject(new Error("ONNX session pool is closed"));
    if (!(model in this.opts.models)) return Promise.reject(new Error(`no model named ${model}`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ model, input, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error("ONNX session pool is closed"));
    const workers = [...this.all];
    this.all.clear();
    this.free.length = 0;
    for (const p of workers) p.job?.reject(new Error("ONNX session pool is closed"));
    await Promise.all(workers.map((p) => p.worker.terminate()));
  }

  /** Starts a worker; resolves once its sessions are made. */
  private spawn(): Promise<void> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ort: require.resolve("onnxruntime-node"), models: this.opts.models, threads: this.opts.threads },
    });
    const pooled: Pooled = { worker };
    this.all.add(pooled);
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on("message", (msg: { ready?: true; error?: string; data?: Float32Array; dims?: number[] }) => {
        if (msg.ready) {
          ready = true;
          this.release(pooled);
          resolve();
          return;
        }
        const job = pooled.job;
        pooled.job = undefined;
        if (msg.error !== undefined) job?.reject(new Error(`ONNX Runtime: ${msg.error}`));
        else job?.resolve({ data: msg.data!, dims: msg.dims! });
        this.release(pooled);
      });
      const died = (err: Error) => {
        if (!this.all.delete(pooled)) return; // closed, or already handled
        const i = this.free.indexOf(pooled);
        if (i >= 0) this.free.splice(i, 1);
        pooled.job?.reject(err);
        pooled.job = undefined;
        if (!ready) return reject(err);
        if (!this.closed) this.spawn().catch(() => this.failWaitingIfNoWorker());
      };
      worker.on("error", (err) => died(new Error(`ONNX worker failed: ${err.message}`)));
      worker.on("exit", (code) => died(new Error(`ONNX worker exited (code ${code})`)));
    });
  }

  private release(pooled: Pooled) {
    if (this.closed || !this.all.has(pooled)) return;
    this.free.push(pooled);
    this.dispatch();
  }

  private dispatch() {
    while (this.free.length > 0 && this.waiting.length > 0) {
      const pooled = this.free.pop()!;
      const job = this.waiting.shift()!;
      pooled.job = job;
      const { data, dims } = job.input;
      try {
        pooled.worker.postMessage({ model: job.model, data, dims }, [data.buffer as ArrayBuffer]);
      } catch {
        pooled.worker.postMessage({ model: job.model, data: new Float32Array(data), dims });
      }
    }
  }

  /** A replacement could not start and none is left: the runs waiting would wait forever. */
  private failWaitingIfNoWorker() {
    if (this.all.size > 0) return;
    for (const job of this.waiting.splice(0)) job.reject(new Error("no ONNX worker could be started"));
  }
}
