import { describe, expect, it } from "vitest";
import { Errors } from "moleculer";
import { AppError } from "@poke-ventory/contracts";
import { toErrorBody, toMoleculerError } from "./errors";

describe("toErrorBody", () => {
  it("keeps an AppError's message and details, thrown directly or across the broker", () => {
    const err = new AppError("VALIDATION_FAILED", "The file is empty", { batch_id: "b1", rejected: [{ filename: "a.jpg" }] });
    const expected = { status: 422, type: "VALIDATION_FAILED", message: "The file is empty", details: { batch_id: "b1", rejected: [{ filename: "a.jpg" }] } };
    expect(toErrorBody(err).error).toEqual(expected);
    expect(toErrorBody(toMoleculerError(err)).error).toEqual(expected);
  });

  it("reports the params validator's field problems without node ids or action names", () => {
    const err = new Errors.ValidationError("Parameters validation error!", "VALIDATION_ERROR", [
      { type: "required", field: "card_id", message: "The 'card_id' field is required.", nodeID: "node-1", action: "http.selectDraft" },
    ]);
    expect(toErrorBody(err).error).toEqual({
      status: 422,
      type: "VALIDATION_FAILED",
      message: "The request is not valid",
      details: [{ field: "card_id", message: "The 'card_id' field is required." }],
    });
  });

  it.each([
    [{ type: "entity.parse.failed", status: 400, message: "Unexpected token o" }, 400, "MALFORMED_REQUEST"],
    [{ type: "entity.too.large", status: 413 }, 413, "PAYLOAD_TOO_LARGE"],
    [new AppError("DRAFT_ALREADY_VALIDATED", "already"), 409, "DRAFT_ALREADY_VALIDATED"],
    [new Errors.ServiceNotFoundError({ action: "ingest.upload" }), 503, "SERVICE_UNAVAILABLE"],
    [new Errors.MoleculerClientError("Not found", 404, "NOT_FOUND"), 404, "NOT_FOUND"],
    [new Error("secret internals at /srv/x.ts:12"), 500, "INTERNAL"],
  ])("%o → %i %s", (err, status, type) => {
    const { error } = toErrorBody(err);
    expect(error).toMatchObject({ status, type });
    expect(error.message).not.toContain("/srv/");
  });
});
