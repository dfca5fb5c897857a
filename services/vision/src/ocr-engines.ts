import { OcrProcessPool } from "./adapters/ocr-process-pool";
import type { ProcessUsage } from "./adapters/ocr-process-protocol";
import { PpocrOcrEngine } from "./adapters/ppocr-ocr-engine";
import { TesseractOcrEngine } from "./adapters/tesseract-ocr-engine";
import type { OcrEngine } from "./ports";

export type OcrEngineName = "tesseract" | "ppocr";

export interface OcrEnginesConfig {
  OCR_ENGINE: OcrEngineName | "both";
  OCR_FIRST: OcrEngineName;
  /** Tesseract codes (`["fra", "eng"]`). */
  ANALYSIS_LANGUAGES: string[];
  OCR_WORKERS: number;
  /** PP-OCR's processes (one per core reads zones on every core); 0 reads in this process. */
  OCR_PROCESSES: number;
  log?: (msg: string) => void;
}

/** The engines a reader uses: the one every card is read with, and the one a card not confirmed is read with again. */
export interface OcrEngines {
  ocr: OcrEngine;
  fallbackOcr?: OcrEngine;
  /** CPU time and peak memory of the OCR processes besides this one (none: zeros). */
  usage(): ProcessUsage;
  /** Why the engines cannot read now (an engine in processes of its own has none warm), or null. */
  unavailable(): string | null;
  close(): Promise<void>;
}

const ppocr = (config: OcrEnginesConfig): Promise<OcrEngine> =>
  config.OCR_PROCESSES > 0 ? OcrProcessPool.start({ processes: config.OCR_PROCESSES, log: config.log }) : PpocrOcrEngine.start();

/** The first engine with no process warm to read, said as a reason; null when every engine can read. */
function unavailableOf(engines: OcrEngine[]): string | null {
  return engines.some((e) => e instanceof OcrProcessPool && !e.warm()) ? "no OCR process is running (starting one)" : null;
}

/** What the engines' own processes used, when they run in processes of their own. */
function usageOf(engines: OcrEngine[]): ProcessUsage {
  return engines.reduce(
    (sum, e) => {
      const used = e instanceof OcrProcessPool ? e.usage() : { cpuMicros: 0, maxRssKb: 0 };
      return { cpuMicros: sum.cpuMicros + used.cpuMicros, maxRssKb: sum.maxRssKb + used.maxRssKb };
    },
    { cpuMicros: 0, maxRssKb: 0 },
  );
}

/** Starts the OCR engine(s) `OCR_ENGINE` names, warm. */
export async function startOcrEngines(config: OcrEnginesConfig): Promise<OcrEngines> {
  const start = (name: OcrEngineName): Promise<OcrEngine> =>
    name === "ppocr" ? ppocr(config) : TesseractOcrEngine.start({ languages: config.ANALYSIS_LANGUAGES, workers: config.OCR_WORKERS });
  if (config.OCR_ENGINE !== "both") {
    const ocr = await start(config.OCR_ENGINE);
    return { ocr, usage: () => usageOf([ocr]), unavailable: () => unavailableOf([ocr]), close: () => ocr.close() };
  }
  const second: OcrEngineName = config.OCR_FIRST === "ppocr" ? "tesseract" : "ppocr";
  const started = await Promise.allSettled([start(config.OCR_FIRST), start(second)]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // The engine that did start is closed: its workers or processes would outlive the failed start.
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.close() : undefined)));
    throw failed.reason;
  }
  const [ocr, fallbackOcr] = started.map((s) => (s as PromiseFulfilledResult<OcrEngine>).value);
  return {
    ocr,
    fallbackOcr,
    usage: () => usageOf([ocr, fallbackOcr]),
    unavailable: () => unavailableOf([ocr, fallbackOcr]),
    close: async () => void (await Promise.all([ocr.close(), fallbackOcr.close()])),
  };
}
