import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/** One HTTP answer as a test saw it. */
export interface ObservedResponse {
  method: string;
  /** The request's path, a query string allowed (`/imports/batches?wait=5`). */
  url: string;
  status: number;
  contentType: string | null;
  /** The parsed body of a JSON answer; anything else (bytes, text) is not looked into. */
  body: unknown;
}

/** An answer the OpenAPI document does not describe: the message names the request, its status and what is off. */
export class ResponseMismatchError extends Error {
  override readonly name = "ResponseMismatchError";
  constructor(readonly response: ObservedResponse, readonly problem: string) {
    super(`${response.method.toUpperCase()} ${response.url} → ${response.status}: ${problem}`);
  }
}

type Node = Record<string, unknown>;
interface Route {
  template: string;
  pattern: RegExp;
  literalSegments: number;
}

// The document is added to Ajv whole, once, under this id: each response schema is then compiled by its JSON
// pointer into it, so the document's own `#/components/...` refs resolve as they are written. Ajv compiles the
// document's root on the way, so its top-level fields are declared as keywords that check nothing.
const DOCUMENT_ID = "openapi.json";
const DOCUMENT_FIELDS = ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags", "externalDocs"];

/** A JSON pointer segment, escaped for the fragment of a URI. */
const segment = (s: string) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"));
const mediaType = (contentType: string | null) => contentType?.split(";")[0].trim().toLowerCase() || null;
const isJson = (type: string) => type === "application/json" || type.endsWith("+json");
/** `image/*` covers `image/jpeg`, `*\/*` covers anything. */
const covers = (documented: string, actual: string) => {
  const [type, sub] = documented.toLowerCase().split("/");
  const [actualType, actualSub] = actual.split("/");
  return (type === "*" || type === actualType) && (sub === "*" || sub === actualSub);
};
const isEmpty = (body: unknown) => body === undefined || body === null || body === "" || (Buffer.isBuffer(body) && body.length === 0);

/**
 * The document with `additionalProperties: false` on every object schema that lists its properties (and says nothing
 * of others): a field the API answers but its document does not name is then a mismatch too. Schemas composed with
 * `allOf` would refuse each other's fields: the document spells each object out flat.
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== "object") return node;
  const copy: Node = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  return "properties" in copy && !("additionalProperties" in copy) ? { ...copy, additionalProperties: false } : copy;
}

/** One of Ajv's errors as a line: where, what, and its parameters (which property was extra, which format failed). */
const explain = (e: ErrorObject) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`;

function route(template: string): Route {
  const parts = template.split("/");
  const source = parts.map((p) => (/^\{[^}]+\}$/.test(p) ? "[^/]+" : p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
  return { template, pattern: new RegExp(`^${source}$`), literalSegments: parts.filter((p) => p && !p.startsWith("{")).length };
}

/**
 * Holds HTTP answers to an OpenAPI 3.1 document: the operation is found by the path templates (a concrete path
 * before a templated one), the status must be documented (or `NXX`, or `default`), the content type must be one the
 * response lists, and a JSON body must match the response's schema (JSON Schema 2020-12, formats checked). With
 * `closed`, a JSON body may hold no property its schema does not name (the document is open as published: clients
 * must accept new fields; the tests hold it to naming every field the API answers).
 */
export class OpenApiResponses {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly routes: Route[];

  constructor(private readonly document: Node, options: { closed?: boolean } = {}) {
    addFormats(this.ajv);
    this.ajv.addVocabulary(DOCUMENT_FIELDS);
    this.ajv.addSchema((options.closed ? closed(document) : document) as Node, DOCUMENT_ID);
    this.routes = Object.keys((document.paths as Node) ?? {})
      .map(route)
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The document a running gateway serves at `GET /openapi.json`. */
  static async fetch(base: string, options: { closed?: boolean } = {}): Promise<OpenApiResponses> {
    const res = await fetch(`${base}/openapi.json`);
    if (res.status !== 200) throw new Error(`GET ${base}/openapi.json answered ${res.status}`);
    return new OpenApiResponses((await res.json()) as Node, options);
  }

  /** Throws a `ResponseMismatchError` unless the document describes `res`. */
  check(res: ObservedResponse): void {
    const fail = (problem: string): never => {
      throw new ResponseMismatchError(res, problem);
    };
    const path = res.url.split(/[?#]/)[0];
    const found = this.routes.find((r) => r.pattern.test(path)) ?? fail("no path of the OpenAPI document matches");
    const method = res.method.toLowerCase();
    const paths = this.document.paths as Record<string, Node>;
    const operation = (paths[found.template][method] as Node | undefined) ?? fail(`${found.template} has no ${method.toUpperCase()} operation`);
    const responses = operation.responses as Node;
    const status = String(res.status);
    const key = [status, `${status[0]}XX`, "default"].find((k) => k in responses) ?? fail(`status not documented for ${method.toUpperCase()} ${found.template} (documented: ${Object.keys(responses).join(", ")})`);
    const [pointer, response] = this.follow(`#/paths/${segment(found.template)}/${method}/responses/${key}`);

    const actual = mediaType(res.contentType);
    const content = response.content as Node | undefined;
    if (!content) {
      if (actual && !isEmpty(res.body)) fail(`documented without a body, answered ${actual}`);
      return;
    }
    if (!actual) return fail(`no content type; documented: ${Object.keys(content).join(", ")}`);
    const documented = Object.keys(content).find((t) => covers(t, actual)) ?? fail(`content type ${actual} not documented (documented: ${Object.keys(content).join(", ")})`);
    if (!isJson(actual)) return;
    const validate = this.ajv.getSchema(`${DOCUMENT_ID}${pointer}/content/${segment(documented)}/schema`) ?? fail(`no schema for ${documented}`);
    if (!validate(res.body)) fail(`body does not match the schema of ${method.toUpperCase()} ${found.template} ${key}:\n  ${(validate.errors ?? []).map(explain).join("\n  ")}`);
  }

  /** The response object at `pointer`, following `$ref`s (`#/components/responses/Error`); returns where it ended. */
  private follow(pointer: string): [string, Node] {
    const at = (p: string) =>
      p.slice(2).split("/").reduce<unknown>((node, s) => (node as Node | undefined)?.[decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~")], this.document) as Node;
    for (let node = at(pointer); ; node = at(pointer)) {
      if (node === undefined) throw new Error(`OpenAPI document: nothing at ${pointer}`);
      if (typeof node.$ref !== "string") return [pointer, node];
      pointer = node.$ref;
    }
  }
}
