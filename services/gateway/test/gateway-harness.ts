import type { AddressInfo } from "node:net";
import type { ServiceBroker, ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import { openDatabase } from "@poke-ventory/db";
import { createBroker, loadConfig, type CreateBrokerOptions } from "@poke-ventory/runtime";
import { createTestDatabase } from "@poke-ventory/testing";
import { composeGateway, gatewayConfigShape, gatewayEntities, gatewayMigrations } from "../src/index";
import type { RateLimiter } from "../src/ports";

export const TEST_SECRET = "integration-secret-".padEnd(48, "x");

export interface TestGateway {
  base: string;
  ds: DataSource;
  broker: ServiceBroker;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON answers, read freely by the tests
  http(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** The gateway's services on an in-process broker, on a fresh PostgreSQL database, listening on a free port. */
export async function startTestGateway(
  opts: {
    env?: Record<string, string>;
    broker?: CreateBrokerOptions;
    extraServices?: ServiceSchema[];
    rateLimiter?: RateLimiter;
    /** The deployment's `NAMESPACE` (unset: the default one). */
    namespace?: string;
    /** A second replica: the same database as this gateway (which drops it). */
    replicaOf?: TestGateway;
  } = {},
): Promise<TestGateway> {
  const db = opts.replicaOf ? { url: "", drop: async () => {} } : await createTestDatabase();
  const ds = opts.replicaOf?.ds ?? (await openDatabase({ url: db.url, entities: gatewayEntities, migrations: gatewayMigrations, migrationsTableName: "migrations_gateway" }));
  const config = loadConfig(gatewayConfigShape, { PORT: "0", JWT_SECRET: TEST_SECRET, ...opts.env });
  const broker = createBroker(opts.broker ?? { logger: false });
  const gateway = await composeGateway(config, { dataSource: ds, namespace: opts.namespace, rateLimiter: opts.rateLimiter });
  [...gateway.schemas, ...(opts.extraServices ?? [])].forEach((s) => broker.createService(s));
  await broker.start();
  const api = broker.getLocalService("api") as unknown as { server: { address(): AddressInfo } };
  const base = `http://127.0.0.1:${api.server.address().port}`;
  return {
    base,
    ds,
    broker,
    async http(method, path, body, headers = {}) {
      const res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async stop() {
      await broker.stop();
      await gateway.close();
      if (opts.replicaOf) return;
      await ds.destroy();
      await db.drop();
    },
  };
}

/** Registers a user and logs them in; returns their token pair. */
export async function signUp(gw: TestGateway, email: string, password = "correct-horse-battery") {
  const created = await gw.http("POST", "/auth/register", { email, password });
  if (created.status !== 201) throw new Error(`register ${email}: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await gw.http("POST", "/auth/login", { email, password });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
  return { id: created.body.id as string, access: login.body.access_token as string, refresh: login.body.refresh_token as string };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
