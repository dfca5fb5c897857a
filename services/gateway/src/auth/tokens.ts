import jwt from "jsonwebtoken";
import { AppError } from "@poke-ventory/contracts";

export type TokenKind = "access" | "refresh";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
}

export interface TokenSubject {
  id: string;
  email: string;
}

/** A refresh token's identity: its own id (`jti`) and its family (one login and every rotation after it). */
export interface RefreshId {
  jti: string;
  familyId: string;
}

/** HS256 JWTs. The `typ` claim keeps a refresh token from being used as an access token. */
export class Tokens {
  constructor(
    private readonly secret: string,
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
  ) {}

  /** When a refresh token expires if issued now. */
  refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.refreshTtlSeconds * 1000);
  }

  issue(user: TokenSubject, refresh: RefreshId): TokenPair {
    return {
      access_token: this.sign(user, "access", this.accessTtlSeconds),
      refresh_token: this.sign(user, "refresh", this.refreshTtlSeconds, { jti: refresh.jti, fam: refresh.familyId }),
      token_type: "bearer",
      expires_in: this.accessTtlSeconds,
    };
  }

  /** Verifies signature, expiry and kind; any failure is UNAUTHORIZED without saying which. */
  verify(token: string, kind: TokenKind): TokenSubject {
    const claims = this.claims(token, kind);
    return { id: claims.sub!, email: String(claims.email ?? "") };
  }

  /** A refresh token's subject and identity; one issued without them (before rotation existed) is refused. */
  verifyRefresh(token: string): TokenSubject & RefreshId {
    const claims = this.claims(token, "refresh");
    if (typeof claims.jti !== "string" || typeof claims.fam !== "string") throw unauthorized(new Error("refresh token without id"));
    return { id: claims.sub!, email: String(claims.email ?? ""), jti: claims.jti, familyId: claims.fam };
  }

  private claims(token: string, kind: TokenKind): jwt.JwtPayload {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ["HS256"] }) as jwt.JwtPayload;
      if (claims.typ !== kind || typeof claims.sub !== "string") throw new Error("wrong token kind");
      return claims;
    } catch (err) {
      throw unauthorized(err);
    }
  }

  private sign(user: TokenSubject, kind: TokenKind, ttl: number, extra: Record<string, string> = {}): string {
    return jwt.sign({ email: user.email, typ: kind, ...extra }, this.secret, { algorithm: "HS256", subject: user.id, expiresIn: ttl });
  }
}

const unauthorized = (cause: unknown) => new AppError("UNAUTHORIZED", "Missing, invalid or expired token", undefined, { cause });
