import { toInteger, validationFailed, type FieldError } from "./field-errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
}

/** Validates `page` (≥ 1, default 1) and `pageSize` (1..100, default 20); throws a 422 on bad values. */
export function parsePaging(input: { page?: unknown; pageSize?: unknown }): Paging {
  const errors: FieldError[] = [];
  const page = input.page === undefined || input.page === null ? 1 : toInteger(input.page);
  if (page === undefined || page < 1) errors.push({ field: "page", message: "must be an integer ≥ 1" });
  const size = input.pageSize === undefined || input.pageSize === null ? DEFAULT_PAGE_SIZE : toInteger(input.pageSize);
  if (size === undefined || size < 1 || size > MAX_PAGE_SIZE) {
    errors.push({ field: "page_size", message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { page: page as number, pageSize: size as number, offset: ((page as number) - 1) * (size as number) };
}
