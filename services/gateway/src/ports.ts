import type { UserRow } from "./entities/user.entity";
import type { Scope } from "./auth/route-policy";

/** Users of the product, keyed by a lower-cased email. */
export interface UserRepository {
  findByEmail(email: string): Promise<UserRow | null>;
  /** Null for an unknown or malformed id. */
  findById(id: string): Promise<UserRow | null>;
  /** Inserts; returns false when the email is already taken. */
  insert(user: UserRow): Promise<boolean>;
  /** Oldest first. */
  list(offset: number, limit: number): Promise<{ items: UserRow[]; total: number }>;
  /** Sets the given admin fields; null for an unknown id. */
  update(id: string, changes: Partial<Pick<UserRow, "disabled" | "quotaImagesPerDay" | "quotaStorageMb">>): Promise<UserRow | null>;
  ping(): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Costs what a `verify` costs and fails: the answer for an unknown account takes as long as for a known one. */
  verifyNothing(password: string): Promise<false>;
}

export interface ApiKeyRow {
  id: string;
  userId: string;
  name: string;
  scopes: Scope[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** API keys; only a hash of each key is kept. */
export interface ApiKeyRepository {
  insert(key: ApiKeyRow, keyHash: string): Promise<void>;
  /** The live key with this hash and its owner, or null (unknown or revoked). */
  findLive(keyHash: string): Promise<{ key: ApiKeyRow; user: UserRow } | null>;
  /** A user's keys (userId set) or everyone's, newest first, revoked ones included. */
  list(userId?: string): Promise<ApiKeyRow[]>;
  /** Revokes a live key (of this user when userId is set); false when there is none. */
  revoke(id: string, at: Date, userId?: string): Promise<boolean>;
}

/** Refresh tokens by id (`jti`) and family: a family is one login and every rotation after it. */
export interface RefreshTokenRepository {
  insert(token: { id: string; familyId: string; userId: string; expiresAt: Date }): Promise<void>;
  /**
   * Marks a token used, once: "rotated" the first time, "reused" for a token already used or revoked
   * (the caller then revokes its family), "unknown" for an id never issued.
   */
  use(id: string, at: Date): Promise<"rotated" | "reused" | "unknown">;
  revokeFamily(familyId: string, at: Date): Promise<void>;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** Fixed-window request counters, shared by every replica that uses the same store. */
export interface RateLimiter {
  /** Counts one request against `key` and says whether it stays within `limit` per `windowMs`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  close(): Promise<void>;
}
