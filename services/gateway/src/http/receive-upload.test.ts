import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type BatchView, type ImageView } from "@poke-ventory/contracts";
import { receiveUpload, type BatchReport, type UploadPorts } from "./receive-upload";

const BOUNDARY = "----pv-receive";
const part = (filename: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`;

/**
 * Ingest as the gateway sees it over the network: the batch comes `batchDelayMs` later (a NATS round trip, a busy
 * database), and each file is read to its end only then. Answers each file read whole with its size.
 */
const slowIngest = (batchDelayMs: number): UploadPorts => ({
  createBatch: async () => (await sleep(batchDelayMs), { id: "batch-1" } as BatchView),
  upload: async (stream, info) => {
    let size = 0;
    try {
      for await (const chunk of stream) size += (chunk as Buffer).length;
    } catch (err) {
      throw new AppError("VALIDATION_FAILED", "The upload was interrupted", undefined, { cause: err });
    }
    return { id: `${info.filename}:${size}`, original_filename: info.filename } as ImageView;
  },
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves one upload with `ports`; resolves with what `receiveUpload` settled to. */
async function serveOnce(ports: UploadPorts) {
  let settle!: (outcome: { ok: boolean; value: unknown }) => void;
  const outcome = new Promise<{ ok: boolean; value: unknown }>((resolve) => (settle = resolve));
  server = createServer((req, res) => {
    receiveUpload(req, { maxFileBytes: 10 * 1024 * 1024, maxFiles: 5 }, ports).then(
      (value) => settle({ ok: true, value }),
      (value) => settle({ ok: false, value }),
    );
    res.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, outcome };
}

describe("receiveUpload when the client goes away", () => {
  it("keeps a file that arrived whole while ingest was not reading yet, and refuses the one cut off", async () => {
    const { port, outcome } = await serveOnce(slowIngest(300));
    // More than busboy holds before anyone reads the file: busboy stops taking bytes, the request is paused, and what
    // comes next (the file's closing boundary, the cut file) waits unread in the request when the client goes away.
    const photo = randomBytes(64 * 1024);
    const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="subject_type"\r\n\r\ncards\r\n${part("whole.jpg")}`);
    const tail = Buffer.concat([Buffer.from(`\r\n${part("cut.jpg")}`), randomBytes(200)]);
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.once("connect", resolve));
    const length = head.length + photo.length + tail.length + 10_000;
    socket.write(`POST /imports/batches HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${length}\r\n\r\n`);
    socket.write(Buffer.concat([head, photo]));
    await sleep(50);
    socket.end(tail);

    const { ok, value } = await outcome;
    expect(ok).toBe(false);
    const report = (value as { type: string; details: BatchReport }).details;
    expect((value as { type: string }).type).toBe("VALIDATION_FAILED");
    expect(report.accepted).toEqual([{ image_id: `whole.jpg:${photo.length}`, filename: "whole.jpg" }]);
    expect(report.rejected).toEqual([expect.objectContaining({ filename: "cut.jpg", status: 422 })]);
  });
});
