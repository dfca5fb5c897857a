/**
 * One OCR process of an {@link OcrProcessPool}: PP-OCR's models loaded once, reading the zones the parent sends, one
 * at a time (ONNX Runtime's Node binding runs a model on the calling thread: one process per core is how zones are
 * read on several cores). It lives as long as its IPC channel: when the parent closes it, or dies, the process ends
 * its read, if any, and exits.
 */
import { PpocrOcrEngine } from "./ppocr-ocr-engine";
import type { ChildMessage, ProcessUsage, ReadRequest } from "./ocr-process-protocol";

function usage(): ProcessUsage {
  const cpu = process.cpuUsage();
  return { cpuMicros: cpu.user + cpu.system, maxRssKb: process.resourceUsage().maxRSS };
}

/** Sends when the parent still listens; a message it can no longer receive is dropped, never thrown. */
function send(message: ChildMessage) {
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
}

async function main() {
  if (!process.send) throw new Error("ocr-process.ts is started by OcrProcessPool, with an IPC channel");
  // Ctrl-C in a terminal signals the whole process group: the service drains its work and closes the channel, which
  // ends this process; a signal would fail the read under way instead.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => undefined);
  let engine: PpocrOcrEngine | undefined;
  let reading: Promise<unknown> = Promise.resolve();
  process.on("disconnect", () => {
    // The read under way ends first: the sessions are released only between reads.
    void reading.finally(() => (engine ? engine.close() : undefined)).finally(() => process.exit(0));
  });
  try {
    engine = await PpocrOcrEngine.start();
  } catch (err) {
    send({ type: "start-failed", message: (err as Error).message });
    process.exit(1);
  }
  const warm = engine;
  process.on("message", (message: ReadRequest) => {
    if (message?.type !== "read") return;
    const image = Buffer.from(message.image.buffer, message.image.byteOffset, message.image.byteLength);
    reading = warm.recognize(image, message.opts).then(
      (result) => send({ type: "read", id: message.id, result, usage: usage() }),
      (err: Error) => send({ type: "read-failed", id: message.id, message: err.message, usage: usage() }),
    );
  });
  send({ type: "ready", usage: usage() });
}

void main();
