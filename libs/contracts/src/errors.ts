/** Stable error types and the HTTP status each one maps to. */
export const ErrorTypes = {
  VALIDATION_FAILED: 422,
  MALFORMED_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  DRAFT_ALREADY_VALIDATED: 409,
  UPLOAD_IN_PROGRESS: 409,
  IMAGE_EXPIRED: 410,
  /** The image's row is there but its stored original vanished (the image is expired on the spot). */
  IMAGE_GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMAGE_TOO_LARGE: 422,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorType = keyof typeof ErrorTypes;

/**
 * A failure the caller can act on. Domain code throws it; the broker's error handler turns it into a
 * client error carrying `type` and `status`; the gateway renders it as {@link ErrorBody}.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = ErrorTypes[type];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** The one JSON error shape of the HTTP API. */
export interface ErrorBody {
  error: { status: number; type: string; message: string; details?: unknown };
}
