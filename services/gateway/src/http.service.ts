import type { Readable } from "node:stream";
import type { Context, ServiceSchema } from "moleculer";
import {
  Actions,
  type BatchView,
  type DraftView,
  type Page,
  type SearchCardsParams,
  type UserCardView,
} from "@poke-ventory/contracts";
import { batchResponse } from "./domain/batch-response";
import { checkReadiness } from "./http/check-readiness";

/** The HTTP use cases: the caller's id comes from the verified token, never from the request. */
export const HTTP = {
  register: "http.register",
  getBatch: "http.getBatch",
  getDraft: "http.getDraft",
  readImage: "http.readImage",
  readCrop: "http.readCrop",
  readThumbnail: "http.readThumbnail",
  selectDraft: "http.selectDraft",
  listCards: "http.listCards",
  listMasterSets: "http.listMasterSets",
  searchCatalog: "http.searchCatalog",
  listSets: "http.listSets",
  getSet: "http.getSet",
  getCard: "http.getCard",
  health: "http.health",
  ready: "http.ready",
} as const;

type Meta = { user: { id: string }; $statusCode?: number; $responseType?: string; $responseHeaders?: Record<string, string> };
type Ctx<P = Record<string, unknown>> = Context<P, Meta>;

const userId = (ctx: Ctx<unknown>) => ctx.meta.user.id;
const id = { type: "string", min: 1, max: 200 } as const;
const optionalNumber = { type: "number", optional: true, convert: true } as const;

export function createHttpService(deps: { pingOwnDatabase: () => Promise<void> }): ServiceSchema {
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
      getDraft: {
        params: { id },
        handler: (ctx: Ctx<{ id: string }>) => ctx.call(Actions.collection.getDraft, { userId: userId(ctx), id: ctx.params.id }),
      },
      readImage: {
        params: { id },
        async handler(ctx: Ctx<{ id: string }>) {
          const stream = await ctx.call<Readable, object>(Actions.ingest.readImage, { userId: userId(ctx), id: ctx.params.id });
          ctx.meta.$responseHeaders = { "Cache-Control": "private, no-store" };
          return stream;
        },
      },
      readCrop: {
        params: { id, index: { type: "number", integer: true, min: 0, max: 99, convert: true } },
        async handler(ctx: Ctx<{ id: string; index: number }>) {
          const stream = await ctx.call<Readable, object>(Actions.ingest.readCrop, { userId: userId(ctx), id: ctx.params.id, index: ctx.params.index });
          ctx.meta.$responseHeaders = { "Cache-Control": "private, no-store" };
          return stream;
        },
      },
      readThumbnail: {
        params: { id, index: { type: "number", integer: true, min: 0, max: 99, convert: true, optional: true } },
        async handler(ctx: Ctx<{ id: string; index?: number }>) {
          const stream = await ctx.call<Readable, object>(Actions.ingest.readThumbnail, { userId: userId(ctx), id: ctx.params.id, index: ctx.params.index });
          ctx.meta.$responseHeaders = { "Cache-Control": "private, no-store" };
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
      listCards: {
        params: { page: { ...optionalNumber, integer: true, min: 1 }, page_size: { ...optionalNumber, integer: true, min: 1, max: 100 } },
        handler: (ctx: Ctx<{ page?: number; page_size?: number }>) =>
          ctx.call<Page<UserCardView>, object>(Actions.collection.listCards, {
            userId: userId(ctx),
            page: ctx.params.page ?? 1,
            pageSize: ctx.params.page_size ?? 20,
          }),
      },
      listMasterSets: (ctx: Ctx) => ctx.call(Actions.collection.listMasterSets, { userId: userId(ctx) }),
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
      health: () => ({ status: "ok" }),
      async ready(ctx: Ctx) {
        const report = await checkReadiness(ctx, deps.pingOwnDatabase);
        if (report.status !== "ok") ctx.meta.$statusCode = 503;
        return report;
      },
    },
  };
}
