import { AppError } from "@poke-ventory/contracts";
import type { UserRepository } from "../ports";
import type { TokenPair, Tokens } from "./tokens";

/** A new pair for a valid refresh token, as long as its account still exists. */
export async function refreshTokens(deps: { users: UserRepository; tokens: Tokens }, refreshToken: unknown): Promise<TokenPair> {
  const subject = deps.tokens.verify(typeof refreshToken === "string" ? refreshToken : "", "refresh");
  const user = await deps.users.findById(subject.id);
  if (!user) throw new AppError("UNAUTHORIZED", "Missing, invalid or expired token");
  return deps.tokens.issue({ id: user.id, email: user.email });
}
