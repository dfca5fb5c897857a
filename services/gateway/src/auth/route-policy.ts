/** What an API key may be allowed to do. */
export const SCOPES = ["imports:read", "imports:write", "collection:read", "collection:write", "catalog:read"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Who may call a route: `public` (anyone; rate-limited per IP where the policy says `perIp`), `optional` (anyone; an admin sees more),
 * `user` (a person's access token, never an API key), `admin` (an admin's access token), or a scope
 * (an access token, or an API key holding that scope).
 */
export type Access = "public" | "optional" | "user" | "admin" | Scope;

export interface RoutePolicy {
  access: Access;
  /** Also counted against the per-client upload limit. */
  upload?: boolean;
  /** A public route counted per client IP, against the auth limit or the uploads limit. */
  perIp?: "auth" | "uploads";
}

/** Every route of the gateway, `METHOD /full/path` as moleculer-web spells its aliases. One place, checked by a test. */
export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  "POST /auth/register": { access: "public", perIp: "auth" },
  "POST /auth/login": { access: "public", perIp: "auth" },
  "POST /auth/refresh": { access: "public", perIp: "auth" },
  "POST /auth/logout": { access: "public", perIp: "auth" },
  "POST /auth/api-keys": { access: "user" },
  "GET /auth/api-keys": { access: "user" },
  "DELETE /auth/api-keys/:id": { access: "user" },
  "GET /admin/users": { access: "admin" },
  "PATCH /admin/users/:id": { access: "admin" },
  "GET /admin/api-keys": { access: "admin" },
  "DELETE /admin/api-keys/:id": { access: "admin" },
  "POST /imports/batches": { access: "imports:write", upload: true },
  "POST /imports/uploads": { access: "imports:write", upload: true },
  "GET /imports/uploads/:id": { access: "imports:read" },
  "POST /imports/uploads/:id/complete": { access: "imports:write" },
  // No bearer: the URL's HMAC signature is the credential. Per IP, the uploads limit: one PUT per prepared upload.
  "PUT /imports/uploads/:id/content": { access: "public", perIp: "uploads" },
  "GET /me/usage": { access: "imports:read" },
  "GET /imports/batches": { access: "imports:read" },
  "GET /imports/batches/:id": { access: "imports:read" },
  "GET /imports/batches/:id/events": { access: "imports:read" },
  "GET /imports/drafts": { access: "imports:read" },
  "GET /imports/drafts/:id": { access: "imports:read" },
  "POST /imports/drafts/:id/select": { access: "collection:write" },
  "GET /imports/images/:id": { access: "imports:read" },
  "GET /imports/images/:id/cards/:index": { access: "imports:read" },
  "GET /imports/images/:id/thumbnail": { access: "imports:read" },
  "GET /imports/images/:id/cards/:index/thumbnail": { access: "imports:read" },
  "GET /collection/cards": { access: "collection:read" },
  "PATCH /collection/cards/:id": { access: "collection:write" },
  "DELETE /collection/cards/:id": { access: "collection:write" },
  "GET /collection/master-sets": { access: "collection:read" },
  "GET /collection/master-sets/:set_id/missing": { access: "collection:read" },
  "GET /collection/export.csv": { access: "collection:read" },
  "POST /collection/import": { access: "collection:write" },
  "GET /catalog/search": { access: "catalog:read" },
  "GET /catalog/sets": { access: "catalog:read" },
  "GET /catalog/sets/:id": { access: "catalog:read" },
  "GET /catalog/cards/:id": { access: "catalog:read" },
  "GET /health": { access: "public" },
  "GET /ready": { access: "optional" },
  // The API's document and the web app's files: no data in them.
  "GET /openapi.json": { access: "public" },
  "GET /docs": { access: "public" },
  "GET /docs/:file": { access: "public" },
  "GET /": { access: "public" },
  "GET /assets/:file": { access: "public" },
};

/** The policy of a route; a route missing from the table is refused to everyone but admins (fail closed). */
export function routePolicy(method: string, fullPath: string): RoutePolicy {
  return ROUTE_POLICIES[`${method.toUpperCase()} ${fullPath}`] ?? { access: "admin" };
}

/** Whether a scope name is one of {@link SCOPES}. */
export const isScope = (value: unknown): value is Scope => typeof value === "string" && (SCOPES as readonly string[]).includes(value);
