import busboy from "busboy";
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { AppError, SUBJECT_TYPES, type BatchView, type ImageView, type SubjectType } from "@poke-ventory/contracts";
import { toErrorBody } from "@poke-ventory/runtime";

export interface UploadPorts {
  createBatch(subjectType: SubjectType): Promise<BatchView>;
  /** Streams one file to ingest; rejects with the file's problem (413, 415, 422…). */
  upload(file: Readable, info: { batchId: string; filename: string | null; declaredType: string | null }): Promise<ImageView>;
}

export interface RejectedFile {
  filename: string | null;
  status: number;
  type: string;
  message: string;
}

export interface ReceivedUpload {
  batch: BatchView;
  accepted: ImageView[];
  rejected: RejectedFile[];
}

/** What a batch that failed (a file refused, or the request itself) kept and refused: its error's details. */
export interface BatchReport {
  batch_id: string;
  accepted: { image_id: string; filename: string | null }[];
  rejected: RejectedFile[];
  /** The request's own problems (an unknown field, a missing one), when that is what failed. */
  problems?: unknown;
}

export const batchReport = (received: ReceivedUpload, problems?: unknown): BatchReport => ({
  batch_id: received.batch.id,
  accepted: received.accepted.map((i) => ({ image_id: i.id, filename: i.original_filename })),
  rejected: received.rejected,
  ...(problems === undefined ? {} : { problems }),
});

const FILE_FIELDS = new Set(["files", "file", "files[]"]);

/** Whether busboy has pushed the whole file into the stream (its end is queued, even if nobody read it yet). */
const received = (stream: Readable) => stream.readableEnded || (stream as Readable & { _readableState?: { ended?: boolean } })._readableState?.ended === true;

const tooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);

/**
 * Reads a multipart batch upload: the `subject_type` field, then one or more `files`, each streamed to
 * ingest as it arrives (never buffered whole). Per-file problems are collected, not thrown, so the
 * files that were stored are reported too. When the request itself fails once a batch exists (one file too
 * many, an unknown field, a malformed or cut body), the error waits for the files already sent and carries the
 * {@link BatchReport} as its details: the kept files stay in the batch and go on to analysis.
 */
export function receiveUpload(
  req: IncomingMessage,
  limits: { maxFileBytes: number; maxFiles: number },
  ports: UploadPorts,
): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 20, fieldSize: 4096, parts: limits.maxFiles + 20 },
      });
    } catch {
      reject(new AppError("UNSUPPORTED_MEDIA_TYPE", "Expected a multipart/form-data body with `subject_type` and `files`"));
      return;
    }
    const fields: Record<string, string> = {};
    const accepted: ImageView[] = [];
    const rejected: RejectedFile[] = [];
    const work: Promise<void>[] = [];
    let batch: Promise<BatchView> | null = null;
    let fatal: AppError | null = null;

    parser.on("field", (name, value) => void (fields[name] = value));
    const pending = new Set<Readable>();
    parser.on("file", (name, stream, info) => {
      const filename = info.filename ?? null;
      // A body cut short destroys the file stream with an error: it must never go unhandled.
      stream.on("error", () => undefined);
      pending.add(stream);
      stream.once("close", () => pending.delete(stream));
      let overLimit = false;
      stream.once("limit", () => (overLimit = true));
      if (!FILE_FIELDS.has(name)) {
        stream.resume();
        fatal ??= new AppError("VALIDATION_FAILED", "The request is not valid", [{ field: name, message: "unknown file field, use `files`" }]);
        return;
      }
      const subjectType = fields.subject_type as SubjectType;
      if (!SUBJECT_TYPES.includes(subjectType)) {
        stream.resume();
        fatal ??= new AppError("VALIDATION_FAILED", "The request is not valid", [
          { field: "subject_type", message: `must be one of ${SUBJECT_TYPES.join(", ")} and come before the files` },
        ]);
        return;
      }
      batch ??= ports.createBatch(subjectType);
      work.push(
        batch
          .then((b) => {
            // Cut while the batch was being created: a destroyed stream emits nothing more, so neither ingest nor
            // Moleculer's stream transport (which listens for its end) would ever finish reading it.
            if (stream.destroyed && !received(stream)) throw new AppError("VALIDATION_FAILED", "The upload was interrupted");
            return ports.upload(stream, { batchId: b.id, filename, declaredType: info.mimeType ?? null });
          })
          .then(
            (image) => void accepted.push(image),
            (err) => {
              stream.resume();
              const { error } = overLimit ? toErrorBody(tooLarge(limits.maxFileBytes)) : toErrorBody(err);
              rejected.push({ filename, status: error.status, type: error.type, message: error.message });
            },
          ),
      );
    });
    parser.on("filesLimit", () => {
      fatal ??= new AppError("VALIDATION_FAILED", `At most ${limits.maxFiles} files per batch`);
    });
    let failed = false;
    /** Rejects with `error`, reporting the batch's kept and refused files once those already sent are settled. */
    const fail = async (error: AppError) => {
      if (failed) return;
      failed = true;
      await Promise.allSettled(work);
      const made = await batch?.catch(() => null);
      if (!made) return reject(error);
      reject(new AppError(error.type, error.message, batchReport({ batch: made, accepted, rejected }, error.details)));
    };
    const abort = (error: AppError) => {
      void fail(error);
      // Ends the file still being received with an error, so nothing waits for bytes that never come; files received
      // whole (ended, possibly not yet read by ingest: the batch is created over the network first) go on and are kept.
      for (const stream of pending) if (!received(stream)) stream.destroy(error);
      req.unpipe(parser);
      parser.destroy();
    };
    let interruption: AppError | null = null;
    parser.on("error", () => abort(interruption ?? new AppError("VALIDATION_FAILED", "The multipart body is malformed or incomplete")));
    parser.on("close", () => {
      if (fatal) return void fail(fatal);
      Promise.all(work)
        .then(async () => {
          if (!batch) {
            const problems = SUBJECT_TYPES.includes(fields.subject_type as SubjectType)
              ? [{ field: "files", message: "at least one file is required" }]
              : [{ field: "subject_type", message: `must be one of ${SUBJECT_TYPES.join(", ")}` }];
            throw new AppError("VALIDATION_FAILED", "The request is not valid", problems);
          }
          if (!failed) resolve({ batch: await batch, accepted, rejected });
        })
        .catch(reject);
    });
    /**
     * The client went away. The bytes it did deliver may wait behind a file nobody reads yet (the batch is still being
     * created over the network): queued in busboy, which destroying it would drop, or still in the request, which Node
     * drops when it destroys it. So they go to busboy and it is ended instead: the files those bytes finish are kept,
     * and the one cut off fails ("Unexpected end of form") into `abort` like any incomplete body.
     */
    const interrupted = () => {
      if (interruption || failed) return;
      interruption = new AppError("VALIDATION_FAILED", "The upload was interrupted");
      if (parser.destroyed || parser.writableEnded) return abort(interruption);
      req.unpipe(parser);
      for (let chunk = req.read(); chunk !== null; chunk = req.read()) parser.write(chunk);
      parser.end();
    };
    req.on("aborted", interrupted);
    req.on("error", interrupted);
    req.pipe(parser);
  });
}
