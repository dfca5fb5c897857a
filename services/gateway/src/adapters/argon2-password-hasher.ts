import { randomBytes } from "node:crypto";
import argon2 from "argon2";
import type { PasswordHasher } from "../ports";
import { concurrencyLimit } from "../domain/concurrency-limit";

/**
 * argon2id with the library's defaults (64 MiB, 3 passes). At most `concurrency` hashes run at once: each
 * takes a libuv thread (4 by default) for ~0.4 s, and parallel registrations would otherwise take them all
 * and stall every endpoint that needs one (file and DNS work included).
 */
export class Argon2PasswordHasher implements PasswordHasher {
  private readonly limit: ReturnType<typeof concurrencyLimit>;
  private dummy?: Promise<string>;

  constructor(concurrency = 2) {
    this.limit = concurrencyLimit(concurrency);
  }

  hash(password: string): Promise<string> {
    return this.limit(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.limit(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(16).toString("hex"));
    await this.verify(await this.dummy, password);
    return false;
  }
}
