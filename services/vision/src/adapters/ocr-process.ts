/**
 * One OCR process of an {@link OcrProcessPool}: PP-OCR's models loaded once, reading the zones the parent sends, one
 * at a time (ONNX Runtime's Node binding runs a model on the calling thread: one process per core is how zones are
 * read on several cores). It exits when the parent closes the channel, or dies: never an orphan.
 */
import { PpocrOcrEngine } from "./ppocr-ocr-engine";
import type { ChildMessage, ProcessUsage, ReadRequest } from "./ocr-process-protocol";

const send = (message: ChildMessage) => process.send?.(message);

function usage(): ProcessUsage {
  const cpu = process.cpuUsage();
  return { cpuMicros: cpu.user + cpu.system, maxRssKb: process.resourceUsage().maxRSS };
}

async function main() {
  if (!process.send) throw new Error("ocr-process.ts is started by OcrProcessPool, with an IPC channel");
  let engine: PpocrOcrEngine;
  try {
    engine = await PpocrOcrEngine.start();
  } catch (err) {
    send({ type: "start-failed", message: (err as Error).message });
    process.exit(1);
  }
  // Messages are handled in turn: a read blocks this process's only thread while the model runs, so the parent sends
  // one read at a time anyway.
  process.on("message", (message: ReadRequest) => {
    if (message?.type !== "read") return;
    engine.recognize(Buffer.from(message.image.buffer, message.image.byteOffset, message.image.byteLength), message.opts).then(
      (result) => send({ type: "read", id: message.id, result, usage: usage() }),
      (err: Error) => send({ type: "read-failed", id: message.id, message: err.message, usage: usage() }),
    );
  });
  // The parent closed the channel, or died: the sessions are idle between reads, so closing them here is safe.
  process.on("disconnect", () => {
    engine.close().finally(() => process.exit(0));
  });
  send({ type: "ready" });
}

void main();
