/** Starts an OCR process pool of two and says `ready`; killed by the pool's test to show its processes do not outlive it. */
import { OcrProcessPool } from "../../src/adapters/ocr-process-pool";

void OcrProcessPool.start({ processes: 2 }).then(() => console.log("ready"));
