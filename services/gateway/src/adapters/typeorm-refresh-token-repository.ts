import type { DataSource } from "typeorm";
import type { RefreshTokenRepository } from "../ports";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TypeormRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly ds: DataSource) {}

  /** Also drops the user's tokens that have expired (their JWTs no longer verify), so the table stays small. */
  async insert(token: { id: string; familyId: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.ds.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now()`, [token.userId]);
    await this.ds.query(`INSERT INTO refresh_tokens (id, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)`, [token.id, token.familyId, token.userId, token.expiresAt]);
  }

  async use(id: string, at: Date): Promise<"rotated" | "reused" | "unknown"> {
    if (!UUID.test(id)) return "unknown";
    // One statement: of two concurrent uses of one token, exactly one rotates.
    const rows: { rotated: boolean }[] = await this.ds.query(
      `WITH marked AS (UPDATE refresh_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id)
       SELECT EXISTS (SELECT 1 FROM marked) AS rotated FROM refresh_tokens WHERE id = $1`,
      [id, at],
    );
    if (!rows.length) return "unknown";
    return rows[0].rotated ? "rotated" : "reused";
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    if (!UUID.test(familyId)) return;
    await this.ds.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, at]);
  }
}
