import { randomUUID } from "node:crypto";
import type { Clock } from "@poke-ventory/runtime";
import type { RefreshTokenRepository } from "../ports";
import type { TokenPair, TokenSubject, Tokens } from "./tokens";

export interface SessionDeps {
  refreshTokens: RefreshTokenRepository;
  tokens: Tokens;
  clock: Clock;
}

/** A token pair whose refresh token is recorded in `familyId` (a new family: a new login). */
export async function issueSession(deps: SessionDeps, user: TokenSubject, familyId: string = randomUUID()): Promise<TokenPair> {
  const jti = randomUUID();
  await deps.refreshTokens.insert({ id: jti, familyId, userId: user.id, expiresAt: deps.tokens.refreshExpiry(deps.clock.now()) });
  return deps.tokens.issue(user, { jti, familyId });
}
