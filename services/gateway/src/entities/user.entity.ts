import { EntitySchema } from "typeorm";

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: "User",
  tableName: "users",
  columns: {
    id: { type: "uuid", primary: true },
    email: { type: "varchar", length: 320, unique: true },
    passwordHash: { type: "varchar", length: 255, name: "password_hash" },
    createdAt: { type: "timestamptz", name: "created_at" },
  },
});
