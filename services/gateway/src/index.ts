import { UserEntity } from "./entities/user.entity";
import { GatewayInit1763769600000 } from "./migrations/gateway-init";
import { UserAdminColumns1764800000000 } from "./migrations/1764800000000-user-admin-columns";
import { ApiKeysRefreshTokens1764900000000 } from "./migrations/1764900000000-api-keys-refresh-tokens";

export { gatewayConfigShape, type GatewayConfig } from "./config";
export { composeGateway } from "./compose";
export const gatewayEntities = [UserEntity];
export const gatewayMigrations = [GatewayInit1763769600000, UserAdminColumns1764800000000, ApiKeysRefreshTokens1764900000000];
