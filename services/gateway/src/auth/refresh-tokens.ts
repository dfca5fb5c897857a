import { AppError } from "@poke-ventory/contracts";
import type { UserRepository } from "../ports";
import type { TokenPair } from "./tokens";
import { issueSession, type SessionDeps } from "./issue-session";

const unauthorized = () => new AppError("UNAUTHORIZED", "Missing, invalid or expired token");

/**
 * Rotation: a refresh token works once and is replaced by a new one of the same family. A token used a
 * second time was stolen or replayed: its whole family (the thief's and the owner's tokens) is revoked.
 */
export async function refreshTokens(deps: SessionDeps & { users: UserRepository }, refreshToken: unknown): Promise<TokenPair> {
  const token = deps.tokens.verifyRefresh(typeof refreshToken === "string" ? refreshToken : "");
  const outcome = await deps.refreshTokens.use(token.jti, deps.clock.now());
  if (outcome === "reused") await deps.refreshTokens.revokeFamily(token.familyId, deps.clock.now());
  if (outcome !== "rotated") throw unauthorized();
  const user = await deps.users.findById(token.id);
  if (!user || user.disabled) throw unauthorized();
  return issueSession(deps, { id: user.id, email: user.email }, token.familyId);
}

/** Logout: the refresh token's family is revoked (every token rotated from the same login). */
export async function logoutUser(deps: SessionDeps, refreshToken: unknown): Promise<void> {
  const token = deps.tokens.verifyRefresh(typeof refreshToken === "string" ? refreshToken : "");
  await deps.refreshTokens.revokeFamily(token.familyId, deps.clock.now());
}
