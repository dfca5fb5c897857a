import type { Context } from "moleculer";

/** What the HTTP use cases share: the verified caller in `meta.user`, the response meta moleculer-web reads. */
type Meta = { user: { id: string; admin?: boolean }; $statusCode?: number; $responseType?: string; $responseHeaders?: Record<string, string> };
export type Ctx<P = Record<string, unknown>> = Context<P, Meta>;

export const userId = (ctx: Ctx<unknown>) => ctx.meta.user.id;
export const id = { type: "string", min: 1, max: 200 } as const;
export const optionalNumber = { type: "number", optional: true, convert: true } as const;
/** The highest page asked for: its offset stays a number PostgreSQL takes (page 1e20 was a 500). */
export const MAX_PAGE = 1_000_000;
export const paging = { page: { ...optionalNumber, integer: true, min: 1, max: MAX_PAGE }, page_size: { ...optionalNumber, integer: true, min: 1, max: 100 } } as const;
export type Paged = { page?: number; page_size?: number };
export const pageOf = (ctx: Ctx<Paged>) => ({ userId: userId(ctx), page: ctx.params.page ?? 1, pageSize: ctx.params.page_size ?? 20 });
