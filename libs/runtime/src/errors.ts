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

/** Renders any error as the one JSON error body; unknown errors never leak their message or stack. */
export function toErrorBody(err: unknown): ErrorBody {
  const e = err as { code?: unknown; type?: unknown; message?: unknown; data?: unknown; details?: unknown; name?: string };
  const rawType = typeof e?.type === "string" ? e.type : "";
  const code = typeof e?.code === "number" ? e.code : 500;
  if (VALIDATION_TYPES.has(rawType) || e?.name === "ValidationError") {
    return { error: { status: 422, type: "VALIDATION_FAILED", message: "The request is not valid", details: e.data } };
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
