export { visionConfigShape, type VisionConfig } from "./config";
export { composeVision, type VisionShared } from "./compose";
export { analyzeImage, cropKey, type AnalyzeImageDeps } from "./analyze-image";
export { createVisionService } from "./vision.service";
export type { CardDetector, ImageCodec, OcrEngine, OcrOptions, OcrResult, RawImage, ZoneFilter } from "./ports";
export { OpencvCardDetector } from "./adapters/opencv-card-detector";
export { SharpImageCodec } from "./adapters/sharp-image-codec";
export { TesseractOcrEngine } from "./adapters/tesseract-ocr-engine";
export { parseCardText } from "./domain/card-text";
