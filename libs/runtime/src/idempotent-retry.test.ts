import { describe, expect, it } from "vitest";
import { IdempotentRetryMiddleware } from "./idempotent-retry";

type Hook = { serviceCreating(service: unknown, schema: object): void };

describe("IdempotentRetryMiddleware", () => {
  it("enables the retry policy of the listed actions only, whatever their form", () => {
    const read = () => "r";
    const schema = {
      name: "svc",
      actions: { read, get: { handler: read, params: { id: "string" } }, write: read, off: false as const },
    };
    (IdempotentRetryMiddleware(new Set(["svc.read", "svc.get", "other.write"])) as unknown as Hook).serviceCreating({}, schema);
    expect(schema.actions).toEqual({
      read: { handler: read, retryPolicy: { enabled: true } },
      get: { handler: read, params: { id: "string" }, retryPolicy: { enabled: true } },
      write: read,
      off: false,
    });
  });
});
