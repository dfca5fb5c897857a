import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/** A Kubernetes object as read from YAML. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string } }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

/** Kinds that live outside a namespace (the ones `deploy/k8s` uses). */
const CLUSTER_SCOPED = new Set(["Namespace"]);
const KNOWN_FIELDS = new Set(["apiVersion", "kind", "namespace", "resources", "patches", "images"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Strategic merge, as far as these manifests need it: maps merge, lists of named items merge by name. */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isObject(base) && isObject(patch)) {
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(patch)) out[key] = key in base ? strategicMerge(base[key], value) : value;
    return out;
  }
  const named = (list: unknown[]) => list.every((item) => isObject(item) && typeof item.name === "string");
  if (Array.isArray(base) && Array.isArray(patch) && named(base) && named(patch)) {
    const out = base.map((item) => {
      const match = patch.find((p) => (p as Json).name === (item as Json).name);
      return match ? strategicMerge(item, match) : item;
    });
    return [...out, ...patch.filter((p) => !base.some((b) => (b as Json).name === (p as Json).name))];
  }
  return patch;
}

const loadDocs = (text: string) => (yaml.loadAll(text) as unknown[]).filter(isObject) as unknown as K8sObject[];

const fullMatch = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);

function applyImages(obj: K8sObject, images: NonNullable<Kustomization["images"]>) {
  const spec = (obj as Json).spec as Json | undefined;
  const podSpec = (spec?.template as Json | undefined)?.spec as Json | undefined;
  const containers = [...((podSpec?.containers as Json[]) ?? []), ...((podSpec?.initContainers as Json[]) ?? [])];
  for (const container of containers) {
    const [name, tag] = String(container.image).split(":");
    const rule = images.find((i) => i.name === name);
    if (rule) container.image = `${rule.newName ?? name}:${rule.newTag ?? tag ?? "latest"}`;
  }
}

/**
 * Builds a kustomization folder offline, as `kustomize build` would for the features `deploy/k8s` uses:
 * resources (files and folders), patches (strategic merge, `$patch: delete`, `target` by kind and name
 * pattern), namespace and images. Any other field is an error, so a manifest cannot silently outgrow it.
 */
export function kustomizeBuild(dir: string): K8sObject[] {
  const kustomization = yaml.load(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length) throw new Error(`${dir}: kustomization fields this builder does not know: ${unknown.join(", ")}`);
  let objects: K8sObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.join(dir, resource);
    objects.push(...(statSync(target).isDirectory() ? kustomizeBuild(target) : loadDocs(readFileSync(target, "utf8"))));
  }
  for (const entry of kustomization.patches ?? []) {
    const text = entry.patch ?? readFileSync(path.join(dir, entry.path!), "utf8");
    for (const patch of loadDocs(text)) {
      const selects = (o: K8sObject) =>
        entry.target
          ? (!entry.target.kind || o.kind === entry.target.kind) && (!entry.target.name || fullMatch(entry.target.name, o.metadata.name))
          : o.kind === patch.kind && o.metadata.name === patch.metadata.name;
      const matched = objects.filter(selects);
      if (!matched.length) throw new Error(`${dir}: patch ${entry.path ?? "(inline)"} matches no object`);
      if ((patch as Json).$patch === "delete") {
        objects = objects.filter((o) => !selects(o));
        continue;
      }
      const { metadata: _ignored, ...body } = patch;
      objects = objects.map((o) => (selects(o) ? (strategicMerge(o, entry.target ? body : patch) as K8sObject) : o));
    }
  }
  objects = objects.map((o) => structuredClone(o));
  for (const obj of objects) {
    if (kustomization.namespace && !CLUSTER_SCOPED.has(obj.kind)) obj.metadata.namespace = kustomization.namespace;
    if (kustomization.images) applyImages(obj, kustomization.images);
  }
  return objects;
}
