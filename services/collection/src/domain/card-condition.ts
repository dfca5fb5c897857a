/**
 * Card conditions a collector may record, best to worst (the usual TCG grading scale):
 * mint, near_mint, excellent, good, light_played, played, poor.
 */
export const CARD_CONDITIONS = ["mint", "near_mint", "excellent", "good", "light_played", "played", "poor"] as const;
export type CardCondition = (typeof CARD_CONDITIONS)[number];
export const DEFAULT_CONDITION: CardCondition = "near_mint";

export const isCardCondition = (value: unknown): value is CardCondition =>
  typeof value === "string" && (CARD_CONDITIONS as readonly string[]).includes(value);
