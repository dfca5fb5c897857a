import {
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
  type Context as OtelContext,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import type { Middleware } from "moleculer";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";

/**
 * Installs the global tracer provider once per process. Spans go to OTLP when an endpoint is set,
 * to the given processors (tests use an in-memory exporter), or nowhere.
 */
let provider: NodeTracerProvider | null = null;
export function initTracing(opts: { serviceName: string; otlpEndpoint?: string; processors?: SpanProcessor[] }) {
  if (provider) return provider;
  const processors = [...(opts.processors ?? [])];
  if (opts.otlpEndpoint) {
    const url = `${opts.otlpEndpoint.replace(/\/$/, "")}/v1/traces`;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName }),
    spanProcessors: processors,
  });
  provider.register();
  return provider;
}

export async function shutdownTracing() {
  await provider?.shutdown();
  provider = null;
}

type Carrier = Record<string, unknown>;
const getter = {
  keys: (c: Carrier) => Object.keys(c),
  get: (c: Carrier, k: string) => (typeof c[k] === "string" ? (c[k] as string) : undefined),
};
const setter = { set: (c: Carrier, k: string, v: string) => void (c[k] = v) };

function inject(ctx: OtelContext, headers: Carrier) {
  propagation.inject(ctx, headers, setter);
}

async function inSpan<T>(
  tracer: Tracer,
  name: string,
  headers: Carrier | undefined,
  attributes: Record<string, string>,
  run: (span: Span) => Promise<T> | T,
): Promise<T> {
  const parent = headers ? propagation.extract(context.active(), headers, getter) : context.active();
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  const active = trace.setSpan(parent, span);
  if (headers) inject(active, headers);
  try {
    return await context.with(active, () => run(span));
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
    throw err;
  } finally {
    span.end();
  }
}

type WithHeaders = { headers?: Carrier; service?: { fullName?: string } };

/**
 * Carries W3C `traceparent` across actions, events and channel messages. Incoming handlers continue the
 * caller's trace from `ctx.headers`; outgoing calls and emits carry the active span in `opts.headers`.
 * Channel messages published with `{ ctx }` carry `ctx.headers`, which holds the current span.
 */
export function TracingMiddleware(): Middleware {
  const tracer = trace.getTracer("poke-ventory");
  const withActive = (opts: { headers?: Carrier } = {}) => {
    const headers = { ...(opts.headers ?? {}) };
    inject(context.active(), headers);
    return { ...opts, headers };
  };
  return {
    name: "Tracing",
    localAction(next: (ctx: unknown) => Promise<unknown>, action: { name: string }) {
      return (ctx: WithHeaders) => {
        ctx.headers ??= {};
        return inSpan(tracer, action.name, ctx.headers, { "moleculer.action": action.name }, () => next(ctx));
      };
    },
    localEvent(next: (ctx: unknown) => Promise<unknown>, event: { name: string }) {
      return (ctx: WithHeaders) => {
        ctx.headers ??= {};
        return inSpan(tracer, `event ${event.name}`, ctx.headers, { "moleculer.event": event.name }, () => next(ctx));
      };
    },
    localChannel(next: (ctx: unknown, raw: unknown) => Promise<unknown>, chan: { name: string; group: string }) {
      return (ctx: WithHeaders, raw: unknown) => {
        const headers = ctx && typeof ctx === "object" ? (ctx.headers ??= {}) : undefined;
        return inSpan(tracer, `channel ${chan.name}`, headers, { "messaging.destination": chan.name, "messaging.consumer_group": chan.group }, () =>
          next(ctx, raw),
        );
      };
    },
    call(next: (name: string, params: unknown, opts?: object) => Promise<unknown>) {
      return (name: string, params: unknown, opts?: { headers?: Carrier }) => next(name, params, withActive(opts));
    },
    emit(next: (name: string, payload: unknown, opts?: object) => Promise<unknown>) {
      return (name: string, payload: unknown, opts?: { headers?: Carrier }) => next(name, payload, withActive(opts));
    },
  } as unknown as Middleware;
}

/** Runs `fn` in a child span of the active one (for timed steps inside a handler). */
export function withSpan<T>(name: string, fn: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer("poke-ventory");
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * Binds every function of `ports` to the trace active now. Callbacks of streams and emitters (busboy's
 * `file` events) run outside the request's async context; calls made from them would start new traces.
 */
export function bindToActiveTrace<T extends object>(ports: T): T {
  const active = context.active();
  return Object.fromEntries(
    Object.entries(ports).map(([key, value]) => [key, typeof value === "function" ? context.bind(active, value as (...a: unknown[]) => unknown) : value]),
  ) as T;
}
