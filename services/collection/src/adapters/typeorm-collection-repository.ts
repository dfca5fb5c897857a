import type { DataSource } from "typeorm";
import { pingDatabase } from "@poke-ventory/db";
import { CardDraftEntity } from "../entities/card-draft.entity";
import { UserCardEntity } from "../entities/user-card.entity";
import { UserMasterSetEntity } from "../entities/user-master-set.entity";
import type { CardDraft, UserCard, UserMasterSet } from "../domain/records";
import type { CollectionRepository, DraftValidation, DraftValidationResult } from "../ports";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CollectionRepository on PostgreSQL (or PGlite) through TypeORM. */
export class TypeormCollectionRepository implements CollectionRepository {
  constructor(private readonly ds: DataSource) {}

  private get drafts() {
    return this.ds.getRepository(CardDraftEntity);
  }

  async insertDrafts(drafts: CardDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.ds.createQueryBuilder().insert().into(CardDraftEntity).values(drafts).orIgnore().execute();
  }

  draftsOfImage(imageId: string): Promise<CardDraft[]> {
    return this.drafts.find({ where: { imageId }, order: { cardIndex: "ASC" } });
  }

  async findDraft(userId: string, id: string): Promise<CardDraft | null> {
    if (!UUID.test(id)) return null;
    return this.drafts.findOne({ where: { id, userId } });
  }

  listDrafts(userId: string, batchId: string): Promise<CardDraft[]> {
    return this.drafts.find({ where: { userId, batchId }, order: { createdAt: "ASC", imageId: "ASC", cardIndex: "ASC" } });
  }

  async validateDraft(v: DraftValidation): Promise<DraftValidationResult> {
    if (!UUID.test(v.draftId)) return { outcome: "not_found" };
    return this.ds.transaction(async (m) => {
      const drafts = m.getRepository(CardDraftEntity);
      // The row lock makes a concurrent selection of the same draft wait, then see it validated.
      const draft = await drafts.findOne({ where: { id: v.draftId, userId: v.userId }, lock: { mode: "pessimistic_write" } });
      if (!draft) return { outcome: "not_found" };
      if (draft.status === "validated") return { outcome: "already_validated" };
      const validated: CardDraft = { ...draft, status: "validated", selectedCardId: v.card.id, validatedAt: v.now };
      await drafts.update({ id: draft.id }, { status: validated.status, selectedCardId: validated.selectedCardId, validatedAt: v.now });

      const userCard: UserCard = {
        id: v.userCardId,
        userId: v.userId,
        cardId: v.card.id,
        setId: v.card.setId,
        quantity: v.selection.quantity,
        condition: v.selection.condition,
        pricePaid: v.selection.pricePaid,
        acquiredAt: v.selection.acquiredAt,
        notes: v.selection.notes,
        draftId: draft.id,
        createdAt: v.now,
      };
      await m.getRepository(UserCardEntity).insert(userCard);
      const masterSet = await this.recountMasterSet(m, v);
      return { outcome: "validated", draft: validated, userCard, masterSet };
    });
  }

  /** Serialised per (user, set) by a row lock, so concurrent selections in one set never lose a count. */
  private async recountMasterSet(m: DataSource["manager"], v: DraftValidation): Promise<UserMasterSet> {
    const key = { userId: v.userId, setId: v.card.setId };
    const sets = m.getRepository(UserMasterSetEntity);
    await m
      .createQueryBuilder()
      .insert()
      .into(UserMasterSetEntity)
      .values({ ...key, ownedCardCount: 0, trackedCardCount: v.trackedCardCount, completionRate: 0, updatedAt: v.now })
      .orIgnore()
      .execute();
    await sets.findOne({ where: key, lock: { mode: "pessimistic_write" } });
    const row = await m
      .getRepository(UserCardEntity)
      .createQueryBuilder("uc")
      .select("COUNT(DISTINCT uc.card_id)", "owned")
      .where("uc.user_id = :userId AND uc.set_id = :setId", key)
      .getRawOne<{ owned: string | number }>();
    const numbers = v.completion(Number(row?.owned ?? 0), v.trackedCardCount);
    const masterSet: UserMasterSet = {
      ...key,
      ownedCardCount: numbers.owned_card_count,
      trackedCardCount: numbers.tracked_card_count,
      completionRate: numbers.completion_rate,
      updatedAt: v.now,
    };
    await sets.update(key, masterSet);
    return masterSet;
  }

  async listUserCards(userId: string, offset: number, limit: number): Promise<{ items: UserCard[]; total: number }> {
    const [items, total] = await this.ds
      .getRepository(UserCardEntity)
      .findAndCount({ where: { userId }, order: { createdAt: "DESC", id: "DESC" }, skip: offset, take: limit });
    return { items, total };
  }

  listMasterSets(userId: string): Promise<UserMasterSet[]> {
    return this.ds.getRepository(UserMasterSetEntity).find({ where: { userId }, order: { setId: "ASC" } });
  }

  ping(): Promise<void> {
    return pingDatabase(this.ds);
  }
}
