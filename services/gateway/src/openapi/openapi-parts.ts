import { MAX_PAGE } from "../http/http-context";

/** Small builders for the OpenAPI document, so each operation reads as one line or two. */

export type Json = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const ok = (schema: Json, description = "OK") => ({ description, content: { "application/json": { schema } } });
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: "#/components/responses/Error" }]));
export const pathId = (name = "id", description?: string) => ({ name, in: "path", required: true, schema: { type: "string" }, ...(description ? { description } : {}) });
export const query = (name: string, schema: Json, description?: string) => ({ name, in: "query", required: false, schema, ...(description ? { description } : {}) });
export const jsonBody = (schema: Json) => ({ required: true, content: { "application/json": { schema } } });
export const paging = [query("page", { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 1 }), query("page_size", { type: "integer", minimum: 1, maximum: 100, default: 20 })];
export const pageOf = (item: Json) => ({
  type: "object",
  required: ["items", "total", "page", "page_size"],
  properties: { items: { type: "array", items: item }, total: { type: "integer" }, page: { type: "integer" }, page_size: { type: "integer" } },
});
export const nullable = (type: string, extra: Json = {}) => ({ type: [type, "null"], ...extra });
/** An object schema whose listed properties are all required. */
export const object = (properties: Record<string, Json>, optional: string[] = []) => ({
  type: "object",
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

/** What the gate answers before a route that needs a caller: no or a bad credential, a key without the scope or a non-admin, too many requests. */
const GATE = errors(401, 403, 429);
/** What the JSON body parser answers before the route: not JSON, over its size limit. */
const JSON_PARSER = errors(400, 413);

/** `base` with more required properties: a flat object schema, not an `allOf` (its fields stay in one place). */
export const extend = (base: ReturnType<typeof object>, properties: Record<string, Json>) => object({ ...base.properties, ...properties }, Object.keys(base.properties).filter((k) => !base.required.includes(k)));

/** One operation: a summary, its tag, its responses, plus what the gate (unless `public`) and the JSON body parser may answer. */
export function op(tag: string, summary: string, responses: Json, extra: Json & { public?: boolean } = {}): Json {
  const { public: isPublic, ...rest } = extra;
  const content = (rest.requestBody as { content?: Json } | undefined)?.content;
  const parser = content && "application/json" in content ? JSON_PARSER : {};
  return { tags: [tag], summary, ...rest, responses: { ...responses, ...parser, ...(isPublic ? {} : GATE) }, ...(isPublic ? { security: [] } : {}) };
}
