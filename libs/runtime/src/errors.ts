import { Errors } from "moleculer";
import { AppError, ErrorTypes, type ErrorBody, type ErrorType } from "@poke-ventory/contracts";

const { MoleculerClientError, MoleculerError } = Errors;

/**
 * Broker-level error handler: domain errors become client errors with a stable type and status,
 * so they cross the transporter intact. Anything else is left as it is (a 500 at the edge).
 */
export function toMoleculerError(err: unknown): Error {
  if (err instanceof AppError) {
    return new MoleculerClientError(err.message, err.status, err.type, err.details as object | undefined);
  }
  return err instanceof Error ? err : new MoleculerError(String(err), 500, "INTERNAL");
}

const UNAVAILABLE = new Set(["ServiceNotFoundError", "ServiceNotAvailableError", "ServiceUnavailableError", "RequestTimeoutError"]);
const VALIDATION_TYPES = new Set(["VALIDATION_ERROR", "VALIDATION_FAILED"]);
/** Errors of the HTTP body parsers (moleculer-web uses body-parser). */
const BODY_PARSER: Record<string, { status: number; type: ErrorType; message: string }> = {
  "entity.parse.failed": { status: 400, type: "MALFORMED_REQUEST", message: "The request body is not valid JSON" },
  "entity.too.large": { status: 413, type: "PAYLOAD_TOO_LARGE", message: "The request body is too large" },
  "encoding.unsupported": { status: 415, type: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported content encoding" },
};

type ErrorLike = { code?: unknown; type?: unknown; message?: unknown; data?: unknown; details?: unknown; name?: string };

/** Field problems from the params validator, without node ids or internal action names. */
function validationDetails(e: ErrorLike): unknown {
  const details = e.details ?? e.data;
  if (!Array.isArray(details)) return details ?? undefined;
  return details.map((d) =>
    d && typeof d === "object" ? { field: (d as { field?: unknown }).field, message: (d as { message?: unknown }).message } : d,
  );
}

/** Renders any error as the one JSON error body; unknown errors never leak their message or stack. */
export function toErrorBody(err: unknown): ErrorBody {
  const e = err as ErrorLike;
  const rawType = typeof e?.type === "string" ? e.type : "";
  const code = typeof e?.code === "number" ? e.code : 500;
  if (rawType in BODY_PARSER) return { error: BODY_PARSER[rawType] };
  if (VALIDATION_TYPES.has(rawType) || e?.name === "ValidationError") {
    // Our own AppError messages are written for the client; the validator's generic one is not.
    const message = rawType === "VALIDATION_FAILED" && typeof e.message === "string" ? e.message : "The request is not valid";
    return { error: { status: 422, type: "VALIDATION_FAILED", message, details: validationDetails(e) } };
  }
  if (rawType in ErrorTypes) {
    const type = rawType as ErrorType;
    return { error: { status: ErrorTypes[type], type, message: String(e.message), details: e.details ?? e.data ?? undefined } };
  }
  if (UNAVAILABLE.has(String(e?.name)) || code === 503) {
    return { error: { status: 503, type: "SERVICE_UNAVAILABLE", message: "A service is not available, try again shortly" } };
  }
  if (code >= 400 && code < 500) {
    return { error: { status: code, type: rawType || "BAD_REQUEST", message: String(e.message ?? "Bad request") } };
  }
  return { error: { status: 500, type: "INTERNAL", message: "Something went wrong on our side" } };
}
