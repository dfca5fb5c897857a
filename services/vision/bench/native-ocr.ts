import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { codeLanguage } from "../src/domain/tesseract-languages";
import type { OcrEngine, OcrOptions, OcrResult } from "../src/ports";

/** A zone image vision sent to OCR, kept to be read again by the native CLI. */
export interface OcrSample {
  image: Buffer;
  opts: OcrOptions;
}

/** Wraps an engine and keeps the first `limit` zone images it is given. */
export class RecordingOcrEngine implements OcrEngine {
  readonly samples: OcrSample[] = [];
  constructor(private readonly inner: OcrEngine, private readonly limit: number) {}

  recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    if (this.samples.length < this.limit) this.samples.push({ image, opts });
    return this.inner.recognize(image, opts);
  }
  idle(text: NonNullable<OcrOptions["text"]>): boolean {
    return this.inner.idle(text);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** True when Debian's `tesseract` CLI can be run. */
export function nativeTesseractAvailable(): boolean {
  const result = spawnSync("tesseract", ["--version"], { stdio: "ignore" });
  return result.status === 0;
}

/** Tesseract CLI arguments equivalent to the options tesseract.js gets for a zone. */
export function nativeArgs(opts: OcrOptions, languages: string[]): string[] {
  const langs = opts.text === "codes" ? [codeLanguage(languages)] : languages;
  const args = ["-l", langs.join("+"), "--psm", { line: "7", block: "6", sparse: "11" }[opts.layout], "--dpi", "300"];
  if (opts.whitelist) args.push("-c", `tessedit_char_whitelist=${opts.whitelist}`);
  return args;
}

/**
 * Reads a list of image files in one CLI process (the models load once, as in a warm worker), on one thread as a
 * tesseract.js worker runs: Debian's build uses OpenMP, whose threads spin against each other on small zones (here,
 * six footer zones took 12.7 s so, 1.8 s on one thread).
 */
function runNative(listFile: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("tesseract", [listFile, "stdout", ...args], { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, OMP_THREAD_LIMIT: "1" } });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`tesseract exited with ${code}`))));
  });
}

/**
 * Reads the same zone images one at a time with tesseract.js, then with the native CLI (one process per set of
 * options, reading a list of files, so its models load once per set) and returns the time ratio tesseract.js / native.
 */
export async function ocrVsNative(engine: OcrEngine, samples: OcrSample[], languages: string[]): Promise<{ ratio: number; jsMs: number; nativeMs: number; zones: number }> {
  let jsMs = 0;
  for (const sample of samples) {
    const started = performance.now();
    await engine.recognize(sample.image, sample.opts);
    jsMs += performance.now() - started;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "pv-native-ocr-"));
  const groups = new Map<string, string[]>();
  samples.forEach((sample, i) => {
    const file = path.join(dir, `${i}.pgm`);
    writeFileSync(file, sample.image);
    const key = JSON.stringify(nativeArgs(sample.opts, languages));
    groups.set(key, [...(groups.get(key) ?? []), file]);
  });
  let nativeMs = 0;
  for (const [key, files] of groups) {
    const list = path.join(dir, `${groups.size}-${files.length}-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(list, `${files.join("\n")}\n`);
    const started = performance.now();
    await runNative(list, JSON.parse(key) as string[]);
    nativeMs += performance.now() - started;
  }
  rmSync(dir, { recursive: true, force: true });
  return { ratio: nativeMs > 0 ? Math.round((jsMs / nativeMs) * 100) / 100 : 0, jsMs: Math.round(jsMs), nativeMs: Math.round(nativeMs), zones: samples.length };
}
