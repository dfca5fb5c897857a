import { EntitySchema } from "typeorm";

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  /** Set by an admin: the user's tokens and API keys stop working at once. */
  disabled: boolean;
  /** An admin's override of `QUOTA_IMAGES_PER_DAY` for this user (null: the default). */
  quotaImagesPerDay: number | null;
  /** An admin's override of `QUOTA_STORAGE_MB` for this user (null: the default). */
  quotaStorageMb: number | null;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: "User",
  tableName: "users",
  columns: {
    id: { type: "uuid", primary: true },
    email: { type: "varchar", length: 320, unique: true },
    passwordHash: { type: "varchar", length: 255, name: "password_hash" },
    createdAt: { type: "timestamptz", name: "created_at" },
    disabled: { type: "boolean", default: false },
    quotaImagesPerDay: { type: "integer", name: "quota_images_per_day", nullable: true },
    quotaStorageMb: { type: "integer", name: "quota_storage_mb", nullable: true },
  },
});
