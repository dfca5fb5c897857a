import { EntitySchema } from "typeorm";
import type { UserCard } from "../domain/records";
import { numericTransformer } from "./numeric-transformer";

export const UserCardEntity = new EntitySchema<UserCard>({
  name: "UserCard",
  tableName: "user_cards",
  columns: {
    id: { type: "uuid", primary: true },
    userId: { name: "user_id", type: "text" },
    cardId: { name: "card_id", type: "text" },
    setId: { name: "set_id", type: "text" },
    quantity: { type: "integer" },
    condition: { type: "text" },
    pricePaid: { name: "price_paid", type: "numeric", precision: 12, scale: 2, nullable: true, transformer: numericTransformer },
    acquiredAt: { name: "acquired_at", type: "date", nullable: true },
    notes: { type: "text", nullable: true },
    draftId: { name: "draft_id", type: "uuid", nullable: true, unique: true },
    createdAt: { name: "created_at", type: "timestamptz" },
  },
  indices: [
    { name: "ix_user_cards_user_created", columns: ["userId", "createdAt"] },
    { name: "ix_user_cards_user_set", columns: ["userId", "setId"] },
  ],
});
