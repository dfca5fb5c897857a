import type { Context, ServiceSchema } from "moleculer";
import type { Clock } from "@poke-ventory/runtime";
import type { ApiKeyRepository, UserRepository } from "./ports";
import type { Caller } from "./http/admit-request";
import { paging, type Paged } from "./http/http-context";
import { apiKeyView, createApiKey, revokeApiKey } from "./access/manage-api-keys";
import { listUsers, updateUser } from "./access/administer-users";

/** The key-management and admin use cases behind `/auth/api-keys` and `/admin/*`; the gate has checked the caller. */
export const ACCESS = {
  createApiKey: "access.createApiKey",
  listApiKeys: "access.listApiKeys",
  revokeApiKey: "access.revokeApiKey",
  listUsers: "access.listUsers",
  updateUser: "access.updateUser",
  listAllApiKeys: "access.listAllApiKeys",
  revokeAnyApiKey: "access.revokeAnyApiKey",
} as const;

export interface AccessDeps {
  users: UserRepository;
  apiKeys: ApiKeyRepository;
  clock: Clock;
  adminEmails: readonly string[];
}

type Ctx<P = Record<string, unknown>> = Context<P, { user: Caller; $statusCode?: number }>;
const id = { type: "string", min: 1, max: 200 } as const;
const limit = { type: "number", integer: true, min: 0, max: 1_000_000, nullable: true, optional: true } as const;

export function createAccessService(deps: AccessDeps): ServiceSchema {
  const call = (ctx: Ctx<unknown>) => <T>(action: string, params: object) => ctx.call<T, object>(action, params, { timeout: 3000, retries: 0 });
  const noContent = async (ctx: Ctx<unknown>, done: Promise<void>) => {
    await done;
    ctx.meta.$statusCode = 204;
  };
  return {
    name: "access",
    actions: {
      async createApiKey(ctx: Ctx<{ name?: unknown; scopes?: unknown }>) {
        const created = await createApiKey(deps, ctx.meta.user.id, ctx.params);
        ctx.meta.$statusCode = 201;
        return created;
      },
      listApiKeys: async (ctx: Ctx) => (await deps.apiKeys.list(ctx.meta.user.id)).map((k) => apiKeyView(k)),
      revokeApiKey: { params: { id }, handler: (ctx: Ctx<{ id: string }>) => noContent(ctx, revokeApiKey(deps, ctx.params.id, ctx.meta.user.id)) },
      listUsers: {
        params: paging,
        handler: (ctx: Ctx<Paged>) => listUsers(deps, call(ctx), ctx.params.page ?? 1, ctx.params.page_size ?? 20),
      },
      updateUser: {
        params: {
          id,
          disabled: { type: "boolean", optional: true },
          quota: { type: "object", optional: true, nullable: true, strict: "remove", props: { images_per_day: limit, storage_mb: limit } },
        },
        handler: (ctx: Ctx<Parameters<typeof updateUser>[3] & { id: string }>) => updateUser(deps, call(ctx), ctx.params.id, ctx.params),
      },
      listAllApiKeys: async () => (await deps.apiKeys.list()).map((k) => apiKeyView(k, true)),
      revokeAnyApiKey: { params: { id }, handler: (ctx: Ctx<{ id: string }>) => noContent(ctx, revokeApiKey(deps, ctx.params.id)) },
    },
  };
}
