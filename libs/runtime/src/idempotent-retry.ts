import type { Middleware } from "moleculer";

type ActionDef = ((...args: never[]) => unknown) | { handler?: unknown; retryPolicy?: object };
type Schema = { name?: string; actions?: Record<string, ActionDef | boolean> };

/**
 * Turns Moleculer's retry policy on for the named actions only: their schemas get `retryPolicy.enabled`,
 * which travels with the action's definition to every caller, so a caller whose call failed because the
 * node died (rejected, timed out) repeats it on another instance. The broker's `retryPolicy` (off by
 * default) gives the count, delays and which errors count.
 */
export function IdempotentRetryMiddleware(idempotent: ReadonlySet<string>): Middleware {
  return {
    name: "IdempotentRetry",
    serviceCreating(_service: unknown, schema: Schema) {
      for (const [key, def] of Object.entries(schema.actions ?? {})) {
        if (!idempotent.has(`${schema.name}.${key}`) || typeof def === "boolean") continue;
        const action = typeof def === "function" ? { handler: def } : def;
        schema.actions![key] = { ...action, retryPolicy: { ...(action.retryPolicy ?? {}), enabled: true } };
      }
    },
  } as unknown as Middleware;
}
