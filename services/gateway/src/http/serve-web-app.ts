import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { AppError } from "@poke-ventory/contracts";
import { toErrorBody } from "@poke-ventory/runtime";

/** Where `npm run build` writes the web app (apps/web/dist), from this file in src/http or dist/http. */
export const defaultWebDistDir = path.resolve(__dirname, "../../../../apps/web/dist");

/** No inline script, nothing from another origin but card pictures (catalog image URLs may point at a CDN). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webp": "image/webp",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".json": "application/json",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function sendError(res: ServerResponse, err: AppError) {
  res.writeHead(err.status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(toErrorBody(err)));
}

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string>) {
  const { size } = statSync(file);
  res.writeHead(200, { "Content-Length": String(size), "X-Content-Type-Options": "nosniff", ...headers });
  createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

/**
 * The built web app at `/`: index.html never cached (it names the current hashed assets), `/assets/*` cached for a
 * year (their names change with their content). A missing build answers 503 saying how to make it.
 */
export function serveWebApp(distDir: string = defaultWebDistDir) {
  const notBuilt = () =>
    new AppError("SERVICE_UNAVAILABLE", `The web app is not built (${distDir} is missing): run \`npm run build\``);
  return {
    index(_req: IncomingMessage, res: ServerResponse) {
      const file = path.join(distDir, "index.html");
      if (!existsSync(file)) return sendError(res, notBuilt());
      sendFile(res, file, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-cache",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Referrer-Policy": "no-referrer",
      });
    },
    asset(req: IncomingMessage & { $params?: Record<string, unknown> }, res: ServerResponse) {
      const name = String(req.$params?.file ?? "");
      if (!existsSync(distDir)) return sendError(res, notBuilt());
      const file = path.join(distDir, "assets", name);
      if (!SAFE_NAME.test(name) || !existsSync(file) || !statSync(file).isFile()) {
        return sendError(res, new AppError("NOT_FOUND", "No such asset"));
      }
      sendFile(res, file, {
        "Content-Type": TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream",
        "Cache-Control": "public, max-age=31536000, immutable",
      });
    },
  };
}
