import type { Context, ServiceSchema } from "moleculer";
import { Readable } from "node:stream";
import {
  Actions,
  AppError,
  actionKey,
  DEAD_LETTER_CHANNEL,
  Groups,
  SUBJECT_TYPES,
  Channels,
  type CompleteUploadParams,
  type CreateBatchParams,
  type PrepareUploadParams,
  type PutUploadContentMeta,
  type DraftsCreated,
  type ImageFailed,
  type ListBatchesParams,
  type OwnedParams,
  type UploadMeta,
} from "@poke-ventory/contracts";
import { deadLetterOf, publish } from "@poke-ventory/runtime";
import { checkReady } from "./check-ready";
import { completeUpload } from "./complete-upload";
import { createBatch } from "./create-batch";
import type { IngestDeps } from "./deps";
import { getBatch, listBatches } from "./get-batch";
import { getUsage } from "./get-usage";
import { getUpload, prepareUpload } from "./prepare-upload";
import { putUploadContent } from "./put-upload-content";
import type { ImageSweeper } from "./image-sweeper";
import { parseQuota } from "./domain/quota";
import { discard } from "./read-limited";
import { readImage } from "./read-image";
import { readThumbnail } from "./read-thumbnail";
import { recordAnalysed, recordDeadLetter, recordFailed } from "./record-outcome";
import { requeueStored } from "./requeue-stored";
import { uploadImage } from "./upload-image";
import { uploadRequestFrom } from "./upload-request";

const owned = { userId: "string", id: "string" };

type ResponseMeta = { $responseType?: string; $responseHeaders?: Record<string, string> };

export interface IngestServiceOptions {
  deps: IngestDeps;
  sweeper: ImageSweeper;
  /** Reachability probes for `ready` (database, leases, objects). */
  probes: Record<string, () => Promise<unknown>>;
  /** Embedded mode: announce again on start the images the database still has as `stored`. */
  requeueOnStart?: boolean;
}

type ChannelBroker = { sendToChannel(name: string, payload: unknown): Promise<void> };

/** The ingest Moleculer service: maps actions and channels to use cases. */
export function createIngestService({ deps, sweeper, probes, requeueOnStart }: IngestServiceOptions): ServiceSchema {
  return {
    name: Actions.ingest.ready.split(".")[0],
    actions: {
      [actionKey(Actions.ingest.createBatch)]: {
        params: { userId: "string", subjectType: { type: "enum", values: [...SUBJECT_TYPES] } },
        handler: (ctx: Context<CreateBatchParams>) => createBatch(deps, ctx.params),
      },
      [actionKey(Actions.ingest.upload)]: {
        async handler(ctx: Context<unknown, Partial<UploadMeta>>) {
          const request = uploadRequestFrom(ctx);
          try {
            return await uploadImage(deps, request, (message) => publish(ctx, Channels.imageStored, message));
          } finally {
            discard(request.stream);
          }
        },
      },
      [actionKey(Actions.ingest.getBatch)]: {
        params: owned,
        handler: (ctx: Context<OwnedParams>) => getBatch(deps, ctx.params),
      },
      [actionKey(Actions.ingest.listBatches)]: {
        params: { userId: "string", page: { type: "number", integer: true, min: 1 }, pageSize: { type: "number", integer: true, min: 1, max: 100 } },
        handler: (ctx: Context<ListBatchesParams>) => listBatches(deps, ctx.params),
      },
      [actionKey(Actions.ingest.readImage)]: {
        params: owned,
        async handler(ctx: Context<OwnedParams, ResponseMeta>) {
          const image = await readImage(deps, ctx.params);
          ctx.meta.$responseType = image.contentType;
          ctx.meta.$responseHeaders = { "Cache-Control": "private, no-store" };
          return image.stream;
        },
      },
      [actionKey(Actions.ingest.readCrop)]: {
        params: { ...owned, index: { type: "number", integer: true, min: 0, max: 99, convert: true } },
        async handler(ctx: Context<OwnedParams & { index: number }, ResponseMeta>) {
          const crop = await readImage(deps, { userId: ctx.params.userId, id: ctx.params.id, cardIndex: ctx.params.index });
          ctx.meta.$responseType = crop.contentType;
          ctx.meta.$responseHeaders = { "Cache-Control": "private, no-store" };
          return crop.stream;
        },
      },
      [actionKey(Actions.ingest.readThumbnail)]: {
        params: { ...owned, index: { type: "number", integer: true, min: 0, max: 99, convert: true, optional: true } },
        async handler(ctx: Context<OwnedParams & { index?: number }, ResponseMeta>) {
          const thumbnail = await readThumbnail(deps, { userId: ctx.params.userId, id: ctx.params.id, cardIndex: ctx.params.index });
          ctx.meta.$responseType = thumbnail.contentType;
          ctx.meta.$responseHeaders = { "Cache-Control": "private, no-store" };
          return thumbnail.stream;
        },
      },
      [actionKey(Actions.ingest.ready)]: { handler: () => checkReady(probes) },
      // Direct uploads: prepare (a URL), the bytes (through here with the filesystem store), complete, status.
      [actionKey(Actions.ingest.prepareUpload)]: {
        params: { userId: "string", filename: "any", size: "any", contentType: "any", sha256: { type: "any", optional: true } },
        handler: (ctx: Context<PrepareUploadParams>) => prepareUpload(deps, ctx.params),
      },
      [actionKey(Actions.ingest.putUploadContent)]: {
        async handler(ctx: Context<unknown, Partial<PutUploadContentMeta>>) {
          const stream = ctx.stream instanceof Readable ? ctx.stream : ctx.params instanceof Readable ? ctx.params : null;
          if (!stream) throw new AppError("VALIDATION_FAILED", "No body was sent");
          try {
            return await putUploadContent(deps, stream, ctx.meta ?? {});
          } finally {
            discard(stream);
          }
        },
      },
      [actionKey(Actions.ingest.completeUpload)]: {
        params: {
          userId: "string",
          id: "string",
          subjectType: { type: "enum", values: [...SUBJECT_TYPES] },
          batchId: { type: "string", optional: true },
          quota: { type: "object", optional: true },
        },
        handler: (ctx: Context<CompleteUploadParams>) =>
          completeUpload(deps, { ...ctx.params, quota: parseQuota(ctx.params.quota) ?? undefined }, (message) => publish(ctx, Channels.imageStored, message)),
      },
      [actionKey(Actions.ingest.getUpload)]: { params: owned, handler: (ctx: Context<OwnedParams>) => getUpload(deps, ctx.params) },
      [actionKey(Actions.ingest.usage)]: {
        params: { userId: "string" },
        handler: (ctx: Context<{ userId: string }>) => getUsage(deps, ctx.params.userId),
      },
    },
    channels: {
      // In-flight limits and retries: `CHANNEL_POLICIES` (contracts), sized against the database pool.
      [Channels.imageFailed]: {
        group: Groups.ingest,
        // Its dead letter would announce the same failure again: retry, then give up.
        deadLettering: { enabled: false },
        handler: (ctx: Context<ImageFailed>) => recordFailed(deps, ctx.params),
      },
      [Channels.draftsCreated]: { group: Groups.ingest, handler: (ctx: Context<DraftsCreated>) => recordAnalysed(deps, ctx.params) },
      [DEAD_LETTER_CHANNEL]: {
        group: Groups.ingest,
        // A failure here must not dead-letter into its own channel.
        deadLettering: { enabled: false },
        // The failure (step, reason, code) travels in the dead letter's headers.
        handler: (ctx: Context<{ imageId?: unknown } | null>, raw: unknown) =>
          recordDeadLetter(deps, ctx.params, deadLetterOf(raw), (failed) => publish<ImageFailed>(ctx, Channels.imageFailed, failed)),
      },
    },
    async started() {
      sweeper.start();
      if (!requeueOnStart) return;
      const channels = this.broker as unknown as ChannelBroker;
      const queued = await requeueStored(deps, (message) => channels.sendToChannel(Channels.imageStored, message));
      if (queued > 0) this.logger.info(`queued again ${queued} image(s) left stored by the previous run`);
    },
    async stopped() {
      await sweeper.stop();
    },
  } as ServiceSchema;
}
