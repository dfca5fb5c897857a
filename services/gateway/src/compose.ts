import type { ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { systemClock } from "@poke-ventory/runtime";
import type { GatewayConfig } from "./config";
import { Tokens } from "./auth/tokens";
import { TypeormUserRepository } from "./adapters/typeorm-user-repository";
import { Argon2PasswordHasher } from "./adapters/argon2-password-hasher";
import { createAuthService } from "./auth.service";
import { createHttpService } from "./http.service";
import { createApiService } from "./api.service";
import { effectiveQuota } from "./http/user-quota";

/** Builds the gateway's adapters and its three services: api (HTTP), http (use cases), auth. */
export async function composeGateway(
  config: GatewayConfig,
  shared: { dataSource: DataSource },
): Promise<{ schemas: ServiceSchema[]; close(): Promise<void> }> {
  const users = new TypeormUserRepository(shared.dataSource);
  const tokens = new Tokens(config.JWT_SECRET, config.JWT_ACCESS_TTL_SECONDS, config.JWT_REFRESH_TTL_SECONDS);
  const quotaOf = async (userId: string) => effectiveQuota(await users.findById(userId), config);
  return {
    schemas: [
      createAuthService({ users, hasher: new Argon2PasswordHasher(), tokens, clock: systemClock }),
      createHttpService({ pingOwnDatabase: () => users.ping(), quotaOf }),
      createApiService(config, tokens, quotaOf),
    ],
    close: async () => {},
  };
}
