import { extend, nullable, object, type Json } from "./openapi-parts";

const str = { type: "string" };
const int = { type: "integer" };
const num = { type: "number" };

const time = { type: "string", format: "date-time" };
const strs = { type: "array", items: str };
const subjectType = { enum: ["cards", "sealed"] };
const CONDITIONS = ["mint", "near_mint", "excellent", "good", "light_played", "played", "poor"];

const batchSummary = object({ batch_id: str, status: { enum: ["processing", "completed"] }, subject_type: subjectType, created_at: time, images: { type: "array", items: { $ref: "#/components/schemas/Image" } } });
const catalogSet = object({
  id: str, name: str, name_fr: nullable("string"), series: nullable("string"), printed_total: nullable("integer"), total: nullable("integer"), release_date: nullable("string"),
  ptcgo_code: nullable("string"), tracked_card_count: int,
});

/** The REST shapes of `@poke-ventory/contracts` views, as JSON Schema 2020-12. */
export const schemas: Record<string, Json> = {
  Error: object({ error: object({ status: int, type: str, message: str, details: {} }, ["details"]) }),
  Credentials: object({ email: { type: "string", format: "email", maxLength: 254 }, password: { type: "string", minLength: 8 } }),
  User: object({ id: str, email: str, created_at: time }),
  TokenPair: object({ access_token: str, refresh_token: str, token_type: { const: "bearer" }, expires_in: int }),
  Image: object({
    id: str, batch_id: str, status: { enum: ["stored", "analysed", "failed", "archived", "expired"] }, subject_type: subjectType,
    content_type: str, size_bytes: int, width: int, height: int, original_filename: nullable("string"),
    taken_at: nullable("string", { description: "From EXIF: the camera's local date and time, no zone" }), camera_make: nullable("string"), camera_model: nullable("string"),
    cards_found: nullable("integer"), failure_reason: nullable("string"), image_url: str, created_at: time,
    duplicate_of: { type: "string", description: "Set when the same bytes were sent before: the earlier image is answered" },
  }, ["duplicate_of"]),
  DetectedMetadata: object({
    probable_name: nullable("string"), local_number: nullable("string"), printed_total: nullable("string"), hp: nullable("integer"), set_code: nullable("string"),
    regulation_mark: nullable("string"), illustrator: nullable("string"), year: nullable("integer"), raw_text: str, ocr_confidence: { type: "number", minimum: 0, maximum: 1 },
    card_index: int, position: { oneOf: [object({ row: int, col: int }), { type: "null" }] }, quad: { type: "array", items: { type: "array", items: num, minItems: 2, maxItems: 2 } },
    rotation: { enum: [0, 90, 180, 270] }, crop_key: nullable("string"),
  }),
  Candidate: object({ card_id: str, name: str, name_fr: nullable("string"), set_id: str, set_name: str, number: str, score: num, reasons: strs, image_url: nullable("string") }),
  Draft: {
    ...object({
      id: str, batch_id: str, image_id: str, status: { enum: ["awaiting_validation", "validated"] }, image_url: str, crop_url: nullable("string"),
      subject_type: subjectType, top_candidate_id: nullable("string"), candidates: { type: "array", items: { $ref: "#/components/schemas/Candidate" } },
      detected_metadata: { $ref: "#/components/schemas/DetectedMetadata" },
      selected_card_id: nullable("string"), created_at: time, validated_at: nullable("string", { format: "date-time" }),
    }),
  },
  BatchSummary: batchSummary,
  Batch: extend(batchSummary, { drafts: { type: "array", items: { $ref: "#/components/schemas/Draft" } } }),
  Selection: object(
    { card_id: str, quantity: { type: "integer", minimum: 1, maximum: 9999 }, condition: { enum: CONDITIONS }, price_paid: nullable("number", { minimum: 0 }), acquired_at: nullable("string", { format: "date" }), notes: nullable("string", { maxLength: 2000 }) },
    ["quantity", "condition", "price_paid", "acquired_at", "notes"],
  ),
  CardChanges: object(
    { quantity: { type: "integer", minimum: 1, maximum: 9999 }, condition: { enum: CONDITIONS }, price_paid: nullable("number", { minimum: 0 }), acquired_at: nullable("string", { format: "date" }), notes: nullable("string", { maxLength: 2000 }) },
    ["quantity", "condition", "price_paid", "acquired_at", "notes"],
  ),
  UserCard: object(
    {
      id: str, card_id: str, set_id: str, quantity: int, condition: str, price_paid: nullable("number"), acquired_at: nullable("string", { format: "date" }),
      notes: nullable("string"), draft_id: nullable("string"), created_at: time,
      name: nullable("string"), name_fr: nullable("string"), set_name: nullable("string"), number: nullable("string"),
    },
    ["name", "name_fr", "set_name", "number"],
  ),
  MasterSet: object({ set_id: str, owned_card_count: int, tracked_card_count: int, completion_rate: { type: "number", minimum: 0, maximum: 1 } }),
  MissingCards: object({ set_id: str, missing: { type: "array", items: object({ card_id: str, number: str, name: str, name_fr: nullable("string"), rarity: nullable("string") }) } }),
  CsvImport: object({ imported: int, skipped: int, errors: { type: "array", items: object({ line: int, message: str }) } }),
  CatalogSet: catalogSet,
  CatalogSetWithCards: extend(catalogSet, { cards: { type: "array", items: { $ref: "#/components/schemas/CatalogCard" } } }),
  CatalogCard: object(
    {
      id: str, set_id: str, number: str, name: str, name_fr: nullable("string"), supertype: nullable("string"), subtypes: strs, hp: nullable("integer"), types: strs,
      artist: nullable("string"), rarity: nullable("string"), regulation_mark: nullable("string"), image_small: nullable("string"), image_large: nullable("string"),
    },
    [],
  ),
  Readiness: object({ status: { enum: ["ok", "degraded", "down"] }, checks: { type: "object" } }, ["checks"]),
};


