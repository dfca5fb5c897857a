import type { UserRow } from "./entities/user.entity";

/** Users of the product, keyed by a lower-cased email. */
export interface UserRepository {
  findByEmail(email: string): Promise<UserRow | null>;
  /** Null for an unknown or malformed id. */
  findById(id: string): Promise<UserRow | null>;
  /** Inserts; returns false when the email is already taken. */
  insert(user: UserRow): Promise<boolean>;
  ping(): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
