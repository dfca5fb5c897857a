import { Readable } from "node:stream";
import type { Context } from "moleculer";
import { AppError, type UploadMeta } from "@poke-ventory/contracts";
import { parseQuota } from "./domain/quota";
import type { UploadRequest } from "./upload-image";

/**
 * The file and its meta from an `ingest.upload` call. The file is the call's stream: `ctx.stream` when
 * sent with `{ stream }` (Moleculer 0.15, also across NATS), or `ctx.params` when a local caller passes it
 * as the params.
 */
export function uploadRequestFrom(ctx: Context<unknown, Partial<UploadMeta>>): UploadRequest {
  const stream = ctx.stream instanceof Readable ? ctx.stream : ctx.params instanceof Readable ? ctx.params : null;
  if (!stream) throw new AppError("VALIDATION_FAILED", "No file was sent");
  const { userId, batchId, filename, declaredType, quota } = ctx.meta ?? {};
  if (typeof userId !== "string" || !userId || typeof batchId !== "string" || !batchId) {
    throw new AppError("VALIDATION_FAILED", "userId and batchId are required in the upload meta");
  }
  return {
    stream,
    meta: {
      userId,
      batchId,
      filename: typeof filename === "string" ? filename : null,
      declaredType: declaredType ?? null,
      quota: parseQuota(quota) ?? undefined,
    },
  };
}
