import type { ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { DEFAULT_NAMESPACE, systemClock } from "@poke-ventory/runtime";
import type { GatewayConfig } from "./config";
import { Tokens } from "./auth/tokens";
import { TypeormUserRepository } from "./adapters/typeorm-user-repository";
import { Argon2PasswordHasher } from "./adapters/argon2-password-hasher";
import { createAuthService } from "./auth.service";
import { createHttpService } from "./http.service";
import { createApiService } from "./api.service";
import { createAccessService } from "./access.service";
import { TypeormApiKeyRepository } from "./adapters/typeorm-api-key-repository";
import { TypeormRefreshTokenRepository } from "./adapters/typeorm-refresh-token-repository";
import { MemoryRateLimiter } from "./adapters/memory-rate-limiter";
import { RedisRateLimiter } from "./adapters/redis-rate-limiter";
import type { RateLimiter } from "./ports";
import { effectiveQuota } from "./http/user-quota";

/** Builds the gateway's adapters and its four services: api (HTTP), http (use cases), auth, access (keys, admin). */
export async function composeGateway(
  config: GatewayConfig,
  shared: { dataSource: DataSource; namespace?: string; webDistDir?: string; log?: (msg: string) => void; rateLimiter?: RateLimiter },
): Promise<{ schemas: ServiceSchema[]; close(): Promise<void> }> {
  const clock = systemClock;
  const users = new TypeormUserRepository(shared.dataSource);
  const apiKeys = new TypeormApiKeyRepository(shared.dataSource);
  const tokens = new Tokens(config.JWT_SECRET, config.JWT_ACCESS_TTL_SECONDS, config.JWT_REFRESH_TTL_SECONDS);
  const quotaOf = async (userId: string) => effectiveQuota(await users.findById(userId), config);
  const limiter =
    shared.rateLimiter ??
    (config.REDIS_URL
      ? new RedisRateLimiter(config.REDIS_URL, { namespace: shared.namespace ?? DEFAULT_NAMESPACE, onError: (err) => shared.log?.(`redis: ${err.message}`) })
      : new MemoryRateLimiter(clock));
  const settings = {
    adminEmails: config.ADMIN_EMAILS,
    trustProxy: config.TRUST_PROXY,
    authPerMinute: config.RATE_LIMIT_AUTH_PER_MINUTE,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    uploadsPerMinute: config.RATE_LIMIT_UPLOADS_PER_MINUTE,
  };
  return {
    schemas: [
      createAuthService({ users, hasher: new Argon2PasswordHasher(config.ARGON2_CONCURRENCY), tokens, refreshTokens: new TypeormRefreshTokenRepository(shared.dataSource), clock }),
      createAccessService({ users, apiKeys, clock, adminEmails: config.ADMIN_EMAILS }),
      createHttpService({ pingOwnDatabase: () => users.ping(), quotaOf }),
      createApiService(
        config,
        { tokens, users, apiKeys, limiter, settings, onLimiterError: (err) => shared.log?.(`rate limiter unavailable, request let through: ${err.message}`) },
        quotaOf,
        shared.webDistDir,
      ),
    ],
    close: () => limiter.close(),
  };
}
