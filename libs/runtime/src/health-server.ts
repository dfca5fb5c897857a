import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceBroker } from "moleculer";
import { withTimeout } from "./with-timeout";

/** Paths the health server answers; `deploy/k8s` probes use these. */
export const HEALTH_PATHS = { live: "/live", ready: "/ready" } as const;

export interface HealthServerOptions {
  port: number;
  host?: string;
  /** Extra readiness checks (the service's own database); each throws when not ready. */
  checks?: Record<string, () => Promise<unknown>>;
  /** A local action whose success means ready (the service's `<name>.ready`), called when registered here. */
  readyAction?: string;
  /** Milliseconds before a check counts as failed. */
  timeoutMs?: number;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

type Broker = ServiceBroker & { started?: boolean; stopping?: boolean };

/** Whether this process can take work: started, not stopping, its own `ready` action and checks pass. */
export async function readiness(broker: Broker, opts: Omit<HealthServerOptions, "port" | "host">) {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const failed: Record<string, string> = {};
  if (!broker.started || broker.stopping) failed.broker = broker.stopping ? "stopping" : "not started";
  const checks: Record<string, () => Promise<unknown>> = { ...(opts.checks ?? {}) };
  const action = opts.readyAction;
  if (action && broker.registry.actions.isAvailable(action)) {
    checks[action] = () => broker.call(action, {}, { nodeID: broker.nodeID, retries: 0, timeout: timeoutMs });
  }
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(Promise.resolve().then(check), timeoutMs, `no answer in ${timeoutMs} ms`);
      } catch (err) {
        failed[name] = (err as Error)?.message ?? String(err);
      }
    }),
  );
  return { ready: Object.keys(failed).length === 0, failed };
}

/**
 * Liveness and readiness over plain HTTP, independent of the gateway: `/live` answers while the event
 * loop turns; `/ready` is 503 until the broker is started and while it stops, or when a check fails.
 */
export function startHealthServer(broker: ServiceBroker, opts: HealthServerOptions): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, { error: "method not allowed" });
    if (path === HEALTH_PATHS.live) return send(200, { status: "ok" });
    if (path !== HEALTH_PATHS.ready) return send(404, { error: "not found" });
    readiness(broker as Broker, opts).then(
      ({ ready, failed }) => send(ready ? 200 : 503, ready ? { status: "ok" } : { status: "unavailable", failed }),
      (err: unknown) => send(503, { status: "unavailable", failed: { readiness: String(err) } }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
