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
}

/** The engines a reader uses: the one every card is read with, and the one a card not confirmed is read with again. */
export interface OcrEngines {
  ocr: OcrEngine;
  fallbackOcr?: OcrEngine;
  close(): Promise<void>;
}

/** Starts the OCR engine(s) `OCR_ENGINE` names, warm. */
export async function startOcrEngines(config: OcrEnginesConfig): Promise<OcrEngines> {
  const start = (name: OcrEngineName): Promise<OcrEngine> =>
    name === "ppocr" ? PpocrOcrEngine.start() : TesseractOcrEngine.start({ languages: config.ANALYSIS_LANGUAGES, workers: config.OCR_WORKERS });
  if (config.OCR_ENGINE !== "both") {
    const ocr = await start(config.OCR_ENGINE);
    return { ocr, close: () => ocr.close() };
  }
  const second: OcrEngineName = config.OCR_FIRST === "ppocr" ? "tesseract" : "ppocr";
  const [ocr, fallbackOcr] = await Promise.all([start(config.OCR_FIRST), start(second)]);
  return { ocr, fallbackOcr, close: async () => void (await Promise.all([ocr.close(), fallbackOcr.close()])) };
}
