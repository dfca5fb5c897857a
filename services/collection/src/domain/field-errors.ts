import { AppError } from "@poke-ventory/contracts";

/** One rejected input field, named as the REST API spells it. */
export interface FieldError {
  field: string;
  message: string;
}

/** A 422 listing every bad field at once. */
export function validationFailed(errors: FieldError[]): AppError {
  const fields = errors.map((e) => e.field).join(", ");
  return new AppError("VALIDATION_FAILED", `Invalid field${errors.length > 1 ? "s" : ""}: ${fields}`, { fields: errors });
}

/** An integer given as a number or as decimal digits (query strings), else undefined. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
