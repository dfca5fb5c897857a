import type { DataSource, Repository } from "typeorm";
import { ImportBatchEntity } from "../entities/import-batch.entity";
import type { BatchRepository } from "../ports";
import type { BatchRecord } from "../records";
import { isUuid } from "./uuid";

export class TypeormBatchRepository implements BatchRepository {
  private readonly repo: Repository<BatchRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ImportBatchEntity);
  }

  async insert(batch: BatchRecord): Promise<void> {
    await this.repo.insert(batch);
  }

  async findById(id: string): Promise<BatchRecord | null> {
    return isUuid(id) ? this.repo.findOneBy({ id }) : null;
  }

  async listByUser(userId: string, offset: number, limit: number): Promise<{ items: BatchRecord[]; total: number }> {
    const [items, total] = await this.repo.findAndCount({ where: { userId }, order: { createdAt: "DESC", id: "DESC" }, skip: offset, take: limit });
    return { items, total };
  }
}
