import { copyFile, mkdir, rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createWorker, PSM, type Worker } from "tesseract.js";
import { codeLanguage } from "../domain/tesseract-languages";
import { textRows } from "../domain/text-rows";
import type { OcrEngine, OcrLine, OcrOptions, OcrResult } from "../ports";

export interface TesseractOcrEngineOptions {
  /** Tesseract codes, e.g. `["fra", "eng"]`; trained data must ship as `@tesseract.js-data/<code>`. */
  languages: string[];
  /** Workers per pool (one pool for words, one for codes when several languages are read). */
  workers: number;
  /** Where the offline `langPath` folder is written (default: a folder in the OS temp dir). */
  cacheDir?: string;
}

const PAGE_SEGMENTATION: Record<OcrOptions["layout"], PSM> = { line: PSM.SINGLE_LINE, block: PSM.SINGLE_BLOCK, sparse: PSM.SPARSE_TEXT };

interface PooledWorker {
  worker: Worker;
  /** The parameters last set on this worker (set again only when a zone needs others). */
  params: string;
}

/** Workers of one language set, lent out one zone at a time. */
class WorkerPool {
  private readonly idleWorkers: PooledWorker[];
  private readonly waiting: Array<(w: PooledWorker) => void> = [];
  private closed = false;

  private constructor(private readonly all: PooledWorker[]) {
    this.idleWorkers = [...all];
  }

  static async start(languages: string[], size: number, langPath: string): Promise<WorkerPool> {
    const workers = await Promise.all(
      Array.from({ length: Math.max(1, size) }, () => createWorker(languages, 1, { langPath, cacheMethod: "none", gzip: true })),
    );
    return new WorkerPool(workers.map((worker) => ({ worker, params: "" })));
  }

  async run<T>(params: Record<string, string>, job: (worker: Worker) => Promise<T>): Promise<T> {
    const pooled = await this.acquire();
    try {
      const key = JSON.stringify(params);
      if (pooled.params !== key) {
        await pooled.worker.setParameters(params);
        pooled.params = key;
      }
      return await job(pooled.worker);
    } finally {
      this.release(pooled);
    }
  }

  /** A worker is free and no job waits for one. */
  get idle(): boolean {
    return this.idleWorkers.length > 0 && this.waiting.length === 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((p) => p.worker.terminate()));
  }

  private acquire(): Promise<PooledWorker> {
    if (this.closed) return Promise.reject(new Error("OCR engine is closed"));
    const free = this.idleWorkers.pop();
    return free ? Promise.resolve(free) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(pooled: PooledWorker) {
    const next = this.waiting.shift();
    if (next) next(pooled);
    else this.idleWorkers.push(pooled);
  }
}

/**
 * tesseract.js behind the {@link OcrEngine} port: pools of workers started once, reading trained data from a
 * local folder only (without `langPath` tesseract.js downloads it, and a failed download kills the process).
 * Words are read with every language; codes (numbers, HP) with one model only ({@link codeLanguage}), which reads
 * them as well, faster (each extra language is another recognizer pass on doubtful words).
 */
export class TesseractOcrEngine implements OcrEngine {
  private constructor(
    private readonly words: WorkerPool,
    private readonly codes: WorkerPool,
  ) {}

  static async start(opts: TesseractOcrEngineOptions): Promise<TesseractOcrEngine> {
    const langPath = await writeLangFolder(opts.languages, opts.cacheDir ?? path.join(os.tmpdir(), "poke-ventory-tessdata"));
    const words = await WorkerPool.start(opts.languages, opts.workers, langPath);
    if (opts.languages.length === 1) return new TesseractOcrEngine(words, words);
    const codes = await WorkerPool.start([codeLanguage(opts.languages)], opts.workers, langPath);
    return new TesseractOcrEngine(words, codes);
  }

  async recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    const params = {
      tessedit_pageseg_mode: PAGE_SEGMENTATION[opts.layout],
      user_defined_dpi: "300",
      tessedit_char_whitelist: opts.whitelist ?? "",
      // No learning from earlier pages: a zone reads the same whatever the worker read before.
      classify_enable_learning: "0",
      // Tesseract's diagnostics (statistics of an empty zone, "Image too small to scale") go nowhere, not to stdout.
      debug_file: "/dev/null",
    };
    const pool = opts.text === "codes" ? this.codes : this.words;
    const { data } = await pool.run(params, (worker) => worker.recognize(image, {}, { text: true, blocks: true }));
    const read = (data.blocks ?? [])
      .flatMap((b) => b.paragraphs)
      .flatMap((p) => p.lines)
      .map((l) => ({ text: l.text.trim(), confidence: l.confidence / 100, box: l.bbox }))
      .filter((l) => l.text.length > 0);
    // Sparse text comes a word or two per line: the words of one printed line are put back together.
    const lines: OcrLine[] = opts.layout === "sparse" ? textRows(read) : read.map(({ text, confidence }) => ({ text, confidence }));
    return { text: data.text.trim(), lines, confidence: data.confidence / 100 };
  }

  idle(text: NonNullable<OcrOptions["text"]>): boolean {
    return (text === "codes" ? this.codes : this.words).idle;
  }

  async close(): Promise<void> {
    await Promise.all([...new Set([this.words, this.codes])].map((pool) => pool.close()));
  }
}

/** Copies `<code>.traineddata.gz` of every language from its npm package into one folder. */
async function writeLangFolder(languages: string[], dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const code of languages) {
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
    const file = `${code}.traineddata.gz`;
    // Copy then rename: another process may be reading the same folder.
    const tmp = path.join(dir, `${file}.${process.pid}.tmp`);
    await copyFile(path.join(pkg, "4.0.0_best_int", file), tmp);
    await rename(tmp, path.join(dir, file));
  }
  return dir;
}
