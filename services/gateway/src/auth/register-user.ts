import { randomUUID } from "node:crypto";
import { AppError } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import type { PasswordHasher, UserRepository } from "../ports";
import { checkCredentials } from "./credentials";

export async function registerUser(
  deps: { users: UserRepository; hasher: PasswordHasher; clock: Clock },
  input: { email?: unknown; password?: unknown },
): Promise<{ id: string; email: string; created_at: string }> {
  const { email, password } = checkCredentials(input);
  const user = { id: randomUUID(), email, passwordHash: await deps.hasher.hash(password), createdAt: deps.clock.now(), disabled: false, quotaImagesPerDay: null, quotaStorageMb: null };
  if (!(await deps.users.insert(user))) throw new AppError("EMAIL_TAKEN", "An account with this email already exists");
  return { id: user.id, email: user.email, created_at: user.createdAt.toISOString() };
}
