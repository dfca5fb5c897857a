import type { Readable } from "node:stream";
import type { ServiceSchema } from "moleculer";
import {
  Actions,
  type BatchView,
  type DraftView,
  type Page,
  type SearchCardsParams,
  type UploadQuota,
  type UsageView,
} from "@poke-ventory/contracts";
import { batchResponse, batchSummary } from "./domain/batch-response";
import { checkReadiness } from "./http/check-readiness";
import { collectionActions } from "./http/collection-actions";
import { id, optionalNumber, pageOf, paging, userId, type Ctx, type Paged } from "./http/http-context";
import { quotaView } from "./http/user-quota";

/** The HTTP use cases: the caller's id comes from the verified token, never from the request. */
export const HTTP = {
  register: "http.register",
  getBatch: "http.getBatch",
  listBatches: "http.listBatches",
  listDrafts: "http.listDrafts",
  getDraft: "http.getDraft",
  readImage: "http.readImage",
  readCrop: "http.readCrop",
  readThumbnail: "http.readThumbnail",
  selectDraft: "http.selectDraft",
  listCards: "http.listCards",
  updateCard: "http.updateCard",
  removeCard: "http.removeCard",
  missingCards: "http.missingCards",
  exportCsv: "http.exportCsv",
  listMasterSets: "http.listMasterSets",
  searchCatalog: "http.searchCatalog",
  listSets: "http.listSets",
  getSet: "http.getSet",
  getCard: "http.getCard",
  health: "http.health",
  ready: "http.ready",
  usage: "http.usage",
} as const;

/**
 * Headers of the stored images and their derivatives: private to their owner, and never sniffed into another type
 * (an image may carry any bytes after its end marker, such as an HTML or ZIP trailer).
 */
const IMAGE_HEADERS = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

export interface HttpDeps {
  pingOwnDatabase: () => Promise<void>;
  /** A user's effective upload quota (their admin override, else the defaults). */
  quotaOf: (userId: string) => Promise<UploadQuota>;
}

export function createHttpService(deps: HttpDeps): ServiceSchema {
  return {
    name: "http",
    actions: {
      async register(ctx: Ctx) {
        const user = await ctx.call(Actions.auth.register, ctx.params);
        ctx.meta.$statusCode = 201;
        return user;
      },
      getBatch: {
        params: { id },
        async handler(ctx: Ctx<{ id: string }>) {
          const batch = await ctx.call<BatchView, object>(Actions.ingest.getBatch, { userId: userId(ctx), id: ctx.params.id });
          const drafts = await ctx.call<DraftView[], object>(Actions.collection.listDrafts, { userId: userId(ctx), batchId: batch.id });
          return batchResponse(batch, drafts);
        },
      },
      listBatches: {
        params: paging,
        async handler(ctx: Ctx<Paged>) {
          const page = await ctx.call<Page<BatchView>, object>(Actions.ingest.listBatches, pageOf(ctx));
          return { ...page, items: page.items.map(batchSummary) };
        },
      },
      listDrafts: {
        params: { ...paging, status: { type: "enum", values: ["awaiting_validation", "validated"], optional: true } },
        handler: (ctx: Ctx<Paged & { status?: string }>) =>
          ctx.call(Actions.collection.listDraftsByStatus, { ...pageOf(ctx), status: ctx.params.status ?? "awaiting_validation" }),
      },
      getDraft: {
        params: { id },
        handler: (ctx: Ctx<{ id: string }>) => ctx.call(Actions.collection.getDraft, { userId: userId(ctx), id: ctx.params.id }),
      },
      readImage: {
        params: { id },
        async handler(ctx: Ctx<{ id: string }>) {
          const stream = await ctx.call<Readable, object>(Actions.ingest.readImage, { userId: userId(ctx), id: ctx.params.id });
          ctx.meta.$responseHeaders = { ...IMAGE_HEADERS };
          return stream;
        },
      },
      readCrop: {
        params: { id, index: { type: "number", integer: true, min: 0, max: 99, convert: true } },
        async handler(ctx: Ctx<{ id: string; index: number }>) {
          const stream = await ctx.call<Readable, object>(Actions.ingest.readCrop, { userId: userId(ctx), id: ctx.params.id, index: ctx.params.index });
          ctx.meta.$responseHeaders = { ...IMAGE_HEADERS };
          return stream;
        },
      },
      readThumbnail: {
        params: { id, index: { type: "number", integer: true, min: 0, max: 99, convert: true, optional: true } },
        async handler(ctx: Ctx<{ id: string; index?: number }>) {
          const stream = await ctx.call<Readable, object>(Actions.ingest.readThumbnail, { userId: userId(ctx), id: ctx.params.id, index: ctx.params.index });
          ctx.meta.$responseHeaders = { ...IMAGE_HEADERS };
          return stream;
        },
      },
      selectDraft: {
        params: {
          id,
          card_id: { type: "string", min: 1, max: 200 },
          quantity: { type: "number", integer: true, min: 1, max: 9999, optional: true },
          condition: { type: "string", optional: true, max: 40 },
          price_paid: { type: "number", min: 0, optional: true, nullable: true },
          acquired_at: { type: "string", optional: true, nullable: true, max: 40 },
          notes: { type: "string", optional: true, nullable: true, max: 2000 },
        },
        handler: (ctx: Ctx<Record<string, never>>) =>
          ctx.call(Actions.collection.selectDraft, {
            userId: userId(ctx),
            draftId: ctx.params.id,
            cardId: ctx.params.card_id,
            quantity: ctx.params.quantity ?? 1,
            condition: ctx.params.condition ?? "near_mint",
            pricePaid: ctx.params.price_paid ?? null,
            acquiredAt: ctx.params.acquired_at ?? null,
            notes: ctx.params.notes ?? null,
          }),
      },
      ...collectionActions,
      searchCatalog: {
        params: {
          q: { type: "string", optional: true, max: 200 },
          set: { type: "string", optional: true, max: 100 },
          number: { type: "string", optional: true, max: 40 },
          lang: { type: "enum", values: ["en", "fr"], optional: true },
          limit: { ...optionalNumber, integer: true, min: 1, max: 100 },
        },
        handler: (ctx: Ctx<SearchCardsParams>) => {
          const { q, set, number, lang, limit } = ctx.params;
          return ctx.call(Actions.matching.searchCards, { q, set, number, lang, limit });
        },
      },
      listSets: (ctx: Ctx) => ctx.call(Actions.matching.listSets, {}),
      getSet: { params: { id }, handler: (ctx: Ctx<{ id: string }>) => ctx.call(Actions.matching.getSet, { id: ctx.params.id }) },
      getCard: { params: { id }, handler: (ctx: Ctx<{ id: string }>) => ctx.call(Actions.matching.getCard, { id: ctx.params.id }) },
      async usage(ctx: Ctx) {
        const [used, quota] = await Promise.all([
          ctx.call<UsageView, object>(Actions.ingest.usage, { userId: userId(ctx) }),
          deps.quotaOf(userId(ctx)),
        ]);
        return { images_today: used.images_today, stored_bytes: used.stored_bytes, quota: quotaView(quota) };
      },
      health: () => ({ status: "ok" }),
      async ready(ctx: Ctx) {
        const report = await checkReadiness(ctx, deps.pingOwnDatabase);
        if (report.status !== "ok") ctx.meta.$statusCode = 503;
        // The checks name hosts, nodes and database errors: for admins only.
        return ctx.meta.user?.admin ? report : { status: report.status };
      },
    },
  };
}
