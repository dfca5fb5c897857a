import type { ServiceSchema, Context } from "moleculer";
import type { Clock } from "@poke-ventory/runtime";
import type { PasswordHasher, RefreshTokenRepository, UserRepository } from "./ports";
import type { Tokens } from "./auth/tokens";
import { registerUser } from "./auth/register-user";
import { loginUser } from "./auth/login-user";
import { logoutUser, refreshTokens } from "./auth/refresh-tokens";

export interface AuthDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  tokens: Tokens;
  refreshTokens: RefreshTokenRepository;
  clock: Clock;
}

type Body = { email?: unknown; password?: unknown; refresh_token?: unknown };

/** Accounts and tokens. Published only through the gateway's /auth routes. */
export function createAuthService(deps: AuthDeps): ServiceSchema {
  return {
    name: "auth",
    actions: {
      register: (ctx: Context<Body>) => registerUser(deps, ctx.params),
      login: (ctx: Context<Body>) => loginUser(deps, ctx.params),
      refresh: (ctx: Context<Body>) => refreshTokens(deps, ctx.params.refresh_token),
      async logout(ctx: Context<Body, { $statusCode?: number }>) {
        await logoutUser(deps, ctx.params.refresh_token);
        ctx.meta.$statusCode = 204;
      },
      verify: { visibility: "public", handler: (ctx: Context<{ token: string }>) => deps.tokens.verify(ctx.params.token, "access") },
    },
  };
}
