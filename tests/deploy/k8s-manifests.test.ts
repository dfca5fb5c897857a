import { describe, expect, it } from "vitest";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import yaml from "js-yaml";
import { z } from "zod";
import { ConfigMap, Namespace, Service } from "kubernetes-models/v1";
import { Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { Channels, Groups } from "@poke-ventory/contracts";
import { HEALTH_PATHS, infraShape, loadConfig, streamName } from "@poke-ventory/runtime";
import { gatewayConfigShape } from "../../services/gateway/src/config";
import { ingestConfigShape } from "../../services/ingest/src/config";
import { visionConfigShape } from "../../services/vision/src/config";
import { matchingConfigShape } from "../../services/matching/src/config";
import { collectionConfigShape } from "../../services/collection/src/config";
import { kustomizeBuild, type K8sObject } from "./kustomize-build";

const root = path.resolve(__dirname, "../../deploy/k8s");
const builds = { base: "base", "hpa-cpu": "overlays/hpa-cpu", dev: "overlays/dev" } as const;
const built = Object.fromEntries(Object.entries(builds).map(([name, dir]) => [name, kustomizeBuild(path.join(root, dir))])) as Record<
  keyof typeof builds,
  K8sObject[]
>;

const hasKubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

type Validatable = { validate(): void };
const MODELS: Record<string, new (data: never) => Validatable> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "batch/v1/Job": Job,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "networking.k8s.io/v1/Ingress": Ingress,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
};

/** What each service process reads: the same shapes `startService` validates (main.ts adds DATABASE_URL). */
const SERVICES: Record<string, { shape: z.ZodRawShape; database: boolean }> = {
  gateway: { shape: gatewayConfigShape, database: true },
  ingest: { shape: ingestConfigShape, database: true },
  vision: { shape: visionConfigShape, database: false },
  matching: { shape: matchingConfigShape, database: true },
  collection: { shape: collectionConfigShape, database: true },
};
const fullShape = (service: string) => ({
  ...infraShape,
  ...(SERVICES[service].database ? { DATABASE_URL: z.string() } : {}),
  ...SERVICES[service].shape,
});

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string }; fieldRef?: object };
}
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: object; limits?: object };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
}

const SECRET_NAME = "poke-ventory";
const PLACEHOLDER_SECRET = "a-placeholder-secret-long-enough-for-any-check-0123";
const looksSecret = (name: string) => /SECRET|PASSWORD|ACCESS_KEY|DATABASE_URL/.test(name);

const podSpecOf = (o: K8sObject) => ((o.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ?? null);
const workloads = (objects: K8sObject[]) => objects.filter((o) => podSpecOf(o));
const allContainers = (spec: PodSpec) => [...(spec.initContainers ?? []), ...spec.containers];
const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

/** The service whose code a container runs, from its command (`services/<name>/dist/...`), or null for infrastructure. */
function serviceRun(container: Container): { service: string; entry: string; migrateOnly: boolean } | null {
  const line = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
  const match = /services\/([a-z]+)\/dist\/([\w/-]+)\.js/.exec(line);
  return match ? { service: match[1], entry: match[2], migrateOnly: line.includes("--migrate") } : null;
}

/** The environment a container gets, with ConfigMap values resolved and secrets as placeholders. */
function resolveEnv(objects: K8sObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  const configMap = (name: string) => {
    const map = find(objects, "ConfigMap", name) as { data?: Record<string, string> } | undefined;
    if (!map) throw new Error(`container ${container.name} loads ConfigMap ${name}, which the build lacks`);
    return map.data ?? {};
  };
  for (const from of container.envFrom ?? []) {
    if (from.secretRef) throw new Error(`container ${container.name} loads a whole Secret: reference keys one by one`);
    Object.assign(env, configMap(from.configMapRef!.name));
  }
  for (const v of container.env ?? []) {
    if (v.valueFrom?.configMapKeyRef) env[v.name] = configMap(v.valueFrom.configMapKeyRef.name)[v.valueFrom.configMapKeyRef.key];
    else if (v.valueFrom?.secretKeyRef) env[v.name] = PLACEHOLDER_SECRET;
    else if (v.valueFrom?.fieldRef) env[v.name] = "pod-name";
    else env[v.name] = v.value ?? "";
  }
  return env;
}

describe.each(Object.keys(builds) as (keyof typeof builds)[])("deploy/k8s %s", (build) => {
  const objects = built[build];

  // The builder here knows a few kustomize features; where kubectl (with kustomize built in) is installed, its build
  // must be the same object for object (it also parses YAML more strictly than js-yaml).
  it.runIf(hasKubectl)("builds exactly what kubectl kustomize builds", () => {
    const run = spawnSync("kubectl", ["kustomize", path.join(root, builds[build])], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
    const real = new Map((yaml.loadAll(run.stdout) as K8sObject[]).filter(Boolean).map((o) => [key(o), o]));
    expect([...real.keys()].sort()).toEqual(objects.map(key).sort());
    for (const o of objects) expect(isDeepStrictEqual(JSON.parse(JSON.stringify(o)), real.get(key(o))), key(o)).toBe(true);
  });

  it("every object is valid against its Kubernetes (or KEDA) schema", () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion} ${o.kind} has no validator here`).toBeDefined();
      expect(() => new Model(o as never).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
    }
    const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every service runs with probes on its health port, requests and limits, and a disruption budget", () => {
    const services = workloads(objects).filter((o) => podSpecOf(o)!.containers.some((c) => serviceRun(c)?.entry === "main"));
    expect(services.map((o) => o.metadata.name).sort()).toEqual(Object.keys(SERVICES).sort());
    for (const deployment of services) {
      const container = podSpecOf(deployment)!.containers[0];
      const env = resolveEnv(objects, container);
      const healthPort = Number(env.HEALTH_PORT);
      expect(healthPort, `${container.name} sets HEALTH_PORT`).toBeGreaterThan(0);
      for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
        expect(probe?.httpGet, `${container.name} probe`).toBeDefined();
        const { path: probePath, port } = probe!.httpGet!;
        expect(Object.values(HEALTH_PATHS)).toContain(probePath);
        const containerPort = typeof port === "number" ? port : container.ports?.find((p) => p.name === port)?.containerPort;
        expect(containerPort, `${container.name} probe port ${port}`).toBe(healthPort);
      }
      expect(container.readinessProbe!.httpGet!.path).toBe(HEALTH_PATHS.ready);
      expect(container.livenessProbe!.httpGet!.path).toBe(HEALTH_PATHS.live);
      expect(container.ports?.find((p) => p.name === "metrics")?.containerPort).toBe(Number(env.METRICS_PORT));
      if (container.name === "gateway") expect(container.ports?.find((p) => p.name === "http")?.containerPort).toBe(Number(env.PORT));
      const pdb = objects.find(
        (o) => o.kind === "PodDisruptionBudget" && (o.spec as { selector: { matchLabels: object } }).selector.matchLabels["app.kubernetes.io/name" as never] === deployment.metadata.name,
      );
      expect(pdb, `${deployment.metadata.name} has a PodDisruptionBudget`).toBeDefined();
      expect(find(objects, "Service", deployment.metadata.name), `${deployment.metadata.name} has a Service`).toBeDefined();
    }
    for (const workload of workloads(objects)) {
      for (const c of allContainers(podSpecOf(workload)!)) {
        expect(c.resources?.requests, `${c.name} requests`).toBeDefined();
        expect(c.resources?.limits, `${c.name} limits`).toBeDefined();
      }
    }
  });

  it("sets only variables a service reads, enough for its config to load, and secrets only by reference", () => {
    expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
    let checked = 0;
    const publicEndpoints: string[] = [];
    for (const workload of workloads(objects)) {
      for (const container of allContainers(podSpecOf(workload)!)) {
        for (const v of container.env ?? []) {
          if (looksSecret(v.name)) expect(v.valueFrom?.secretKeyRef?.name, `${container.name} ${v.name}`).toBe(SECRET_NAME);
        }
        for (const map of objects.filter((o) => o.kind === "ConfigMap")) {
          for (const key of Object.keys((map as { data?: object }).data ?? {})) expect(looksSecret(key), `ConfigMap ${map.metadata.name} ${key}`).toBe(false);
        }
        const run = serviceRun(container);
        if (!run) continue;
        checked++;
        const env = resolveEnv(objects, container);
        const reads = run.migrateOnly ? ["DATABASE_URL"] : Object.keys(fullShape(run.service));
        expect(Object.keys(env).filter((name) => !reads.includes(name)), `${workload.metadata.name}/${container.name} sets variables it never reads`).toEqual([]);
        if (run.entry === "main" && !run.migrateOnly) expect(() => loadConfig(fullShape(run.service), env)).not.toThrow();
        // A service that keeps objects without S3 settings would write them to its pod's disk, lost on restart.
        if (run.entry === "main" && !run.migrateOnly && "S3_ENDPOINT" in fullShape(run.service)) {
          expect(env.S3_ENDPOINT, `${workload.metadata.name}/${container.name} keeps objects: it needs the S3 settings`).toBeDefined();
        }
        // Presigned upload URLs name this host: left unset, they would name the in-cluster S3_ENDPOINT, out of clients' reach.
        if (run.entry === "main" && !run.migrateOnly && "S3_PUBLIC_ENDPOINT" in fullShape(run.service)) {
          expect(env.S3_PUBLIC_ENDPOINT, `${workload.metadata.name}/${container.name} presigns uploads: it needs S3_PUBLIC_ENDPOINT`).toMatch(/^https?:\/\//);
          expect(env.S3_PUBLIC_ENDPOINT).not.toBe(env.S3_ENDPOINT);
          publicEndpoints.push(env.S3_PUBLIC_ENDPOINT);
        }
        if (run.migrateOnly) expect(env.DATABASE_URL).toBeDefined();
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
    expect(publicEndpoints, "the ingest deployment sets S3_PUBLIC_ENDPOINT").toHaveLength(1);
  });

  it("Services point at named container ports of the pods they select", () => {
    for (const service of objects.filter((o) => o.kind === "Service")) {
      const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const pods = workloads(objects).filter((w) =>
        Object.entries(spec.selector).every(([k, v]) => ((w.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels ?? {})[k] === v),
      );
      expect(pods.length, `Service ${service.metadata.name} selects a workload`).toBeGreaterThan(0);
      const names = pods.flatMap((w) => podSpecOf(w)!.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
      for (const port of spec.ports) expect(names, `Service ${service.metadata.name}`).toContain(port.targetPort);
    }
  });

  it("lets only the gateway's HTTP port in from outside the namespace", () => {
    const policies = objects.filter((o) => o.kind === "NetworkPolicy");
    type Rule = { from?: { podSelector?: object; namespaceSelector?: { matchLabels?: Record<string, string> } }[]; ports?: { port: string }[] };
    const spec = (o: K8sObject) => o.spec as { podSelector: { matchLabels?: Record<string, string> }; ingress: Rule[] };
    expect(policies.some((p) => Object.keys(spec(p).podSelector).length === 0 && spec(p).ingress.some((r) => r.from?.every((f) => f.podSelector && !f.namespaceSelector)))).toBe(true);
    for (const policy of policies) {
      for (const rule of spec(policy).ingress) {
        const fromAnywhere = !rule.from || rule.from.length === 0;
        if (fromAnywhere) {
          expect(spec(policy).podSelector.matchLabels?.["app.kubernetes.io/name"], `${policy.metadata.name} opens to anyone`).toBe("gateway");
          expect(rule.ports?.map((p) => p.port)).toEqual(["http"]);
        }
        for (const source of rule.from ?? []) {
          if (source.namespaceSelector) expect(source.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"], `${policy.metadata.name} names its namespace`).toMatch(/^(monitoring|keda)$/);
        }
      }
    }
  });

  it("runs the migrations of every service with a database, then the catalog import, in one Job", () => {
    const job = find(objects, "Job", "migrate")!;
    const spec = podSpecOf(job)!;
    const migrated = (spec.initContainers ?? []).map((c) => serviceRun(c)).filter((r) => r?.migrateOnly).map((r) => r!.service);
    const importer = spec.containers.map(serviceRun);
    expect(importer).toEqual([{ service: "matching", entry: "cli/import-catalog", migrateOnly: false }]);
    // matching's migrations run inside the import.
    expect([...migrated, "matching"].sort()).toEqual(Object.keys(SERVICES).filter((s) => SERVICES[s].database).sort());
  });
});

describe("vision scaling", () => {
  it("KEDA follows the vision consumer's backlog on the image.stored stream", () => {
    const objects = built.base;
    const scaler = find(objects, "ScaledObject", "vision")!;
    const spec = scaler.spec as { scaleTargetRef: { name: string }; triggers: { type: string; metadata: Record<string, string> }[] };
    expect(find(objects, "Deployment", spec.scaleTargetRef.name)).toBeDefined();
    const [trigger] = spec.triggers;
    const infra = find(objects, "ConfigMap", "infra") as unknown as { data: { NAMESPACE: string } };
    expect(trigger.type).toBe("nats-jetstream");
    expect(trigger.metadata).toMatchObject({
      stream: streamName(`${infra.data.NAMESPACE}.${Channels.imageStored}`),
      consumer: Groups.vision,
      account: "$G",
    });
    expect(Number(trigger.metadata.lagThreshold)).toBeGreaterThan(0);
    // The autoscaler owns vision's replica count: a re-apply must not reset it.
    expect((find(objects, "Deployment", "vision")!.spec as { replicas?: number }).replicas).toBeUndefined();
  });

  it("the dev cluster's NATS serves the monitoring endpoint the scaler reads", () => {
    const objects = built.dev;
    const trigger = (find(objects, "ScaledObject", "vision")!.spec as { triggers: { metadata: Record<string, string> }[] }).triggers[0];
    const [host, port] = trigger.metadata.natsServerMonitoringEndpoint.split(":");
    const [serviceName, namespace] = host.split(".");
    const nats = find(objects, "Service", serviceName)!;
    expect(nats.metadata.namespace).toBe(namespace);
    expect((nats.spec as { ports: { port: number }[] }).ports.map((p) => p.port)).toContain(Number(port));
  });

  it("the dev overlay runs one replica of each service and a smaller vision pod, limits kept", () => {
    const objects = built.dev;
    for (const name of ["gateway", "ingest", "matching", "collection"]) expect((find(objects, "Deployment", name)!.spec as { replicas: number }).replicas).toBe(1);
    const vision = podSpecOf(find(objects, "Deployment", "vision")!)!.containers[0];
    const baseVision = podSpecOf(find(built.base, "Deployment", "vision")!)!.containers[0];
    expect(vision.resources).toEqual({ ...baseVision.resources, requests: { cpu: "500m", memory: "512Mi" } });
    expect(vision.env).toEqual(baseVision.env);
    for (const kind of ["StatefulSet", "Deployment"]) expect(objects.filter((o) => o.kind === kind).every((o) => o.metadata.namespace === "poke-ventory")).toBe(true);
  });

  it("the hpa-cpu overlay scales vision on CPU instead, without KEDA", () => {
    const objects = built["hpa-cpu"];
    expect(objects.filter((o) => o.kind === "ScaledObject")).toEqual([]);
    const hpa = find(objects, "HorizontalPodAutoscaler", "vision")!;
    expect((hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef).toMatchObject({ kind: "Deployment", name: "vision" });
    expect(built.base.filter((o) => o.kind === "HorizontalPodAutoscaler")).toEqual([]);
  });
});
