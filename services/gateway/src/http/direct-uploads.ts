import type { ServerResponse } from "node:http";
import {
  Actions,
  AppError,
  SUBJECT_TYPES,
  type CompletedUpload,
  type PreparedUploadView,
  type PutUploadContentMeta,
  type SubjectType,
  type UploadQuota,
  type UploadSessionView,
} from "@poke-ventory/contracts";
import type { GatewayThis, Req } from "../api.service";

type Respond = (this: GatewayThis, req: Req, res: ServerResponse, batchId: string) => Promise<void>;
type Body = Record<string, unknown>;

const bodyOf = (req: Req): Body => {
  const body = (req as unknown as { body?: unknown }).body;
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Body) : {};
};
const idOf = (req: Req) => String((req as unknown as { $params?: { id?: unknown } }).$params?.id ?? "");

/**
 * Presigned direct uploads: `POST /imports/uploads` (where to send the bytes), the signed `PUT …/content` (filesystem
 * store), `POST …/complete` (answered exactly like `POST /imports/batches`), and `GET /imports/uploads/{id}`.
 */
export function directUploadAliases(quotaOf: (userId: string) => Promise<UploadQuota>, respondWithBatch: Respond) {
  const run = (handler: (this: GatewayThis, req: Req, res: ServerResponse) => Promise<void>) =>
    async function (this: GatewayThis, req: Req, res: ServerResponse) {
      try {
        await handler.call(this, req, res);
      } catch (err) {
        this.sendError(req, res, err);
      }
    };

  return {
    prepare: run(async function (req, res) {
      const ctx = req.$ctx;
      const { filename, size, content_type, sha256 } = bodyOf(req);
      const prepared = await ctx.call<PreparedUploadView, object>(Actions.ingest.prepareUpload, {
        userId: ctx.meta.user.id,
        filename,
        size,
        contentType: content_type,
        ...(sha256 === undefined ? {} : { sha256 }),
      });
      Object.assign(ctx.meta, { $statusCode: 201, $location: `/imports/uploads/${prepared.upload_id}` });
      this.sendResponse(req, res, prepared);
    }),
    get: run(async function (req, res) {
      const ctx = req.$ctx;
      this.sendResponse(req, res, await ctx.call<UploadSessionView, object>(Actions.ingest.getUpload, { userId: ctx.meta.user.id, id: idOf(req) }));
    }),
    complete: run(async function (req, res) {
      const ctx = req.$ctx;
      const userId = ctx.meta.user.id;
      const { subject_type, batch_id } = bodyOf(req);
      const problems = [];
      if (!SUBJECT_TYPES.includes(subject_type as SubjectType)) problems.push({ field: "subject_type", message: `must be one of ${SUBJECT_TYPES.join(", ")}` });
      if (batch_id !== undefined && (typeof batch_id !== "string" || batch_id.length === 0 || batch_id.length > 200)) {
        problems.push({ field: "batch_id", message: "must be a batch id" });
      }
      if (problems.length > 0) throw new AppError("VALIDATION_FAILED", "The request is not valid", problems);
      const completed = await ctx.call<CompletedUpload, object>(
        Actions.ingest.completeUpload,
        { userId, id: idOf(req), subjectType: subject_type, ...(batch_id ? { batchId: batch_id } : {}), quota: await quotaOf(userId) },
        { timeout: 0 } as object,
      );
      await respondWithBatch.call(this, req, res, completed.batch_id);
    }),
    putContent: run(async function (req, res) {
      const ctx = req.$ctx;
      const meta: PutUploadContentMeta = {
        id: idOf(req),
        expires: String(req.query?.expires ?? ""),
        signature: String(req.query?.signature ?? ""),
        contentType: req.headers["content-type"] ?? null,
      };
      const session = await ctx.call<UploadSessionView, object>(Actions.ingest.putUploadContent, {}, { stream: req, meta, timeout: 0 } as object);
      this.sendResponse(req, res, session);
    }),
  };
}
