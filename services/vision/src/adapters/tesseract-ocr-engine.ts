import { copyFile, mkdir, rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createWorker, PSM, type Worker } from "tesseract.js";
import type { OcrEngine, OcrLine, OcrOptions, OcrResult } from "../ports";

export interface TesseractOcrEngineOptions {
  /** Tesseract codes, e.g. `["fra", "eng"]`; trained data must ship as `@tesseract.js-data/<code>`. */
  languages: string[];
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

/**
 * tesseract.js behind the {@link OcrEngine} port: a pool of workers started once, reading trained data from a
 * local folder only (without `langPath` tesseract.js downloads it, and a failed download kills the process).
 */
export class TesseractOcrEngine implements OcrEngine {
  private readonly idle: PooledWorker[];
  private readonly waiting: Array<(w: PooledWorker) => void> = [];
  private closed = false;

  private constructor(private readonly all: PooledWorker[]) {
    this.idle = [...all];
  }

  static async start(opts: TesseractOcrEngineOptions): Promise<TesseractOcrEngine> {
    const langPath = await writeLangFolder(opts.languages, opts.cacheDir ?? path.join(os.tmpdir(), "poke-ventory-tessdata"));
    const workers = await Promise.all(
      Array.from({ length: Math.max(1, opts.workers) }, () =>
        createWorker(opts.languages, 1, { langPath, cacheMethod: "none", gzip: true }),
      ),
    );
    return new TesseractOcrEngine(workers.map((worker) => ({ worker, params: "" })));
  }

  async recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    const pooled = await this.acquire();
    try {
      const params = {
        tessedit_pageseg_mode: PAGE_SEGMENTATION[opts.layout],
        user_defined_dpi: "300",
        tessedit_char_whitelist: opts.whitelist ?? "",
        // No learning from earlier pages: a zone reads the same whatever the worker read before.
        classify_enable_learning: "0",
      };
      const key = JSON.stringify(params);
      if (pooled.params !== key) {
        await pooled.worker.setParameters(params);
        pooled.params = key;
      }
      const { data } = await pooled.worker.recognize(image, {}, { text: true, blocks: true });
      const lines: OcrLine[] = (data.blocks ?? [])
        .flatMap((b) => b.paragraphs)
        .flatMap((p) => p.lines)
        .map((l) => ({ text: l.text.trim(), confidence: l.confidence / 100 }))
        .filter((l) => l.text.length > 0);
      return { text: data.text.trim(), lines, confidence: data.confidence / 100 };
    } finally {
      this.release(pooled);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((p) => p.worker.terminate()));
  }

  private acquire(): Promise<PooledWorker> {
    if (this.closed) return Promise.reject(new Error("OCR engine is closed"));
    const free = this.idle.pop();
    return free ? Promise.resolve(free) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(pooled: PooledWorker) {
    const next = this.waiting.shift();
    if (next) next(pooled);
    else this.idle.push(pooled);
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
