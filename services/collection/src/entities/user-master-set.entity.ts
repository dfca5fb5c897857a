import { EntitySchema } from "typeorm";
import type { UserMasterSet } from "../domain/records";
import { numericTransformer } from "./numeric-transformer";

export const UserMasterSetEntity = new EntitySchema<UserMasterSet>({
  name: "UserMasterSet",
  tableName: "user_master_sets",
  columns: {
    userId: { name: "user_id", type: "text", primary: true },
    setId: { name: "set_id", type: "text", primary: true },
    ownedCardCount: { name: "owned_card_count", type: "integer" },
    trackedCardCount: { name: "tracked_card_count", type: "integer" },
    completionRate: { name: "completion_rate", type: "numeric", precision: 5, scale: 4, transformer: numericTransformer },
    updatedAt: { name: "updated_at", type: "timestamptz" },
  },
});
