import type { Readable } from "node:stream";
import { AppError } from "@poke-ventory/contracts";

/**
 * Reads a whole upload into memory, counting bytes as they arrive. Past `maxBytes` it stops keeping
 * data, lets the rest of the stream drain (a remote sender keeps sending) and rejects with
 * PAYLOAD_TOO_LARGE, so nothing of an oversized upload is ever stored.
 */
export function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const interrupted = (cause?: unknown) => new AppError("VALIDATION_FAILED", "The upload was interrupted", undefined, { cause });
    // Destroyed before anyone read it (a sender cut off while this upload waited for its batch): no event will come.
    if (stream.destroyed) return reject(interrupted(stream.errored ?? undefined));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) {
        cleanup();
        discard(stream);
        reject(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${maxBytes} bytes`, { maxBytes }));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err?: Error) => {
      cleanup();
      reject(interrupted(err));
    };
    // Destroyed without an error: it closes without ending.
    const onClose = () => onError();
    const cleanup = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.off("close", onClose);
    };
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    stream.once("close", onClose);
  });
}

/** Consumes and drops whatever is left of a stream (no-op once it has ended). */
export function discard(stream: Readable): void {
  if (stream.readableEnded || stream.destroyed) return;
  stream.on("error", () => undefined);
  stream.resume();
}
