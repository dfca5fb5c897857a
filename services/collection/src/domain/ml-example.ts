import type { CandidateView, DetectedMetadataView, DraftValidated } from "@poke-ventory/contracts";

export type CardLanguage = "fr" | "en";

/** One labelled example for training a card reader: what was read, what was proposed, what the collector chose. */
export interface MlExample {
  draft_id: string;
  image_id: string;
  card_index: number;
  validated_at: string;
  /** The export's own copy of the card's crop (crops expire with their image), or null when it was gone. */
  crop_key: string | null;
  features: DetectedMetadataView;
  candidates: CandidateView[];
  chosen_card_id: string;
  top_candidate_id: string | null;
  language: CardLanguage | null;
}

/** Objects of one example: `exports/<validation day, UTC>/<draftId>.jsonl` and its crop beside it. */
export function mlExampleKeys(msg: Pick<DraftValidated, "draftId" | "validatedAt">): { label: string; crop: string } {
  const day = msg.validatedAt.slice(0, 10);
  const name = msg.draftId.replace(/[^A-Za-z0-9._-]/g, "_");
  return { label: `exports/${day}/${name}.jsonl`, crop: `exports/${day}/${name}.jpg` };
}

/** The day folder of an export key (`exports/2026-01-02/x.jsonl` → `2026-01-02`), null for anything else. */
export function mlExportDay(key: string): string | null {
  return /^exports\/(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1] ?? null;
}

export function mlExample(msg: DraftValidated, cropKey: string | null): MlExample {
  const chosen = msg.candidates.find((c) => c.card_id === msg.cardId);
  return {
    draft_id: msg.draftId,
    image_id: msg.imageId,
    card_index: msg.cardIndex,
    validated_at: msg.validatedAt,
    crop_key: cropKey,
    features: msg.detected,
    candidates: msg.candidates,
    chosen_card_id: msg.cardId,
    top_candidate_id: msg.topCandidateId,
    language: cardLanguage(msg.detected, chosen),
  };
}

const fold = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/**
 * The printed language of a card: the name read equals the chosen card's French or English name (and not
 * both), else the HP label (French cards print `PV`). Null when nothing tells.
 */
export function cardLanguage(detected: Pick<DetectedMetadataView, "probable_name" | "raw_text">, chosen?: Pick<CandidateView, "name" | "name_fr">): CardLanguage | null {
  const read = detected.probable_name ? fold(detected.probable_name) : "";
  if (read && chosen) {
    const en = fold(chosen.name) === read;
    const fr = chosen.name_fr !== null && fold(chosen.name_fr) === read;
    if (en !== fr) return en ? "en" : "fr";
  }
  const words = ` ${fold(detected.raw_text)} `;
  const pv = /\d\s*pv |\spv\s*\d/.test(words);
  const hp = /\d\s*hp |\shp\s*\d/.test(words);
  if (pv !== hp) return pv ? "fr" : "en";
  return null;
}
