import type { DataSource } from "typeorm";
import { pingDatabase } from "@poke-ventory/db";
import { CardDraftEntity } from "../entities/card-draft.entity";
import { UserCardEntity } from "../entities/user-card.entity";
import { UserMasterSetEntity } from "../entities/user-master-set.entity";
import type { CardDraft, UserCard, UserMasterSet } from "../domain/records";
import type { CollectionRepository, DraftValidation, DraftValidationResult, MasterSetRecount, UserCardFilter } from "../ports";

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

  async listDraftsByStatus(userId: string, status: CardDraft["status"], offset: number, limit: number) {
    const [items, total] = await this.drafts.findAndCount({
      where: { userId, status },
      order: { createdAt: "ASC", imageId: "ASC", cardIndex: "ASC" },
      skip: offset,
      take: limit,
    });
    return { items, total };
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
      const masterSet = await this.recountMasterSet(m, { userId: v.userId, setId: v.card.setId }, v.trackedCardCount, v);
      return { outcome: "validated", draft: validated, userCard, masterSet };
    });
  }

  /** Serialised per (user, set) by a row lock, so concurrent selections in one set never lose a count. */
  private async recountMasterSet(
    m: DataSource["manager"],
    key: { userId: string; setId: string },
    trackedCardCount: number,
    v: Pick<MasterSetRecount, "completion" | "now">,
  ): Promise<UserMasterSet> {
    const sets = m.getRepository(UserMasterSetEntity);
    await m
      .createQueryBuilder()
      .insert()
      .into(UserMasterSetEntity)
      .values({ ...key, ownedCardCount: 0, trackedCardCount, completionRate: 0, updatedAt: v.now })
      .orIgnore()
      .execute();
    await sets.findOne({ where: key, lock: { mode: "pessimistic_write" } });
    const row = await m
      .getRepository(UserCardEntity)
      .createQueryBuilder("uc")
      .select("COUNT(DISTINCT uc.card_id)", "owned")
      .where("uc.user_id = :userId AND uc.set_id = :setId", key)
      .getRawOne<{ owned: string | number }>();
    const numbers = v.completion(Number(row?.owned ?? 0), trackedCardCount);
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

  async listUserCards(userId: string, filter: UserCardFilter, order: "asc" | "desc", offset: number, limit: number): Promise<{ items: UserCard[]; total: number }> {
    const direction = order === "asc" ? "ASC" : "DESC";
    const [items, total] = await this.ds
      .getRepository(UserCardEntity)
      .findAndCount({ where: userCardsWhere(userId, filter), order: { createdAt: direction, id: direction }, skip: offset, take: limit });
    return { items, total };
  }

  listMasterSets(userId: string): Promise<UserMasterSet[]> {
    return this.ds.getRepository(UserMasterSetEntity).find({ where: { userId }, order: { setId: "ASC" } });
  }

  listAllUserCards(userId: string, filter: UserCardFilter): Promise<UserCard[]> {
    return this.ds.getRepository(UserCardEntity).find({ where: userCardsWhere(userId, filter), order: { createdAt: "ASC", id: "ASC" } });
  }

  async findUserCard(userId: string, id: string): Promise<UserCard | null> {
    return UUID.test(id) ? this.ds.getRepository(UserCardEntity).findOneBy({ id, userId }) : null;
  }

  async updateUserCard(card: UserCard, recount: MasterSetRecount): Promise<void> {
    await this.ds.transaction(async (m) => {
      const { quantity, condition, pricePaid, acquiredAt, notes } = card;
      await m.getRepository(UserCardEntity).update({ id: card.id, userId: card.userId }, { quantity, condition, pricePaid, acquiredAt, notes });
      await this.recountSets(m, card.userId, [card.setId], recount);
    });
  }

  async deleteUserCard(userId: string, id: string, recount: MasterSetRecount): Promise<boolean> {
    if (!UUID.test(id)) return false;
    return this.ds.transaction(async (m) => {
      const cards = m.getRepository(UserCardEntity);
      const card = await cards.findOneBy({ id, userId });
      if (!card) return false;
      await cards.delete({ id, userId });
      await this.recountSets(m, userId, [card.setId], recount);
      return true;
    });
  }

  async insertUserCards(cards: UserCard[], recount: MasterSetRecount): Promise<void> {
    if (cards.length === 0) return;
    await this.ds.transaction(async (m) => {
      for (let i = 0; i < cards.length; i += 500) await m.getRepository(UserCardEntity).insert(cards.slice(i, i + 500));
      await this.recountSets(m, cards[0].userId, [...new Set(cards.map((c) => c.setId))], recount);
    });
  }

  private async recountSets(m: DataSource["manager"], userId: string, setIds: string[], recount: MasterSetRecount): Promise<void> {
    for (const setId of [...setIds].sort()) {
      await this.recountMasterSet(m, { userId, setId }, recount.trackedCardCount.get(setId) ?? 0, recount);
    }
  }

  ping(): Promise<void> {
    return pingDatabase(this.ds);
  }
}

const userCardsWhere = (userId: string, filter: UserCardFilter) => ({
  userId,
  ...(filter.setId ? { setId: filter.setId } : {}),
  ...(filter.condition ? { condition: filter.condition } : {}),
});
