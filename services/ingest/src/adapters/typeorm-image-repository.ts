import { In, MoreThan, Not, type DataSource, type EntityManager, type Repository } from "typeorm";
import type { ImageStatus, UsageView } from "@poke-ventory/contracts";
import { AnalysisImageEntity } from "../entities/analysis-image.entity";
import type { ExpiryCursor, ImageChanges, ImageRepository } from "../ports";
import type { ImageRecord } from "../records";
import { isUuid } from "./uuid";

/** The statuses the dedup index covers: an image that still counts as stored. */
const LIVE_STATUSES: ImageStatus[] = ["stored", "analysed", "archived"];

export class TypeormImageRepository implements ImageRepository {
  private readonly repo: Repository<ImageRecord>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(AnalysisImageEntity);
  }

  async insert(image: ImageRecord): Promise<void> {
    await this.repo.insert(image);
  }

  async insertNew(image: ImageRecord, quota?: { dayStart: Date; check: (used: UsageView) => void }): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (quota) {
        // One user's quota checks run one at a time (across replicas too): the lock lasts until the commit,
        // after which the inserted row counts for the next check.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ingest-quota'), hashtext($1))`, [image.userId]);
        quota.check(await usageWith(manager, image.userId, quota.dayStart));
      }
      // ON CONFLICT DO NOTHING: the partial unique index on (user_id, sha256, subject_type) of live images decides.
      await manager.createQueryBuilder().insert().into(AnalysisImageEntity).values(image).orIgnore().execute();
      return manager.existsBy(AnalysisImageEntity, { id: image.id });
    });
  }

  async usage(userId: string, dayStart: Date): Promise<UsageView> {
    return usageWith(this.dataSource.manager, userId, dayStart);
  }

  async findLiveDuplicate(of: Pick<ImageRecord, "userId" | "sha256" | "subjectType">): Promise<ImageRecord | null> {
    return this.repo.findOneBy({ userId: of.userId, sha256: of.sha256, subjectType: of.subjectType, status: In(LIVE_STATUSES) });
  }

  async findById(id: string): Promise<ImageRecord | null> {
    return isUuid(id) ? this.repo.findOneBy({ id }) : null;
  }

  async listByBatch(batchId: string): Promise<ImageRecord[]> {
    if (!isUuid(batchId)) return [];
    return this.repo.find({ where: { batchId }, order: { createdAt: "ASC", id: "ASC" } });
  }

  async update(id: string, changes: ImageChanges): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async updateIfStatus(id: string, from: readonly ImageStatus[], changes: ImageChanges): Promise<boolean> {
    if (!isUuid(id) || from.length === 0) return false;
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set(changes)
      .where("id = :id AND status IN (:...from)", { id, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async listDueForExpiry(now: Date, limit: number, after?: ExpiryCursor): Promise<ImageRecord[]> {
    const query = this.repo
      .createQueryBuilder("image")
      .where("image.status <> 'expired' AND image.expires_at <= :now", { now })
      .orderBy("image.expires_at", "ASC")
      .addOrderBy("image.id", "ASC")
      .take(limit);
    if (after) query.andWhere("(image.expires_at, image.id) > (:afterAt, :afterId)", { afterAt: after.expiresAt, afterId: after.id });
    return query.getMany();
  }

  async listAwaitingAnalysis(now: Date): Promise<ImageRecord[]> {
    return this.repo.find({ where: { status: "stored", expiresAt: MoreThan(now) }, order: { createdAt: "ASC", id: "ASC" } });
  }

  async listUnexpired(now: Date): Promise<Pick<ImageRecord, "id" | "expiresAt">[]> {
    return this.repo.find({ select: { id: true, expiresAt: true }, where: { status: Not("expired"), expiresAt: MoreThan(now) } });
  }
}

async function usageWith(manager: EntityManager, userId: string, dayStart: Date): Promise<UsageView> {
  const [row] = (await manager.query(
    `SELECT count(*) FILTER (WHERE created_at >= $2) AS images_today,
            coalesce(sum(size_bytes) FILTER (WHERE status <> 'expired'), 0) AS stored_bytes
       FROM analysis_images WHERE user_id = $1`,
    [userId, dayStart],
  )) as Array<{ images_today: string | number; stored_bytes: string | number }>;
  return { images_today: Number(row?.images_today ?? 0), stored_bytes: Number(row?.stored_bytes ?? 0) };
}
