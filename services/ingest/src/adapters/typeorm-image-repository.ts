import { LessThanOrEqual, Not, type DataSource, type Repository } from "typeorm";
import { AnalysisImageEntity } from "../entities/analysis-image.entity";
import type { ImageChanges, ImageRepository } from "../ports";
import type { ImageRecord } from "../records";
import { isUuid } from "./uuid";

export class TypeormImageRepository implements ImageRepository {
  private readonly repo: Repository<ImageRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(AnalysisImageEntity);
  }

  async insert(image: ImageRecord): Promise<void> {
    await this.repo.insert(image);
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

  async listDueForExpiry(now: Date, limit: number): Promise<ImageRecord[]> {
    return this.repo.find({
      where: { status: Not("expired"), expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: "ASC" },
      take: limit,
    });
  }
}
