import type { OcrOptions, OcrResult } from "../ports";

/**
 * The messages between an {@link OcrProcessPool} and one of its OCR processes (`ocr-process.ts`), over the fork's IPC
 * channel with Node's `advanced` serialisation (a zone's bytes travel as they are, not as JSON).
 */

/** The parent asks for one zone to be read. */
export interface ReadRequest {
  type: "read";
  id: number;
  image: Uint8Array;
  opts: OcrOptions;
}

/** The process's CPU time so far and its peak memory, sent with every answer (the bench counts them). */
export interface ProcessUsage {
  cpuMicros: number;
  maxRssKb: number;
}

export type ChildMessage =
  | { type: "ready"; usage: ProcessUsage }
  | { type: "start-failed"; message: string }
  | { type: "read"; id: number; result: OcrResult; usage: ProcessUsage }
  | { type: "read-failed"; id: number; message: string; usage: ProcessUsage };
