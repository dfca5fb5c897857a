import { In, MoreThan, Not, type DataSource, type Repository } from "typeorm";
import type { ImageStatus } from "@poke-ventory/contracts";
import { AnalysisImageEntity } from "../entities/analysis-image.entity";
import type { ExpiryCursor, ImageChanges, ImageRepository } from "../ports";
import type { ImageRecord } from "../records";
import { isUuid } from "./uuid";

/** The statuses the dedup index covers: an image that still counts as stored. */
const LIVE_STATUSES: ImageStatus[] = ["stored", "analysed", "archived"];

export class TypeormImageRepository implements ImageRepository {
  private readonly repo: Repository<ImageRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(AnalysisImageEntity);
  }

  async insert(image: ImageRecord): Promise<void> {
    await this.repo.insert(image);
  }

  async insertUnlessDuplicate(image: ImageRecord): Promise<boolean> {
    // ON CONFLICT DO NOTHING: the partial unique index on (user_id, sha256, subject_type) of live images decides.
    await this.repo.createQueryBuilder().insert().values(image).orIgnore().execute();
    return this.repo.existsBy({ id: image.id });
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
