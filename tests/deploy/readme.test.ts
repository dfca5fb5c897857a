import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { infraShape } from "@poke-ventory/runtime";
import { objectStoreShape } from "@poke-ventory/storage";
import { repoRoot } from "@poke-ventory/testing";
import { openApiDocument } from "../../services/gateway/src/openapi/openapi-document";
import { gatewayConfigShape } from "../../services/gateway/src/config";
import { ingestConfigShape } from "../../services/ingest/src/config";
import { visionConfigShape } from "../../services/vision/src/config";
import { matchingConfigShape } from "../../services/matching/src/config";
import { collectionConfigShape } from "../../services/collection/src/config";

/** The README is the user's reference: every route the gateway serves and every variable a service reads is in it. */
const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

describe("README", () => {
  it("names every route of the OpenAPI document as `METHOD /path`", () => {
    const paths = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${p}`));
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !readme.includes("`" + route))).toEqual([]);
  });

  it("documents every environment variable a service reads in a table row of its own (or shared with its kin)", () => {
    // The first cell of each table row: `NAME` or `NAME`, `OTHER`.
    const documented = new Set(readme.split("\n").flatMap((line) => (line.startsWith("| `") ? [...line.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]) : [])));
    const shapes = [infraShape, objectStoreShape, gatewayConfigShape, ingestConfigShape, visionConfigShape, matchingConfigShape, collectionConfigShape];
    const variables = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
    expect(variables.length).toBeGreaterThan(40);
    expect(variables.filter((name) => !documented.has(name))).toEqual([]);
  });
});
