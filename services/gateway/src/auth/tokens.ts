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

/** HS256 JWTs. The `typ` claim keeps a refresh token from being used as an access token. */
export class Tokens {
  constructor(
    private readonly secret: string,
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
  ) {}

  issue(user: TokenSubject): TokenPair {
    return {
      access_token: this.sign(user, "access", this.accessTtlSeconds),
      refresh_token: this.sign(user, "refresh", this.refreshTtlSeconds),
      token_type: "bearer",
      expires_in: this.accessTtlSeconds,
    };
  }

  /** Verifies signature, expiry and kind; any failure is UNAUTHORIZED without saying which. */
  verify(token: string, kind: TokenKind): TokenSubject {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ["HS256"] }) as jwt.JwtPayload;
      if (claims.typ !== kind || typeof claims.sub !== "string") throw new Error("wrong token kind");
      return { id: claims.sub, email: String(claims.email ?? "") };
    } catch (err) {
      throw new AppError("UNAUTHORIZED", "Missing, invalid or expired token", undefined, { cause: err });
    }
  }

  private sign(user: TokenSubject, kind: TokenKind, ttl: number): string {
    return jwt.sign({ email: user.email, typ: kind }, this.secret, { algorithm: "HS256", subject: user.id, expiresIn: ttl });
  }
}
