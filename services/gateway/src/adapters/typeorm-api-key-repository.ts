import type { DataSource } from "typeorm";
import { UserEntity, type UserRow } from "../entities/user.entity";
import type { ApiKeyRepository, ApiKeyRow } from "../ports";
import type { Scope } from "../auth/route-policy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = "k.id, k.user_id, k.name, k.scopes, k.created_at, k.revoked_at";

type Row = { id: string; user_id: string; name: string; scopes: Scope[]; created_at: Date; revoked_at: Date | null };
const toKey = (r: Row): ApiKeyRow => ({ id: r.id, userId: r.user_id, name: r.name, scopes: r.scopes, createdAt: new Date(r.created_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null });

export class TypeormApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(key: ApiKeyRow, keyHash: string): Promise<void> {
    await this.ds.query(`INSERT INTO api_keys (id, user_id, name, key_hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      key.id,
      key.userId,
      key.name,
      keyHash,
      key.scopes,
      key.createdAt,
    ]);
  }

  async findLive(keyHash: string): Promise<{ key: ApiKeyRow; user: UserRow } | null> {
    const rows: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM api_keys k WHERE k.key_hash = $1 AND k.revoked_at IS NULL`, [keyHash]);
    if (!rows.length) return null;
    const user = await this.ds.getRepository(UserEntity).findOneBy({ id: rows[0].user_id });
    return user ? { key: toKey(rows[0]), user } : null;
  }

  async list(userId?: string): Promise<ApiKeyRow[]> {
    const rows: Row[] = userId
      ? await this.ds.query(`SELECT ${COLUMNS} FROM api_keys k WHERE k.user_id = $1 ORDER BY k.created_at DESC`, [userId])
      : await this.ds.query(`SELECT ${COLUMNS} FROM api_keys k ORDER BY k.created_at DESC`);
    return rows.map(toKey);
  }

  async revoke(id: string, at: Date, userId?: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const params: unknown[] = [id, at];
    const owner = userId ? ` AND user_id = $${params.push(userId)}` : "";
    const rows: unknown[] = await this.ds.query(`UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL${owner} RETURNING id`, params);
    // TypeORM answers an UPDATE … RETURNING on Postgres with [rows, count].
    return (Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length > 0;
  }
}
