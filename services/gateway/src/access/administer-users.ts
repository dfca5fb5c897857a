import { Actions, notFound, type Page, type UsageView } from "@poke-ventory/contracts";
import type { UserRow } from "../entities/user.entity";
import type { UserRepository } from "../ports";

export interface AdminUserView {
  id: string;
  email: string;
  created_at: string;
  admin: boolean;
  disabled: boolean;
  /** The user's own limits where an admin set them; null: the defaults (`QUOTA_*`). */
  quota: { images_per_day: number | null; storage_mb: number | null };
  /** From ingest; null when ingest did not answer. */
  usage: UsageView | null;
}

type Call = <T>(action: string, params: object) => Promise<T>;
type Deps = { users: UserRepository; adminEmails: readonly string[] };

const view = (deps: Deps, user: UserRow, usage: UsageView | null): AdminUserView => ({
  id: user.id,
  email: user.email,
  created_at: user.createdAt.toISOString(),
  admin: deps.adminEmails.includes(user.email),
  disabled: user.disabled,
  quota: { images_per_day: user.quotaImagesPerDay, storage_mb: user.quotaStorageMb },
  usage,
});

const usageOf = (call: Call, userId: string) => call<UsageView>(Actions.ingest.usage, { userId }).catch(() => null);

/** Users oldest first, each with what they used today and keep in storage. */
export async function listUsers(deps: Deps, call: Call, page: number, pageSize: number): Promise<Page<AdminUserView>> {
  const { items, total } = await deps.users.list((page - 1) * pageSize, pageSize);
  const usages = await Promise.all(items.map((u) => usageOf(call, u.id)));
  return { items: items.map((u, i) => view(deps, u, usages[i])), total, page, page_size: pageSize };
}

type Quota = { images_per_day?: number | null; storage_mb?: number | null };

/** Disables or enables a user and sets their quota overrides (null: back to the default). */
export async function updateUser(deps: Deps, call: Call, id: string, input: { disabled?: boolean; quota?: Quota | null }): Promise<AdminUserView> {
  const changes: Parameters<UserRepository["update"]>[1] = {};
  if (input.disabled !== undefined) changes.disabled = input.disabled;
  if (input.quota === null) Object.assign(changes, { quotaImagesPerDay: null, quotaStorageMb: null });
  if (input.quota?.images_per_day !== undefined) changes.quotaImagesPerDay = input.quota.images_per_day;
  if (input.quota?.storage_mb !== undefined) changes.quotaStorageMb = input.quota.storage_mb;
  const user = await deps.users.update(id, changes);
  if (!user) throw notFound("User");
  return view(deps, user, await usageOf(call, user.id));
}
