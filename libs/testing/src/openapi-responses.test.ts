import { describe, expect, it } from "vitest";
import { OpenApiResponses, ResponseMismatchError, type ObservedResponse } from "./openapi-responses";

const json = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });
const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/images/{id}": {
      get: { responses: { "200": { description: "bytes", content: { "image/*": { schema: { type: "string" } } } }, "404": { $ref: "#/components/responses/Error" } } },
      delete: { responses: { "204": { description: "gone" } } },
    },
    "/images/latest": { get: { responses: { "200": json({ $ref: "#/components/schemas/Latest" }) } } },
    "/batches/{id}": {
      get: {
        responses: {
          "200": json({ type: "object", required: ["id", "drafts"], properties: { id: { type: "string" }, drafts: { type: "array", items: { $ref: "#/components/schemas/Draft" } } } }),
          "4XX": { $ref: "#/components/responses/Error" },
        },
      },
    },
    "/health": { get: { responses: { default: json({ type: "object", required: ["status"], properties: { status: { const: "ok" } } }) } } },
  },
  components: {
    responses: { Error: json({ $ref: "#/components/schemas/Error" }, "An error") },
    schemas: {
      Error: { type: "object", required: ["error"], properties: { error: { type: "object", required: ["status", "type"], properties: { status: { type: "integer" }, type: { type: "string" } } } } },
      Draft: { type: "object", required: ["id", "validated_at"], properties: { id: { type: "string" }, validated_at: { type: ["string", "null"], format: "date-time" } } },
      Latest: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
    },
  },
};

const spec = new OpenApiResponses(document);
const answer = (method: string, url: string, status: number, body: unknown, contentType: string | null = "application/json; charset=utf-8"): ObservedResponse => ({ method, url, status, body, contentType });
const error = (status: number) => ({ error: { status, type: "NOT_FOUND" } });
const draft = { id: "d1", validated_at: null };

describe("OpenApiResponses", () => {
  it.each([
    ["a body that matches, refs to components followed", answer("GET", "/batches/b1?wait=5", 200, { id: "b1", drafts: [draft, { id: "d2", validated_at: "2026-12-05T06:00:00.000Z" }] })],
    ["an error through a response $ref, by its status class", answer("GET", "/batches/b1", 404, error(404))],
    ["a documented error of a templated path", answer("get", "/images/x", 404, error(404))],
    ["a concrete path before the template that also matches it", answer("GET", "/images/latest", 200, { id: "i1" })],
    ["bytes of a type the wildcard covers (not looked into)", answer("GET", "/images/x", 200, Buffer.from([0xff, 0xd8]), "image/jpeg")],
    ["no body where none is documented", answer("DELETE", "/images/x", 204, Buffer.alloc(0), null)],
    ["any status under `default`", answer("GET", "/health", 503, { status: "ok" })],
  ])("passes %s", (_case, res) => {
    expect(() => spec.check(res)).not.toThrow();
  });

  it.each([
    ["a body missing a required field", answer("GET", "/batches/b1", 200, { id: "b1", drafts: [{ id: "d1" }] }), /body\/drafts\/0 must have required property 'validated_at'/],
    ["a body of the wrong type", answer("GET", "/batches/b1", 200, { id: 7, drafts: [] }), /body\/id must be string/],
    ["a string that breaks its format", answer("GET", "/batches/b1", 200, { id: "b1", drafts: [{ ...draft, validated_at: "yesterday" }] }), /must match format "date-time"/],
    ["an error body of the wrong shape", answer("GET", "/images/x", 404, { message: "nope" }), /GET \/images\/x → 404: body does not match the schema of GET \/images\/\{id\} 404/],
    ["an undocumented status", answer("GET", "/images/x", 500, error(500)), /GET \/images\/x → 500: status not documented for GET \/images\/\{id\} \(documented: 200, 404\)/],
    ["an unknown path", answer("GET", "/cards/c1", 200, {}), /GET \/cards\/c1 → 200: no path of the OpenAPI document matches/],
    ["an undocumented method", answer("POST", "/images/x", 200, {}), /\/images\/\{id\} has no POST operation/],
    ["an undocumented content type", answer("GET", "/images/x", 200, "<p>", "text/html"), /content type text\/html not documented \(documented: image\/\*\)/],
    ["a body where none is documented", answer("DELETE", "/images/x", 204, { id: "x" }), /documented without a body, answered application\/json/],
    ["a JSON answer without its content type", answer("GET", "/images/latest", 200, { id: "i1" }, null), /no content type/],
  ])("fails %s", (_case, res, message) => {
    expect(() => spec.check(res)).toThrow(ResponseMismatchError);
    expect(() => spec.check(res)).toThrow(message);
  });

  it("closed, fails a field no schema names, down through component refs; open, lets it through", () => {
    const closed = new OpenApiResponses(document, { closed: true });
    const extra = answer("GET", "/batches/b1", 200, { id: "b1", drafts: [{ ...draft, crop_key: "crops/b1/0.jpg" }] });
    expect(() => spec.check(extra)).not.toThrow();
    expect(() => closed.check(extra)).toThrow(/body\/drafts\/0 must NOT have additional properties \{"additionalProperty":"crop_key"\}/);
    expect(() => closed.check(answer("GET", "/batches/b1", 200, { id: "b1", drafts: [draft] }))).not.toThrow();
    expect(() => closed.check(answer("GET", "/batches/b1", 404, error(404)))).not.toThrow();
  });
});
