import os from "node:os";
import { z } from "zod";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "@poke-ventory/contracts";
import { env } from "@poke-ventory/runtime";
import { objectStoreShape } from "@poke-ventory/storage";
import { tesseractLanguages } from "./domain/tesseract-languages";

const cpus = Math.max(1, os.cpus().length);

/** The vision service's own environment (infrastructure variables come from `infraShape`). */
export const visionConfigShape = {
  ...objectStoreShape,
  /** Card languages to read, e.g. `fr,en`; becomes tesseract's `fra+eng`. */
  ANALYSIS_LANGUAGES: env.list("fr,en").transform((codes, ctx) => {
    try {
      return tesseractLanguages(codes);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  }),
  /**
   * Which OCR engine reads the zones: `tesseract` (tesseract.js), `ppocr` (PaddleOCR's PP-OCRv4 models on ONNX
   * Runtime), or `both`: a card is read with `OCR_FIRST`, and again with the other engine when the catalog does not
   * confirm the number read (`read-card-either.ts`). PP-OCR by default: on both halves of the shared bench it read
   * every card's number and was top-1 on all (tesseract.js missed one scan), with the least CPU on photos.
   */
  OCR_ENGINE: z.enum(["tesseract", "ppocr", "both"]).default("ppocr"),
  /** With `OCR_ENGINE=both`, the engine every card is read with first. */
  OCR_FIRST: z.enum(["tesseract", "ppocr"]).default("tesseract"),
  /** Tesseract workers kept warm in this process, per pool: one pool reads names, one numbers and HP. */
  OCR_WORKERS: env.positiveInt(cpus),
  /**
   * PP-OCR's processes, each with the models loaded (≈ 250 MB): zones are read on this many cores at once (ONNX
   * Runtime runs a model on the calling thread). 0 reads in the service's own process, on one core. By default one
   * per core, at most 4 (a large host's core count is no pod's share of it: set it to the CPUs the service gets).
   */
  OCR_PROCESSES: z.coerce.number().int().min(0).default(Math.min(cpus, 4)),
  /** `image.stored` messages analysed at once by this process. */
  VISION_MAX_IN_FLIGHT: env.positiveInt(cpus),
  /**
   * The score at which matching's top candidate is proposed as the card; while a card is read, a number read that
   * makes a candidate score this with its number agreeing is taken, and the number line is not read further.
   */
  ANALYSIS_CONFIDENCE_THRESHOLD: env.fraction(DEFAULT_CONFIDENCE_THRESHOLD),
  /** Images with more pixels than this are not decoded. */
  MAX_IMAGE_PIXELS: env.positiveInt(50_000_000),
  /**
   * Larger images are shrunk on load to about this many pixels before analysis (a JPEG by libjpeg's DCT scaling,
   * never decoded whole), so the memory of one analysis is bounded: a 50 MP photo is read as a 16 MP one.
   */
  VISION_DECODE_MAX_PIXELS: env.positiveInt(16_000_000),
};
export type VisionConfig = z.infer<z.ZodObject<typeof visionConfigShape>>;
