import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@poke-ventory/contracts";
import type { ApiKeyRepository, RateDecision, RateLimiter, UserRepository } from "../ports";
import type { Tokens } from "../auth/tokens";
import { hashApiKey, isApiKey } from "../auth/api-key-secret";
import { routePolicy, type Scope } from "../auth/route-policy";
import { clientIp } from "../domain/client-ip";

/** Who is calling, as the use cases see it in `ctx.meta.user`. */
export interface Caller {
  id: string;
  email: string;
  admin: boolean;
  /** Set when the caller is an API key rather than a person's token. */
  keyId?: string;
  scopes?: Scope[];
}

export interface AdmitDeps {
  tokens: Tokens;
  users: UserRepository;
  apiKeys: ApiKeyRepository;
  limiter: RateLimiter;
  /** The limiter failed (the request was let through). */
  onLimiterError?: (err: Error) => void;
  settings: {
    adminEmails: readonly string[];
    trustProxy: number;
    authPerMinute: number;
    perMinute: number;
    uploadsPerMinute: number;
  };
}

const MINUTE = 60_000;
const unauthorized = () => new AppError("UNAUTHORIZED", "Missing, invalid or expired token");

/**
 * The gate in front of every route: finds the route's policy, authenticates the caller (access token or
 * API key, looked up on every request so a disabled user or a revoked key stops at once, on every replica),
 * checks the scope, and counts the request against the caller's rate limits (per IP on public routes that say so).
 * Sets the `RateLimit-*` headers; throws UNAUTHORIZED, FORBIDDEN or RATE_LIMITED.
 */
export async function admitRequest(deps: AdmitDeps, req: IncomingMessage, res: ServerResponse, alias: { method: string; fullPath: string }): Promise<Caller | null> {
  const policy = routePolicy(alias.method, alias.fullPath);
  const { settings } = deps;
  if (policy.access === "public") {
    if (policy.perIp) {
      const ip = clientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], settings.trustProxy);
      const limit = policy.perIp === "auth" ? settings.authPerMinute : settings.uploadsPerMinute;
      limitOrThrow(res, await hits(deps, [[`${policy.perIp}:ip:${ip}`, limit]]));
    }
    return null;
  }
  const credential = readCredential(req);
  if (policy.access === "optional") return credential ? identify(deps, credential).catch(() => null) : null;
  if (!credential) throw unauthorized();
  const caller = await identify(deps, credential);
  if (caller.keyId && (policy.access === "user" || policy.access === "admin")) {
    throw new AppError("FORBIDDEN", "This route needs a user's access token, not an API key");
  }
  if (policy.access === "admin" && !caller.admin) throw new AppError("FORBIDDEN", "This route is for admins");
  if (caller.keyId && !caller.scopes!.includes(policy.access as Scope)) {
    throw new AppError("FORBIDDEN", `This API key lacks the scope ${policy.access}`, { required_scope: policy.access });
  }
  const client = caller.keyId ? `key:${caller.keyId}` : `user:${caller.id}`;
  const counters: [string, number][] = [[`all:${client}`, settings.perMinute]];
  if (policy.upload) counters.push([`uploads:${client}`, settings.uploadsPerMinute]);
  limitOrThrow(res, await hits(deps, counters));
  return caller;
}

function readCredential(req: IncomingMessage): string | null {
  const key = req.headers["x-api-key"];
  if (typeof key === "string" && key.trim()) return key.trim();
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return match ? match[1] : null;
}

async function identify(deps: AdmitDeps, credential: string): Promise<Caller> {
  const isAdmin = (email: string) => deps.settings.adminEmails.includes(email.toLowerCase());
  if (isApiKey(credential)) {
    const found = await deps.apiKeys.findLive(hashApiKey(credential));
    if (!found || found.user.disabled) throw unauthorized();
    return { id: found.user.id, email: found.user.email, admin: isAdmin(found.user.email), keyId: found.key.id, scopes: found.key.scopes };
  }
  const subject = deps.tokens.verify(credential, "access");
  const user = await deps.users.findById(subject.id);
  if (!user || user.disabled) throw unauthorized();
  return { id: user.id, email: user.email, admin: isAdmin(user.email) };
}

/**
 * Counts the request against each counter. When the counters cannot be reached (Redis down), the request is let
 * through without limit headers: a limiter outage must not take the whole API down with it.
 */
async function hits(deps: AdmitDeps, counters: [string, number][]): Promise<RateDecision[]> {
  try {
    return await Promise.all(counters.map(([key, limit]) => deps.limiter.hit(key, limit, MINUTE)));
  } catch (err) {
    deps.onLimiterError?.(err as Error);
    return [];
  }
}

/** Headers from the tightest of the decisions; 429 when any of them refuses. */
function limitOrThrow(res: ServerResponse, decisions: RateDecision[]): void {
  if (!decisions.length) return;
  const denied = decisions.find((d) => !d.allowed);
  const shown = denied ?? decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  const resetSeconds = Math.max(1, Math.ceil(shown.resetMs / 1000));
  res.setHeader("RateLimit-Limit", String(shown.limit));
  res.setHeader("RateLimit-Remaining", String(shown.remaining));
  res.setHeader("RateLimit-Reset", String(resetSeconds));
  if (denied) {
    res.setHeader("Retry-After", String(resetSeconds));
    throw new AppError("RATE_LIMITED", "Too many requests: try again later", { retry_after_seconds: resetSeconds, limit: denied.limit });
  }
}
