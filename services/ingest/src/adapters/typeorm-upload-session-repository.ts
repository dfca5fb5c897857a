import { In, LessThanOrEqual, type DataSource, type Repository } from "typeorm";
import type { UploadSessionStatus } from "@poke-ventory/contracts";
import { UploadSessionEntity } from "../entities/upload-session.entity";
import { OPEN_UPLOAD_STATUSES } from "../domain/upload-session";
import type { UploadSessionChanges, UploadSessionRepository } from "../ports";
import type { UploadSessionRecord } from "../upload-session-record";
import { isUuid } from "./uuid";

export class TypeormUploadSessionRepository implements UploadSessionRepository {
  private readonly repo: Repository<UploadSessionRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(UploadSessionEntity);
  }

  async insert(session: UploadSessionRecord): Promise<void> {
    await this.repo.insert(session);
  }

  async findById(id: string): Promise<UploadSessionRecord | null> {
    return isUuid(id) ? this.repo.findOneBy({ id }) : null;
  }

  async updateIfStatus(id: string, from: readonly UploadSessionStatus[], changes: UploadSessionChanges): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repo.update({ id, status: In([...from]) }, changes);
    return (result.affected ?? 0) > 0;
  }

  async listAbandoned(now: Date, limit: number): Promise<UploadSessionRecord[]> {
    return this.repo.find({
      where: { status: In([...OPEN_UPLOAD_STATUSES]), expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: "ASC", id: "ASC" },
      take: limit,
    });
  }
}
