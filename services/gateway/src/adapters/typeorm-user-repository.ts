import type { DataSource } from "typeorm";
import { UserEntity, type UserRow } from "../entities/user.entity";
import type { UserRepository } from "../ports";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TypeormUserRepository implements UserRepository {
  constructor(private readonly ds: DataSource) {}

  findByEmail(email: string): Promise<UserRow | null> {
    return this.ds.getRepository(UserEntity).findOneBy({ email });
  }

  findById(id: string): Promise<UserRow | null> {
    return UUID.test(id) ? this.ds.getRepository(UserEntity).findOneBy({ id }) : Promise.resolve(null);
  }

  async insert(user: UserRow): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO users (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [user.id, user.email, user.passwordHash, user.createdAt],
    );
    return rows.length === 1;
  }

  async list(offset: number, limit: number): Promise<{ items: UserRow[]; total: number }> {
    const [items, total] = await this.ds.getRepository(UserEntity).findAndCount({ order: { createdAt: "ASC", id: "ASC" }, skip: offset, take: limit });
    return { items, total };
  }

  async update(id: string, changes: Partial<Pick<UserRow, "disabled" | "quotaImagesPerDay" | "quotaStorageMb">>): Promise<UserRow | null> {
    if (!UUID.test(id)) return null;
    if (Object.keys(changes).length) await this.ds.getRepository(UserEntity).update({ id }, changes);
    return this.findById(id);
  }

  async ping(): Promise<void> {
    await this.ds.query("SELECT 1");
  }
}
