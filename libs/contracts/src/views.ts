import type { SubjectType } from "./payloads";

/** REST shapes (snake_case, from the seed contract). Services return them; the gateway passes them through. */

export interface CandidateView {
  card_id: string;
  name: string;
  name_fr: string | null;
  set_id: string;
  set_name: string;
  number: string;
  score: number;
  reasons: string[];
  image_url: string | null;
}

export interface DetectedMetadataView {
  probable_name: string | null;
  local_number: string | null;
  printed_total: string | null;
  hp: number | null;
  set_code: string | null;
  regulation_mark: string | null;
  illustrator: string | null;
  year: number | null;
  raw_text: string;
  ocr_confidence: number;
  card_index: number;
  position: { row: number; col: number } | null;
  quad: [number, number][];
  rotation: number;
  crop_key: string | null;
}

export type DraftStatus = "awaiting_validation" | "validated";

export interface DraftView {
  id: string;
  batch_id: string;
  image_id: string;
  status: DraftStatus;
  image_url: string;
  /** This card's straightened crop, when vision wrote one. */
  crop_url: string | null;
  subject_type: SubjectType;
  top_candidate_id: string | null;
  candidates: CandidateView[];
  detected_metadata: DetectedMetadataView;
  selected_card_id: string | null;
  created_at: string;
  validated_at: string | null;
}

export type ImageStatus = "stored" | "analysed" | "failed" | "archived" | "expired";

export interface ImageView {
  id: string;
  batch_id: string;
  status: ImageStatus;
  subject_type: SubjectType;
  content_type: string;
  size_bytes: number;
  width: number;
  height: number;
  original_filename: string | null;
  /** From the photo's EXIF, when it has one: the camera's local date and time (`YYYY-MM-DDTHH:mm:ss`, no zone), make and model. */
  taken_at: string | null;
  camera_make: string | null;
  camera_model: string | null;
  cards_found: number | null;
  /** Why the pipeline gave up on a `failed` image (the step and its last error); null otherwise. */
  failure_reason: string | null;
  image_url: string;
  created_at: string;
  /** Set when these bytes were already sent by the same user: the existing image answered, nothing analysed twice. */
  duplicate_of?: string;
}

export interface BatchView {
  id: string;
  subject_type: SubjectType;
  created_at: string;
  images: ImageView[];
}

export interface UserCardView {
  id: string;
  card_id: string;
  set_id: string;
  quantity: number;
  condition: string;
  price_paid: number | null;
  acquired_at: string | null;
  notes: string | null;
  draft_id: string | null;
  created_at: string;
  /** What the catalog says (in collection listings; null when the catalog no longer has the card). */
  name?: string | null;
  name_fr?: string | null;
  set_name?: string | null;
  number?: string | null;
}

/** `GET /collection/master-sets/{set_id}/missing`: the set's cards the collector lacks, secret rares included. */
export interface MissingCardsView {
  set_id: string;
  missing: { card_id: string; number: string; name: string; name_fr: string | null; rarity: string | null }[];
}

/** `POST /collection/import`: rows added, rows skipped (each with its line and why). */
export interface CsvImportView {
  imported: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

export interface MasterSetView {
  set_id: string;
  owned_card_count: number;
  tracked_card_count: number;
  completion_rate: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface CatalogSetView {
  id: string;
  name: string;
  name_fr: string | null;
  series: string | null;
  printed_total: number | null;
  total: number | null;
  release_date: string | null;
  ptcgo_code: string | null;
  /** Cards a master set of this set tracks (see the catalog docs for what counts). */
  tracked_card_count: number;
}

export interface CatalogCardView {
  id: string;
  set_id: string;
  number: string;
  name: string;
  name_fr: string | null;
  supertype: string | null;
  subtypes: string[];
  hp: number | null;
  types: string[];
  artist: string | null;
  rarity: string | null;
  regulation_mark: string | null;
  image_small: string | null;
  image_large: string | null;
}
