/** The gateway client: bearer tokens kept in localStorage (a reload stays signed in), one refresh on a 401. */
import { reactive } from "vue";

const KEY = "pv.tokens";
interface Tokens { access_token: string; refresh_token: string }

export const session = reactive<{ tokens: Tokens | null; email: string | null }>(load());

function load(): { tokens: Tokens | null; email: string | null } {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : { tokens: null, email: null };
  } catch {
    return { tokens: null, email: null };
  }
}
function save(): void {
  if (session.tokens) localStorage.setItem(KEY, JSON.stringify({ tokens: session.tokens, email: session.email }));
  else localStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(public status: number, message: string, public details?: unknown) { super(message); }
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = await res.json();
    return new ApiError(res.status, body?.error?.message ?? res.statusText, body?.error?.details);
  } catch {
    return new ApiError(res.status, res.statusText || `HTTP ${res.status}`);
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const res = await fetch("/auth/login", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw await errorOf(res);
  session.tokens = await res.json();
  session.email = email;
  save();
}

export async function signUp(email: string, password: string): Promise<void> {
  const res = await fetch("/auth/register", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw await errorOf(res);
  await signIn(email, password);
}

export function signOut(): void {
  session.tokens = null;
  session.email = null;
  save();
}

let refreshing: Promise<boolean> | null = null;
/** Trades the refresh token for a new pair; false (and signed out) when it is refused. */
export function refresh(): Promise<boolean> {
  if (!session.tokens) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await fetch("/auth/refresh", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ refresh_token: session.tokens?.refresh_token }),
      });
      if (!res.ok) { signOut(); return false; }
      session.tokens = await res.json();
      save();
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export function authHeader(): Record<string, string> {
  return session.tokens ? { authorization: `Bearer ${session.tokens.access_token}` } : {};
}

/** fetch with the bearer token; on a 401 refreshes once and retries. */
export async function authFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const go = () => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...authHeader() } });
  let res = await go();
  if (res.status === 401 && (await refresh())) res = await go();
  return res;
}

export async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await authFetch(url, init);
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function json(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** A crop or image fetched with the token into a blob URL (tokens never go in URLs). */
export async function blobUrl(url: string): Promise<string> {
  const res = await authFetch(url);
  if (!res.ok) throw await errorOf(res);
  return URL.createObjectURL(await res.blob());
}

/** One file uploaded as its own batch with XHR, for its upload progress. Resolves to the API's body. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<{ batch_id: string }> {
  const send = () => new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const form = new FormData();
    form.append("subject_type", "cards");
    form.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/imports/batches?wait=0");
    const h = authHeader();
    if (h.authorization) xhr.setRequestHeader("Authorization", h.authorization);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiError(0, "network error"));
    xhr.send(form);
  });
  return (async () => {
    let r = await send();
    if (r.status === 401 && (await refresh())) r = await send();
    if (r.status >= 400) {
      const e = (r.body as { error?: { message?: string; details?: unknown } } | null)?.error;
      throw new ApiError(r.status, e?.message ?? `HTTP ${r.status}`, e?.details);
    }
    onProgress(1);
    return r.body as { batch_id: string };
  })();
}

export interface SseEvent { event: string; data: unknown }

/** Reads `GET /imports/batches/{id}/events` with fetch and a stream reader; resolves when the stream ends. */
export async function streamEvents(url: string, onEvent: (e: SseEvent) => void, signal?: AbortSignal): Promise<void> {
  const res = await authFetch(url, { headers: { accept: "text/event-stream" }, signal });
  if (!res.ok || !res.body) throw await errorOf(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length === 0) continue;
      try { onEvent({ event, data: JSON.parse(data.join("\n")) }); } catch { /* a malformed event is skipped */ }
    }
  }
}
