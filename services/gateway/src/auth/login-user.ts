import { AppError } from "@poke-ventory/contracts";
import type { PasswordHasher, UserRepository } from "../ports";
import type { TokenPair, Tokens } from "./tokens";

/** Same answer for an unknown email and a wrong password, so accounts cannot be probed. */
export async function loginUser(
  deps: { users: UserRepository; hasher: PasswordHasher; tokens: Tokens },
  input: { email?: unknown; password?: unknown },
): Promise<TokenPair> {
  const email = typeof input.email === "string" ? input.email.trim().toLowerCase() : "";
  const password = typeof input.password === "string" ? input.password : "";
  const user = email && password ? await deps.users.findByEmail(email) : null;
  if (!user || !(await deps.hasher.verify(user.passwordHash, password))) {
    throw new AppError("INVALID_CREDENTIALS", "Wrong email or password");
  }
  return deps.tokens.issue({ id: user.id, email: user.email });
}
