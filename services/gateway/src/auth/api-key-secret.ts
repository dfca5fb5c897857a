import { createHash, randomBytes } from "node:crypto";

/** The recognisable start of every API key (secret scanners and people can tell what leaked). */
export const API_KEY_PREFIX = "pkv_";

/** A new key: the prefix and 32 random bytes, base64url. */
export const newApiKey = (): string => API_KEY_PREFIX + randomBytes(32).toString("base64url");

/** What is stored: a SHA-256 of the key (a fast hash is enough for 256 random bits; nothing to brute-force). */
export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/** Whether a credential looks like an API key rather than a JWT. */
export const isApiKey = (credential: string): boolean => credential.startsWith(API_KEY_PREFIX);
