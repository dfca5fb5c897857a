import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { AppError } from "@poke-ventory/contracts";
import { openApiDocument } from "../openapi/openapi-document";
import { CONTENT_SECURITY_POLICY, sendError, sendFile } from "./serve-web-app";

const SWAGGER_DIR = path.dirname(require.resolve("swagger-ui-dist/package.json"));
/** The Swagger UI files the page loads, served from the npm package (no CDN). */
const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};
// The page's own script is a file too: the CSP allows no inline script.
const INIT = 'window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });\n';
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Poke-ventory API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/swagger-ui.css"><link rel="icon" href="/docs/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div><script src="/docs/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>
`;

type Req = IncomingMessage & { $params?: Record<string, unknown> };

function send(res: ServerResponse, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(200, { "Content-Type": type, "Content-Length": String(Buffer.byteLength(body)), "X-Content-Type-Options": "nosniff", ...headers });
  res.end(body);
}

/** `GET /openapi.json`, and Swagger UI at `GET /docs` with its files under `/docs/*`. */
export function serveApiDocs() {
  const document = JSON.stringify(openApiDocument());
  return {
    openapi: (_req: Req, res: ServerResponse) => send(res, "application/json; charset=utf-8", document, { "Cache-Control": "no-cache" }),
    page: (_req: Req, res: ServerResponse) => send(res, "text/html; charset=utf-8", PAGE, { "Cache-Control": "no-cache", "Content-Security-Policy": CONTENT_SECURITY_POLICY }),
    file(req: Req, res: ServerResponse) {
      const name = String(req.$params?.file ?? "");
      if (name === "init.js") return send(res, "text/javascript; charset=utf-8", INIT, { "Cache-Control": "no-cache" });
      if (!(name in FILES)) return sendError(res, new AppError("NOT_FOUND", "No such file"));
      sendFile(res, path.join(SWAGGER_DIR, name), { "Content-Type": FILES[name], "Cache-Control": "public, max-age=86400" });
    },
  };
}
