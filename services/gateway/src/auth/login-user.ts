import { AppError } from "@poke-ventory/contracts";
import type { PasswordHasher, UserRepository } from "../ports";
import type { TokenPair } from "./tokens";
import { issueSession, type SessionDeps } from "./issue-session";

/**
 * Same answer, in the same time, for an unknown email and a wrong password, so accounts cannot be probed:
 * an unknown email is verified against a dummy hash. A disabled account is told so only after its password.
 */
export async function loginUser(
  deps: SessionDeps & { users: UserRepository; hasher: PasswordHasher },
  input: { email?: unknown; password?: unknown },
): Promise<TokenPair> {
  const email = typeof input.email === "string" && input.email.length <= 640 ? input.email.trim().toLowerCase() : "";
  const password = typeof input.password === "string" && input.password.length <= 256 ? input.password : "";
  const user = email && password ? await deps.users.findByEmail(email) : null;
  const valid = user ? await deps.hasher.verify(user.passwordHash, password) : await deps.hasher.verifyNothing(password);
  if (!user || !valid) throw new AppError("INVALID_CREDENTIALS", "Wrong email or password");
  if (user.disabled) throw new AppError("FORBIDDEN", "This account is disabled");
  return issueSession(deps, { id: user.id, email: user.email });
}
