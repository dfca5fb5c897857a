import { In, LessThanOrEqual, type DataSource, type Repository } from "typeorm";
import type { UploadSessionStatus } from "@poke-ventory/contracts";
import { UploadSessionEntity } from "../entities/upload-session.entity";
import { OPEN_UPLOAD_STATUSES } from "../domain/upload-session";
import type { UploadSessionChanges, UploadSessionRepository } from "../ports";
import type { UploadSessionRecord } from "../upload-session-record";
import { isUuid } from "./uuid";

const COLUMNS: Record<keyof UploadSessionChanges, string> = {
  status: "status",
  batchId: "batch_id",
  imageId: "image_id",
  failureReason: "failure_reason",
  completingUntil: "completing_until",
};

export class TypeormUploadSessionRepository implements UploadSessionRepository {
  private readonly repo: Repository<UploadSessionRecord>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(UploadSessionEntity);
  }

  async insert(session: UploadSessionRecord): Promise<void> {
    await this.repo.insert(session);
  }

  async findById(id: string): Promise<UploadSessionRecord | null> {
    return isUuid(id) ? this.repo.findOneBy({ id }) : null;
  }

  async updateIfStatus(id: string, from: readonly UploadSessionStatus[], changes: UploadSessionChanges): Promise<boolean> {
    if (!isUuid(id) || from.length === 0) return false;
    // Counted by a SELECT over the UPDATE's RETURNING: PGlite's driver reports no affected-row count for updates.
    const values: unknown[] = [id, [...from]];
    const sets = Object.entries(changes).map(([field, value]) => {
      values.push(value ?? null);
      return `${COLUMNS[field as keyof UploadSessionChanges]} = $${values.length}`;
    });
    if (sets.length === 0) return false;
    const [row] = (await this.dataSource.query(
      `WITH changed AS (UPDATE upload_sessions SET ${sets.join(", ")} WHERE id = $1 AND status = ANY($2) RETURNING id)
       SELECT count(*)::int AS n FROM changed`,
      values,
    )) as { n: number }[];
    return Number(row?.n ?? 0) > 0;
  }

  async claim(id: string, now: Date, until: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const [row] = (await this.dataSource.query(
      `WITH claimed AS (
         UPDATE upload_sessions SET completing_until = $3
          WHERE id = $1 AND status = ANY($4) AND (completing_until IS NULL OR completing_until <= $2) RETURNING id)
       SELECT count(*)::int AS n FROM claimed`,
      [id, now, until, [...OPEN_UPLOAD_STATUSES]],
    )) as { n: number }[];
    return Number(row?.n ?? 0) > 0;
  }

  async listAbandoned(now: Date, limit: number): Promise<UploadSessionRecord[]> {
    return this.repo.find({
      where: { status: In([...OPEN_UPLOAD_STATUSES]), expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: "ASC", id: "ASC" },
      take: limit,
    });
  }
}
