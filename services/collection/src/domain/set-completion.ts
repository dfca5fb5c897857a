/** Master-set numbers for one user and one set. */
export interface SetCompletion {
  owned_card_count: number;
  tracked_card_count: number;
  completion_rate: number;
}

/**
 * Completion of a master set: distinct catalog cards owned over cards the set tracks, 0..1 rounded to
 * 4 decimals. An untracked set (0 cards) is 0 complete; owning more than is tracked caps at 1.
 */
export function setCompletion(ownedCardCount: number, trackedCardCount: number): SetCompletion {
  const owned = Math.max(0, Math.trunc(ownedCardCount));
  const tracked = Math.max(0, Math.trunc(trackedCardCount));
  const rate = tracked === 0 ? 0 : Math.min(1, owned / tracked);
  return { owned_card_count: owned, tracked_card_count: tracked, completion_rate: Math.round(rate * 10_000) / 10_000 };
}
