import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Embedded mode only: a JWT secret generated on first start and kept in the data folder (mode 0600),
 * so sign-ins survive restarts. Distributed mode never does this: JWT_SECRET is required there.
 */
export function embeddedSecret(dataDir: string, log: (msg: string) => void, name = "jwt-secret", variable = "JWT_SECRET"): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  log(`${variable} is not set: generated one for embedded mode in ${file}`);
  return secret;
}
