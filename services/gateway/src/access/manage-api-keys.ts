import { randomUUID } from "node:crypto";
import { AppError, notFound } from "@poke-ventory/contracts";
import type { Clock } from "@poke-ventory/runtime";
import type { ApiKeyRepository, ApiKeyRow } from "../ports";
import { hashApiKey, newApiKey } from "../auth/api-key-secret";
import { SCOPES, isScope, type Scope } from "../auth/route-policy";

export interface ApiKeyView {
  id: string;
  name: string;
  scopes: Scope[];
  created_at: string;
  revoked_at: string | null;
  /** Admins' listing only. */
  user_id?: string;
}

export const apiKeyView = (key: ApiKeyRow, withOwner = false): ApiKeyView => ({
  id: key.id,
  name: key.name,
  scopes: key.scopes,
  created_at: key.createdAt.toISOString(),
  revoked_at: key.revokedAt?.toISOString() ?? null,
  ...(withOwner ? { user_id: key.userId } : {}),
});

type Deps = { apiKeys: ApiKeyRepository; clock: Clock };

/** A new key for the user: the key itself is in this answer only; what is kept is its hash. */
export async function createApiKey(deps: Deps, userId: string, input: { name?: unknown; scopes?: unknown }): Promise<ApiKeyView & { key: string }> {
  const problems: { field: string; message: string }[] = [];
  const name = typeof input.name === "string" ? input.name.trim() : "";
  if (!name || name.length > 100) problems.push({ field: "name", message: "must be 1 to 100 characters" });
  const scopes = Array.isArray(input.scopes) && input.scopes.length <= SCOPES.length * 2 ? input.scopes : null;
  if (!scopes || scopes.length === 0 || !scopes.every(isScope)) {
    problems.push({ field: "scopes", message: `must be a non-empty list of: ${SCOPES.join(", ")}` });
  }
  if (problems.length) throw new AppError("VALIDATION_FAILED", "The request is not valid", problems);
  const key = newApiKey();
  const row: ApiKeyRow = { id: randomUUID(), userId, name, scopes: [...new Set(scopes as Scope[])], createdAt: deps.clock.now(), revokedAt: null };
  await deps.apiKeys.insert(row, hashApiKey(key));
  return { ...apiKeyView(row), key };
}

/** Revokes one of the user's keys (any user's when `userId` is undefined: admins); 404 for another's or a revoked one. */
export async function revokeApiKey(deps: Deps, id: string, userId?: string): Promise<void> {
  if (!(await deps.apiKeys.revoke(id, deps.clock.now(), userId))) throw notFound("API key");
}
