/** The API's shapes the app reads (a subset of @poke-ventory/contracts' views, kept here so the app builds alone). */
export interface Candidate {
  card_id: string; name: string; name_fr: string | null; set_id: string; set_name?: string; number: string; score?: number;
}
export interface Draft {
  id: string; batch_id: string; image_id: string; status: string; crop_url: string | null; image_url: string;
  top_candidate_id: string | null; candidates: Candidate[];
  detected_metadata: { probable_name: string | null; local_number: string | null; printed_total: string | null };
}
export interface Page<T> { items: T[]; total: number; page: number; page_size: number }
export interface UserCard {
  id: string; card_id: string; set_id: string; quantity: number; condition: string; price_paid: number | null;
  acquired_at: string | null; notes: string | null; created_at: string;
  name?: string | null; name_fr?: string | null; set_name?: string | null; number?: string | null;
}
export interface MasterSet {
  set_id: string; set_name?: string; owned_card_count: number; tracked_card_count: number; completion_rate: number;
}
export interface MissingCards {
  set_id: string; missing: { card_id: string; number: string; name: string; name_fr: string | null; rarity: string | null }[];
}
export const CONDITIONS = ["mint", "near_mint", "excellent", "good", "light_played", "played", "poor"] as const;
