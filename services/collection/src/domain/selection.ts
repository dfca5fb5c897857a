import { CARD_CONDITIONS, DEFAULT_CONDITION, isCardCondition, type CardCondition } from "./card-condition";
import { toInteger, validationFailed, type FieldError } from "./field-errors";

/** What a collector records when confirming a draft, after validation and defaults. */
export interface Selection {
  cardId: string;
  quantity: number;
  condition: CardCondition;
  pricePaid: number | null;
  /** Calendar date, `YYYY-MM-DD`. */
  acquiredAt: string | null;
  notes: string | null;
}

export const MAX_QUANTITY = 10_000;
export const MAX_PRICE = 9_999_999_999.99;
export const MAX_NOTES_LENGTH = 2000;

const isBlank = (v: unknown) => v === undefined || v === null;

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/**
 * Validates the fields of a draft selection (camelCase action params) and applies the defaults:
 * quantity 1, condition `near_mint`, no price, date or notes. Throws a 422 listing every bad field.
 */
export function parseSelection(input: Record<string, unknown>): Selection {
  const errors: FieldError[] = [];
  const { cardId, quantity, condition, pricePaid, acquiredAt, notes } = input;

  if (typeof cardId !== "string" || cardId.trim() === "" || cardId.length > 100) {
    errors.push({ field: "card_id", message: "must be a catalog card id" });
  }
  const qty = isBlank(quantity) ? 1 : toInteger(quantity);
  if (qty === undefined || qty < 1 || qty > MAX_QUANTITY) {
    errors.push({ field: "quantity", message: `must be an integer from 1 to ${MAX_QUANTITY}` });
  }
  const cond = isBlank(condition) ? DEFAULT_CONDITION : condition;
  if (!isCardCondition(cond)) {
    errors.push({ field: "condition", message: `must be one of ${CARD_CONDITIONS.join(", ")}` });
  }
  const price = isBlank(pricePaid) ? null : pricePaid;
  if (price !== null && (typeof price !== "number" || !Number.isFinite(price) || price < 0 || price > MAX_PRICE)) {
    errors.push({ field: "price_paid", message: "must be a number ≥ 0 or null" });
  }
  const date = isBlank(acquiredAt) ? null : acquiredAt;
  if (date !== null && (typeof date !== "string" || !isCalendarDate(date))) {
    errors.push({ field: "acquired_at", message: "must be a date (YYYY-MM-DD) or null" });
  }
  const text = isBlank(notes) ? null : notes;
  if (text !== null && (typeof text !== "string" || text.length > MAX_NOTES_LENGTH)) {
    errors.push({ field: "notes", message: `must be text of at most ${MAX_NOTES_LENGTH} characters or null` });
  }
  if (errors.length > 0) throw validationFailed(errors);

  return {
    cardId: (cardId as string).trim(),
    quantity: qty as number,
    condition: cond as CardCondition,
    pricePaid: price === null ? null : Math.round((price as number) * 100) / 100,
    acquiredAt: date as string | null,
    notes: text as string | null,
  };
}
