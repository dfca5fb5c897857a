import { readFileSync } from "node:fs";
import path from "node:path";
import { OpenApiResponses } from "@poke-ventory/testing";

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A body sent as is, with its own content type (a CSV file). */
export interface RawBody {
  type: string;
  bytes: string | Uint8Array;
}

// One document per gateway, fetched on its first answer and shared by every client of that gateway.
const documents = new Map<string, Promise<OpenApiResponses>>();
const documentOf = (base: string) => documents.get(base) ?? documents.set(base, OpenApiResponses.fetch(base, { closed: true })).get(base)!;

/**
 * A tiny HTTP client for the gateway, as a collector's app would use it. Every answer is held to the OpenAPI
 * document the gateway serves (documented status and content type, a JSON body matching its schema and naming no
 * field the schema lacks) unless `checkAgainstSpec` is false: a walk fails where the API and its document disagree.
 */
export class ApiClient {
  token: string | null = null;

  constructor(readonly base: string, readonly options: { checkAgainstSpec?: boolean } = {}) {}

  async request<T = any>(method: string, url: string, body?: unknown): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: RequestInit["body"];
    if (body instanceof FormData) payload = body;
    else if (isRaw(body)) {
      headers["content-type"] = body.type;
      payload = typeof body.bytes === "string" ? body.bytes : new Uint8Array(body.bytes);
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + url, { method, headers, body: payload });
    const type = res.headers.get("content-type");
    const parsed = type?.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
    if (this.options.checkAgainstSpec !== false) (await documentOf(this.base)).check({ method, url, status: res.status, contentType: type, body: parsed });
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async signUp(email: string, password = "correct horse battery"): Promise<void> {
    const created = await this.request("POST", "/auth/register", { email, password });
    if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
    const login = await this.request("POST", "/auth/login", { email, password });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
    this.token = login.body.access_token;
  }

  /** GETs `url` until `done` holds for its body (polling a batch while it is analysed). */
  async poll<T = any>(url: string, done: (body: T) => boolean, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.request<T>("GET", url);
      if (res.status === 200 && done(res.body)) return res.body;
      if (Date.now() > deadline) throw new Error(`${url}: condition not met in ${timeoutMs} ms (last ${res.status} ${JSON.stringify(res.body)})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  upload(files: { name: string; bytes: Buffer; type?: string }[], subjectType = "cards", wait = 60): Promise<Reply> {
    const form = new FormData();
    form.append("subject_type", subjectType);
    for (const f of files) form.append("files", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "image/jpeg" }), f.name);
    return this.request("POST", `/imports/batches?wait=${wait}`, form);
  }
}

function isRaw(body: unknown): body is RawBody {
  return typeof body === "object" && body !== null && "type" in body && "bytes" in body;
}

export function benchFile(dir: string, name: string) {
  return { name, bytes: readFileSync(path.join(dir, name)) };
}

export interface BenchLabel {
  file: string;
  kind: string;
  card_id?: string;
  name?: string;
  name_fr?: string;
  cards?: { card_id: string; name: string }[];
}

export function benchLabels(dir: string): BenchLabel[] {
  return readFileSync(path.join(dir, "labels.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BenchLabel);
}
