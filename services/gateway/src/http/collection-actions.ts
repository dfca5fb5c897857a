import { Actions, type Page, type UserCardView } from "@poke-ventory/contracts";
import { id, pageOf, paging, userId, type Ctx, type Paged } from "./http-context";

/** The `http.*` collection use cases: listing with filters, card edits, missing cards, CSV export. */
export const collectionActions = {
  listCards: {
    params: {
      ...paging,
      set: { type: "string", optional: true, max: 100 },
      name: { type: "string", optional: true, max: 200 },
      condition: { type: "string", optional: true, max: 40 },
      sort: { type: "enum", values: ["created_at", "name", "number", "set", "acquired_at"], optional: true },
      order: { type: "enum", values: ["asc", "desc"], optional: true },
    },
    handler: (ctx: Ctx<Paged & Record<"set" | "name" | "condition" | "sort" | "order", string | undefined>>) => {
      const { set, name, condition, sort, order } = ctx.params;
      return ctx.call<Page<UserCardView>, object>(Actions.collection.listCards, { ...pageOf(ctx), set, name, condition, sort, order });
    },
  },
  updateCard: {
    params: {
      id,
      quantity: { type: "number", integer: true, optional: true },
      condition: { type: "string", optional: true, max: 40 },
      price_paid: { type: "number", optional: true, nullable: true },
      acquired_at: { type: "string", optional: true, nullable: true, max: 40 },
      notes: { type: "string", optional: true, nullable: true, max: 2000 },
    },
    handler: (ctx: Ctx<{ id: string } & Record<string, unknown>>) => {
      const { id: cardId, ...changes } = ctx.params;
      return ctx.call(Actions.collection.updateCard, { userId: userId(ctx), id: cardId, changes });
    },
  },
  removeCard: {
    params: { id },
    async handler(ctx: Ctx<{ id: string }>) {
      await ctx.call(Actions.collection.removeCard, { userId: userId(ctx), id: ctx.params.id });
      ctx.meta.$statusCode = 204;
      return null;
    },
  },
  missingCards: {
    params: { set_id: id },
    handler: (ctx: Ctx<{ set_id: string }>) => ctx.call(Actions.collection.missingCards, { userId: userId(ctx), setId: ctx.params.set_id }),
  },
  async exportCsv(ctx: Ctx) {
    const csv = await ctx.call<string, object>(Actions.collection.exportCsv, { userId: userId(ctx) });
    ctx.meta.$responseType = "text/csv; charset=utf-8";
    ctx.meta.$responseHeaders = { "Content-Disposition": 'attachment; filename="poke-ventory-collection.csv"', "Cache-Control": "private, no-store" };
    return csv;
  },
  listMasterSets: (ctx: Ctx) => ctx.call(Actions.collection.listMasterSets, { userId: userId(ctx) }),
};
