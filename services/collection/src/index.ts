import type { EntitySchema } from "typeorm";
import type { MigrationClass } from "@poke-ventory/db";
import { CardDraftEntity } from "./entities/card-draft.entity";
import { UserCardEntity } from "./entities/user-card.entity";
import { UserMasterSetEntity } from "./entities/user-master-set.entity";
import { CollectionInit1700000500000 } from "./migrations/1700000500000-collection-init";

export { collectionConfigShape, type CollectionConfig } from "./config";
export { composeCollection, type CollectionShared } from "./compose";
export type { SelectDraftResult } from "./select-draft";
export { CARD_CONDITIONS, DEFAULT_CONDITION, type CardCondition } from "./domain/card-condition";
export { AUDIT_SERVICE } from "./audit.service";

export const collectionEntities: EntitySchema[] = [
  CardDraftEntity as EntitySchema,
  UserCardEntity as EntitySchema,
  UserMasterSetEntity as EntitySchema,
];
export const collectionMigrations: MigrationClass[] = [CollectionInit1700000500000 as MigrationClass];
