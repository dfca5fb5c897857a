import { describe, expect, it } from "vitest";
import { AppError } from "@poke-ventory/contracts";
import { parseSelection } from "./selection";

const fieldsOf = (input: Record<string, unknown>) => {
  try {
    parseSelection(input);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    return ((err as AppError).details as { fields: { field: string }[] }).fields.map((f) => f.field);
  }
  throw new Error("expected a validation error");
};

describe("parseSelection", () => {
  it("applies the defaults", () => {
    expect(parseSelection({ cardId: " sv3-51 " })).toEqual({
      cardId: "sv3-51",
      quantity: 1,
      condition: "near_mint",
      pricePaid: null,
      acquiredAt: null,
      notes: null,
    });
  });

  it("keeps valid values", () => {
    expect(
      parseSelection({ cardId: "sv3-51", quantity: 3, condition: "played", pricePaid: 12.499, acquiredAt: "2024-02-29", notes: "gift" }),
    ).toEqual({ cardId: "sv3-51", quantity: 3, condition: "played", pricePaid: 12.5, acquiredAt: "2024-02-29", notes: "gift" });
  });

  it.each([
    { input: {}, fields: ["card_id"] },
    { input: { cardId: "" }, fields: ["card_id"] },
    { input: { cardId: "a", quantity: 0 }, fields: ["quantity"] },
    { input: { cardId: "a", quantity: 1.5 }, fields: ["quantity"] },
    { input: { cardId: "a", quantity: "two" }, fields: ["quantity"] },
    { input: { cardId: "a", condition: "shiny" }, fields: ["condition"] },
    { input: { cardId: "a", pricePaid: -1 }, fields: ["price_paid"] },
    { input: { cardId: "a", pricePaid: "12" }, fields: ["price_paid"] },
    { input: { cardId: "a", acquiredAt: "2023-02-29" }, fields: ["acquired_at"] },
    { input: { cardId: "a", acquiredAt: "yesterday" }, fields: ["acquired_at"] },
    { input: { cardId: "a", notes: "x".repeat(2001) }, fields: ["notes"] },
    { input: { quantity: -2, condition: 3, pricePaid: -5, acquiredAt: 1, notes: 5 }, fields: ["card_id", "quantity", "condition", "price_paid", "acquired_at", "notes"] },
  ])("rejects $fields", ({ input, fields }) => {
    expect(fieldsOf(input)).toEqual(fields);
  });

  it.each([{ notes: "x".repeat(2000) }, { pricePaid: 0 }, { quantity: "4" }, { acquiredAt: null, notes: null, pricePaid: null }])(
    "accepts %o",
    (extra) => {
      expect(() => parseSelection({ cardId: "a", ...extra })).not.toThrow();
    },
  );
});
