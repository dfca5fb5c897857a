import type { DataSource } from "typeorm";
import { UserEntity, type UserRow } from "../entities/user.entity";
import type { UserRepository } from "../ports";

export class TypeormUserRepository implements UserRepository {
  constructor(private readonly ds: DataSource) {}

  findByEmail(email: string): Promise<UserRow | null> {
    return this.ds.getRepository(UserEntity).findOneBy({ email });
  }

  async insert(user: UserRow): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO users (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [user.id, user.email, user.passwordHash, user.createdAt],
    );
    return rows.length === 1;
  }

  async ping(): Promise<void> {
    await this.ds.query("SELECT 1");
  }
}
