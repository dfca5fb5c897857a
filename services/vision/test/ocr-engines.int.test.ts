import { waitFor } from "@poke-ventory/testing";
import { describe, expect, it } from "vitest";
import { startOcrEngines } from "../src/ocr-engines";
import { ocrProcesses } from "./support/ocr-processes";

describe("startOcrEngines", () => {
  it("with both engines, closes the one that started when the other fails: no OCR process is left behind", async () => {
    // Tesseract has no traineddata for a language code it was never given: its start fails, PP-OCR's succeeds.
    const start = startOcrEngines({ OCR_ENGINE: "both", OCR_FIRST: "tesseract", ANALYSIS_LANGUAGES: ["xyz"], OCR_WORKERS: 1, OCR_PROCESSES: 1 });
    await expect(start).rejects.toThrow();
    expect(ocrProcesses()).toEqual([]);
  });

  it("starts PP-OCR in its processes, reports their CPU time, and closes them", async () => {
    const engines = await startOcrEngines({ OCR_ENGINE: "ppocr", OCR_FIRST: "tesseract", ANALYSIS_LANGUAGES: ["eng"], OCR_WORKERS: 1, OCR_PROCESSES: 1 });
    try {
      expect(ocrProcesses()).toHaveLength(1);
      expect(engines.usage().cpuMicros).toBeGreaterThan(0); // loading the models
      expect(engines.usage().maxRssKb).toBeGreaterThan(50_000);
    } finally {
      await engines.close();
    }
    expect(ocrProcesses()).toEqual([]);
  });

  it("says it cannot read while its only OCR process is being replaced, and can again once the new one is warm", async () => {
    const engines = await startOcrEngines({ OCR_ENGINE: "ppocr", OCR_FIRST: "tesseract", ANALYSIS_LANGUAGES: ["eng"], OCR_WORKERS: 1, OCR_PROCESSES: 1 });
    try {
      expect(engines.unavailable()).toBeNull();
      const [pid] = ocrProcesses();
      process.kill(pid, "SIGKILL");
      await waitFor(async () => engines.unavailable() !== null, 20_000);
      expect(engines.unavailable()).toMatch(/no OCR process/);
      await waitFor(async () => engines.unavailable() === null, 20_000);
    } finally {
      await engines.close();
    }
  });
});
