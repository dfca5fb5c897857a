import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { OcrEngine, OcrOptions, OcrResult } from "../ports";
import type { ChildMessage, ProcessUsage, ReadRequest } from "./ocr-process-protocol";

export interface OcrProcessPoolOptions {
  /** OCR processes kept warm: one per core reads zones on every core. */
  processes: number;
  /** A read not answered in this time kills its process (a new one takes its place) and fails. */
  readTimeoutMs?: number;
  /** Told when a process exits unexpectedly or fails to start. */
  log?: (msg: string) => void;
}

/** Thrown to a read whose OCR process died or hung: the card's reading fails, the image is analysed again. */
export class OcrProcessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OcrProcessError";
  }
}

interface Pending {
  request: ReadRequest;
  resolve: (result: OcrResult) => void;
  reject: (err: Error) => void;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  /** Exited, or never started: handled once. */
  gone: boolean;
  /** The read this process is busy with, and its deadline. */
  busy: { pending: Pending; timer: NodeJS.Timeout } | null;
  usage: ProcessUsage;
}

/** The parent's flags a child keeps: how modules resolve, source maps, heap size. */
const KEPT_FLAGS = /^(--conditions|-C|--enable-source-maps|--max-old-space-size)/;

/**
 * The OCR process's entry, beside this file: `.ts` under tsx or vitest (started through tsx's loader), `.js` once
 * built; with the parent's flags that still apply.
 */
function entry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `ocr-process${ext}`);
  const kept: string[] = [];
  process.execArgv.forEach((flag, i, all) => {
    if (!KEPT_FLAGS.test(flag)) return;
    kept.push(flag);
    // `--conditions source` as two arguments: the value goes with its flag.
    if (!flag.includes("=") && flag !== "--enable-source-maps" && all[i + 1] !== undefined) kept.push(all[i + 1]);
  });
  return { file, execArgv: ext === ".ts" ? ["--import", pathToFileURL(require.resolve("tsx")).href, ...kept] : kept };
}

const RESPAWN_DELAY_MS = { first: 100, most: 5_000 };

/**
 * PP-OCR read on several cores: {@link OcrProcessPool.processes} child processes, each with the models loaded
 * (`ocr-process.ts`), and a queue of zones dealt to whichever is free. ONNX Runtime's Node binding runs a model on the
 * calling thread, and worker threads inside `session.run` abort the whole process when it exits
 * (services/vision/bench/README.md): separate processes read in parallel, and one that dies takes only its own read
 * with it. A process that exits or hangs past `readTimeoutMs` fails its read with {@link OcrProcessError} and is
 * replaced (after a delay that grows while new ones fail to start); reads queued meanwhile wait for a free process.
 * The processes exit with the pool, and on their own when this process dies.
 */
export class OcrProcessPool implements OcrEngine {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private failedStarts = 0;
  /** CPU time and peak memory of the processes that have exited, so figures cover every process the pool ran. */
  private readonly exited: ProcessUsage = { cpuMicros: 0, maxRssKb: 0 };

  private constructor(private readonly opts: Required<OcrProcessPoolOptions>) {}

  /** Starts `processes` OCR processes and resolves once all are warm; rejects if one fails to start. */
  static async start(options: OcrProcessPoolOptions): Promise<OcrProcessPool> {
    if (!Number.isInteger(options.processes) || options.processes < 1) throw new Error(`OCR processes must be a positive integer, got ${options.processes}`);
    const pool = new OcrProcessPool({ ...options, readTimeoutMs: options.readTimeoutMs ?? 60_000, log: options.log ?? (() => undefined) });
    try {
      await Promise.all(Array.from({ length: options.processes }, () => pool.spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new Error("OCR engine is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { type: "read", id: this.nextId++, image, opts }, resolve, reject });
      this.dispatch();
    });
  }

  idle(): boolean {
    return this.queue.length === 0 && this.slots.some((s) => s.ready && !s.busy);
  }

  /** True when at least one process is warm (false while every one is being replaced). */
  warm(): boolean {
    return this.slots.some((s) => s.ready);
  }

  /** CPU time and peak memory of the OCR processes (the peaks summed: an upper bound of their memory at once). */
  usage(): ProcessUsage {
    return this.slots.reduce(
      (sum, s) => ({ cpuMicros: sum.cpuMicros + s.usage.cpuMicros, maxRssKb: sum.maxRssKb + s.usage.maxRssKb }),
      { ...this.exited },
    );
  }

  /** Fails the reads still queued, lets the ones running finish, then closes every process's channel and waits for it to exit. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("OCR engine is closed"));
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            if (slot.gone || slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
            slot.child.once("exit", () => resolve());
            // One still loading its models is not waited for; a warm one exits once its channel closes.
            const closeChannel = () => (slot.ready && slot.child.connected ? slot.child.disconnect() : slot.child.kill("SIGKILL"));
            if (slot.busy) slot.child.once("message", closeChannel);
            else closeChannel();
          }),
      ),
    );
  }

  /** Starts one process; resolves when it is warm, rejects when it fails to start. */
  private spawn(): Promise<void> {
    const { file, execArgv } = entry();
    const child = fork(file, [], { execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const slot: Slot = { child, ready: false, gone: false, busy: null, usage: { cpuMicros: 0, maxRssKb: 0 } };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      child.on("message", (message: ChildMessage) => {
        if (message.type === "ready") {
          slot.ready = true;
          slot.usage = message.usage;
          this.failedStarts = 0;
          resolve();
          this.dispatch();
        } else if (message.type === "start-failed") reject(new Error(`OCR process failed to start: ${message.message}`));
        else this.answered(slot, message);
      });
      child.on("error", (err) => {
        this.opts.log(`OCR process ${child.pid ?? "(not started)"}: ${err.message}`);
        // A fork that failed (no pid: EMFILE, EAGAIN, ENOENT) emits no `exit`.
        if (child.pid === undefined) {
          reject(new Error(`OCR process could not be started: ${err.message}`));
          this.exitedSlot(slot, null, null);
        }
      });
      child.on("exit", (code, signal) => {
        if (!slot.ready) reject(new Error(`OCR process exited before it was ready (${signal ?? `code ${code}`})`));
        this.exitedSlot(slot, code, signal);
      });
    });
  }

  private answered(slot: Slot, message: Extract<ChildMessage, { type: "read" | "read-failed" }>) {
    slot.usage = message.usage;
    const busy = slot.busy;
    if (!busy || busy.pending.request.id !== message.id) return;
    clearTimeout(busy.timer);
    slot.busy = null;
    if (message.type === "read") busy.pending.resolve(message.result);
    else busy.pending.reject(new Error(message.message));
    this.dispatch();
  }

  private exitedSlot(slot: Slot, code: number | null, signal: NodeJS.Signals | null) {
    if (slot.gone) return;
    slot.gone = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    this.exited.cpuMicros += slot.usage.cpuMicros;
    this.exited.maxRssKb = Math.max(this.exited.maxRssKb, slot.usage.maxRssKb);
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.pending.reject(new OcrProcessError(`OCR process exited while reading a zone (${signal ?? `code ${code}`})`));
      slot.busy = null;
    }
    if (this.closed) return;
    this.opts.log(`OCR process ${slot.child.pid ?? "(not started)"} exited (${signal ?? `code ${code}`}); starting another`);
    if (!slot.ready) this.failedStarts++;
    const delay = Math.min(RESPAWN_DELAY_MS.most, RESPAWN_DELAY_MS.first * 2 ** this.failedStarts);
    setTimeout(() => {
      // Through a promise: a fork that throws at once is a failed start too, not an uncaught exception.
      if (!this.closed) Promise.resolve().then(() => this.spawn()).catch((err: Error) => this.startFailed(err));
    }, delay).unref();
  }

  /** A replacement failed to start: with no process left to read them, the reads queued fail rather than wait. */
  private startFailed(err: Error) {
    this.opts.log(err.message);
    if (this.slots.some((s) => s.ready)) return;
    for (const pending of this.queue.splice(0)) pending.reject(new OcrProcessError(`no OCR process is running: ${err.message}`));
  }

  /** Deals queued reads to free, warm processes. */
  private dispatch() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.busy || !slot.child.connected) continue;
      const pending = this.queue.shift()!;
      const timer = setTimeout(() => {
        this.opts.log(`OCR process ${slot.child.pid} did not answer in ${this.opts.readTimeoutMs} ms; killing it`);
        slot.child.kill("SIGKILL");
      }, this.opts.readTimeoutMs);
      slot.busy = { pending, timer };
      const undelivered = (err: Error) => {
        // The process never got the read (its channel broke): the read goes back to the front of the queue for
        // another process, and this one, no longer trusted, is killed (its exit starts a replacement).
        this.opts.log(`OCR process ${slot.child.pid}: a read could not be sent (${err.message}); killing it`);
        if (slot.busy?.pending !== pending) return;
        clearTimeout(timer);
        slot.busy = null;
        slot.ready = false;
        this.queue.unshift(pending);
        slot.child.kill("SIGKILL");
        this.dispatch();
      };
      try {
        slot.child.send(pending.request, undefined, {}, (err) => err && undelivered(err));
      } catch (err) {
        undelivered(err as Error);
      }
    }
  }
}
