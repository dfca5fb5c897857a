import { SCOPES } from "../auth/route-policy";
import { schemas } from "./openapi-schemas";
import { errors, extend, jsonBody, object, ok, op, pageOf, paging, pathId, query, ref, type Json } from "./openapi-parts";

const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: "string", contentEncoding: "binary" } } } });
const noContent = { "204": { description: "Done, no body" } };
const refreshBody = jsonBody(object({ refresh_token: { type: "string" } }));
const quota = object({ images_per_day: { type: ["integer", "null"] }, storage_mb: { type: ["integer", "null"] } }, ["images_per_day", "storage_mb"]);
const apiKey = object({ id: { type: "string" }, name: { type: "string" }, scopes: { type: "array", items: { enum: [...SCOPES] } }, created_at: { type: "string" }, revoked_at: { type: ["string", "null"] } }, ["revoked_at"]);
const usage = object({ images_today: { type: "integer" }, stored_bytes: { type: "integer" } });
const adminUser = object({ id: { type: "string" }, email: { type: "string" }, created_at: { type: "string" }, admin: { type: "boolean" }, disabled: { type: "boolean" }, quota, usage: { oneOf: [usage, { type: "null" }] } });
const uploadSession = {
  type: "object",
  required: ["upload_id", "status"],
  properties: {
    upload_id: { type: "string" },
    status: { enum: ["pending", "uploaded", "completed", "rejected", "expired"] },
    filename: { type: ["string", "null"] },
    size: { type: "integer" },
    content_type: { type: "string" },
    batch_id: { type: ["string", "null"] },
    image_id: { type: ["string", "null"] },
    failure_reason: { type: ["string", "null"] },
    created_at: { type: "string" },
    expires_at: { type: "string" },
  },
};
const cardIndex = { name: "index", in: "path", required: true, schema: { type: "integer", minimum: 0, maximum: 99 } };
const webp = binary("image/webp", "A WebP thumbnail (≤ 320 px, no metadata)");
/** 410 on every read of an image or of what derives from it. */
const imageGone = { "410": ok(ref("Error"), "`IMAGE_EXPIRED` after the image's TTL; `IMAGE_GONE` when its stored original vanished (the image is expired then)") };
const html = (description: string) => ({ description, content: { "text/html": { schema: { type: "string" } } } });

/** The public HTTP API as OpenAPI 3.1 (`GET /openapi.json`). A test holds it to the routes the gateway declares. */
export function openApiDocument(version = "0.1.0"): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Poke-ventory API",
      version,
      description: "Photograph Pokémon TCG cards, confirm what was found, build a collection with master-set completion. Every error has the `Error` shape.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { apiKey: [] }],
    tags: ["auth", "admin", "imports", "collection", "catalog", "system", "web"].map((name) => ({ name })),
    paths: {
      "/auth/register": { post: op("auth", "Create an account", { "201": ok(ref("User"), "Created"), ...errors(409, 422, 429) }, { public: true, requestBody: jsonBody(ref("Credentials")) }) },
      "/auth/login": { post: op("auth", "Sign in", { "200": ok(ref("TokenPair")), ...errors(401, 422, 429) }, { public: true, requestBody: jsonBody(ref("Credentials")) }) },
      "/auth/refresh": {
        post: op("auth", "A new token pair for a refresh token", { "200": ok(ref("TokenPair")), ...errors(401, 422, 429) }, {
          public: true,
          requestBody: jsonBody({ type: "object", required: ["refresh_token"], properties: { refresh_token: { type: "string" } } }),
        }),
      },
      "/auth/logout": { post: op("auth", "Revoke a refresh token and every token of its login", { ...noContent, ...errors(401, 422, 429) }, { public: true, requestBody: refreshBody }) },
      "/auth/api-keys": {
        get: op("auth", "The caller's API keys (never the key itself)", { "200": ok({ type: "array", items: apiKey }) }),
        post: op("auth", "Create an API key: the key is shown only in this answer", { "201": ok(extend(apiKey, { key: { type: "string" } }), "Created"), ...errors(422) }, {
          requestBody: jsonBody(object({ name: { type: "string" }, scopes: { type: "array", items: { enum: [...SCOPES] } } })),
        }),
      },
      "/auth/api-keys/{id}": { delete: op("auth", "Revoke one of the caller's API keys", { ...noContent, ...errors(404) }, { parameters: [pathId()] }) },
      "/admin/users": { get: op("admin", "Every user with quota and usage (admins)", { "200": ok(pageOf(adminUser)), ...errors(422) }, { parameters: paging }) },
      "/admin/users/{id}": {
        patch: op("admin", "Disable a user or set their quota (admins); null resets a quota to the default", { "200": ok(adminUser), ...errors(404, 422) }, {
          parameters: [pathId()],
          requestBody: jsonBody(object({ disabled: { type: "boolean" }, quota: { oneOf: [quota, { type: "null" }] } }, ["disabled", "quota"])),
        }),
      },
      "/admin/api-keys": { get: op("admin", "Every user's API keys (admins)", { "200": ok({ type: "array", items: apiKey }) }) },
      "/admin/api-keys/{id}": { delete: op("admin", "Revoke any API key (admins)", { ...noContent, ...errors(404) }, { parameters: [pathId()] }) },
      "/me/usage": {
        get: op("imports", "The caller's usage today and quota", { "200": ok(extend(usage, { quota })) }),
      },
      "/imports/uploads": {
        post: op("imports", "Prepare a direct upload: a signed URL to send the bytes to, with exactly `headers` (with S3 their Content-Length and Content-Type are signed)", {
          "201": ok(object({ upload_id: { type: "string" }, url: { type: "string" }, method: { const: "PUT" }, headers: { type: "object" }, expires_at: { type: "string" } }), "Prepared"),
          ...errors(422),
        }, { requestBody: jsonBody(object({ filename: { type: "string" }, size: { type: "integer" }, content_type: { type: "string" }, sha256: { type: "string" } }, ["sha256"])) }),
      },
      "/imports/uploads/{id}": { get: op("imports", "A direct upload's session and status", { "200": ok(uploadSession), ...errors(404) }, { parameters: [pathId()] }) },
      "/imports/uploads/{id}/content": {
        put: op("imports", "The bytes of a direct upload (filesystem store): the URL's signature is the credential; limited per client IP by RATE_LIMIT_UPLOADS_PER_MINUTE", { "200": ok(uploadSession), ...errors(403, 413, 422, 429) }, {
          public: true,
          parameters: [pathId(), query("expires", { type: "string" }), query("signature", { type: "string" })],
          requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", contentEncoding: "binary" } } } },
        }),
      },
      "/imports/uploads/{id}/complete": {
        post: op("imports", "Check the stored bytes and analyse them: the answer of a batch upload", {
          "201": ok(ref("Batch"), "Analysed"),
          "202": ok(ref("Batch"), "Still processing after `wait` seconds"),
          ...errors(404, 409, 410, 415, 422),
        }, {
          parameters: [pathId(), query("wait", { type: "number", minimum: 0, maximum: 120 })],
          requestBody: jsonBody(object({ subject_type: { enum: ["cards", "sealed"] }, batch_id: { type: "string" } }, ["batch_id"])),
        }),
      },
      "/imports/images/{id}/thumbnail": { get: op("imports", "The image's WebP thumbnail", { "200": webp, ...errors(404), ...imageGone }, { parameters: [pathId()] }) },
      "/imports/images/{id}/cards/{index}/thumbnail": { get: op("imports", "One card crop's WebP thumbnail", { "200": webp, ...errors(404, 422), ...imageGone }, { parameters: [pathId(), cardIndex] }) },
      "/imports/batches": {
        get: op("imports", "The caller's batches, newest first", { "200": ok(pageOf(ref("BatchSummary"))), ...errors(422) }, { parameters: paging }),
        post: op("imports", "Upload photos (multipart: subject_type, then files)", {
          "201": ok(ref("Batch"), "Analysed"),
          "202": ok(ref("Batch"), "Still processing after `wait` seconds; poll the Location"),
          ...errors(413, 415, 422),
        }, {
          parameters: [query("wait", { type: "number", minimum: 0, maximum: 120 }, "seconds to wait for the drafts")],
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: { type: "object", required: ["subject_type", "files"], properties: { subject_type: { enum: ["cards", "sealed"] }, files: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } } } } } },
          },
        }),
      },
      "/imports/batches/{id}": { get: op("imports", "One batch, its images and drafts", { "200": ok(ref("Batch")), ...errors(404) }, { parameters: [pathId()] }) },
      "/imports/batches/{id}/events": {
        get: op("imports", "Server-sent events of a batch: the current state first, then `image`, `draft`, `done` (then the stream ends); `: keep-alive` every 15 s", {
          "200": { description: "`event: image` {image_id, status, failure_reason?}, `event: draft` (a Draft), `event: done` {status}", content: { "text/event-stream": { schema: { type: "string" } } } },
          ...errors(404),
        }, { parameters: [pathId()] }),
      },
      "/imports/drafts": {
        get: op("imports", "The review queue: drafts in a status across batches, oldest first", { "200": ok(pageOf(ref("Draft"))), ...errors(422) }, {
          parameters: [query("status", { enum: ["awaiting_validation", "validated"], default: "awaiting_validation" }), ...paging],
        }),
      },
      "/imports/drafts/{id}": { get: op("imports", "One draft with its ranked candidates", { "200": ok(ref("Draft")), ...errors(404) }, { parameters: [pathId()] }) },
      "/imports/drafts/{id}/select": {
        post: op("imports", "Confirm a draft as a catalog card: adds it to the collection", {
          "200": ok({ type: "object", required: ["draft", "user_card", "master_set"], properties: { draft: ref("Draft"), user_card: ref("UserCard"), master_set: ref("MasterSet") } }),
          ...errors(404, 409, 422),
        }, { parameters: [pathId()], requestBody: jsonBody(ref("Selection")) }),
      },
      "/imports/images/{id}": { get: op("imports", "The image bytes (owner only); a read refreshes its TTL", { "200": binary("image/*", "The image"), ...errors(404), ...imageGone }, { parameters: [pathId()] }) },
      "/imports/images/{id}/cards/{index}": {
        get: op("imports", "The straightened crop of one detected card", { "200": binary("image/*", "The crop"), ...errors(404, 422), ...imageGone }, {
          parameters: [pathId(), { name: "index", in: "path", required: true, schema: { type: "integer", minimum: 0, maximum: 99 } }],
        }),
      },
      "/collection/cards": {
        get: op("collection", "The collector's cards with catalog names; filters, sort, paging", { "200": ok(pageOf(ref("UserCard"))), ...errors(422) }, {
          parameters: [
            query("set", { type: "string" }, "a catalog set id"),
            query("name", { type: "string" }, "part of the English or French name, any case"),
            query("condition", { type: "string" }),
            query("sort", { enum: ["created_at", "name", "number", "set", "acquired_at"], default: "created_at" }),
            query("order", { enum: ["asc", "desc"], default: "desc" }),
            ...paging,
          ],
        }),
      },
      "/collection/cards/{id}": {
        patch: op("collection", "Change a card's quantity, condition, price, date or notes", { "200": ok(ref("UserCard")), ...errors(404, 422) }, { parameters: [pathId()], requestBody: jsonBody(ref("CardChanges")) }),
        delete: op("collection", "Remove a card (its master set is recounted)", { ...noContent, ...errors(404) }, { parameters: [pathId()] }),
      },
      "/collection/master-sets": { get: op("collection", "Completion per set", { "200": ok({ type: "array", items: ref("MasterSet") }) }) },
      "/collection/master-sets/{set_id}/missing": {
        get: op("collection", "The set's cards the collector lacks, secret rares included", { "200": ok(ref("MissingCards")), ...errors(404) }, { parameters: [pathId("set_id")] }),
      },
      "/collection/export.csv": {
        get: op("collection", "The collection as CSV: set_code,number,name,language,quantity,condition,price_paid,acquired_at (RFC 4180; cells starting with = + - @ are prefixed with ')", {
          "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
        }),
      },
      "/collection/import": {
        post: op("collection", "Add a CSV's rows (≤ 2 MB) to the collection: each row is a new card, so importing an export again adds its quantities again", {
          "200": ok(ref("CsvImport")),
          ...errors(413, 415, 422),
        }, { requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } } }),
      },
      "/catalog/search": {
        get: op("catalog", "Search cards by name (either language), set, number", { "200": ok({ type: "array", items: ref("CatalogCard") }), ...errors(422) }, {
          parameters: [query("q", { type: "string" }), query("set", { type: "string" }), query("number", { type: "string" }), query("lang", { enum: ["en", "fr"] }), query("limit", { type: "integer", minimum: 1, maximum: 100 })],
        }),
      },
      "/catalog/sets": { get: op("catalog", "Every set, newest first", { "200": ok({ type: "array", items: ref("CatalogSet") }) }) },
      "/catalog/sets/{id}": { get: op("catalog", "One set with its cards", { "200": ok(ref("CatalogSetWithCards")), ...errors(404) }, { parameters: [pathId()] }) },
      "/catalog/cards/{id}": { get: op("catalog", "One catalog card", { "200": ok(ref("CatalogCard")), ...errors(404) }, { parameters: [pathId()] }) },
      "/health": { get: op("system", "Liveness", { "200": ok({ type: "object", properties: { status: { const: "ok" } } }) }, { public: true }) },
      "/ready": { get: op("system", "Readiness of every service's dependencies", { "200": ok(ref("Readiness")), "503": ok(ref("Readiness"), "Not ready") }, { public: true }) },
      "/openapi.json": { get: op("system", "This document", { "200": ok({ type: "object" }) }, { public: true }) },
      "/docs": { get: op("system", "The API docs (Swagger UI, served by the gateway)", { "200": html("Swagger UI") }, { public: true }) },
      "/docs/{file}": { get: op("system", "Swagger UI's own files", { "200": binary("application/octet-stream", "A file"), ...errors(404) }, { public: true, parameters: [pathId("file")] }) },
      "/": { get: op("web", "The web app (index.html, never cached)", { "200": html("The app"), ...errors(503) }, { public: true }) },
      "/assets/{file}": { get: op("web", "The web app's hashed assets (cached a year)", { "200": binary("application/octet-stream", "An asset"), ...errors(404, 503) }, { public: true, parameters: [pathId("file")] }) },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An access token (JWT) or an API key (`pkv_…`)" }, apiKey: { type: "apiKey", in: "header", name: "X-API-Key" } },
      responses: { Error: ok(ref("Error"), "An error, in the one error shape") },
      schemas,
    },
  };
}
