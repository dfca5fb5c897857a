import type { IncomingMessage, ServerResponse } from "node:http";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * `OPTIONS` runs no route: 204 and nothing else. Left alone, moleculer-web maps `OPTIONS` with
 * `Access-Control-Request-Method: DELETE` to the DELETE route and runs it, and without that header answers with a
 * GET's data. With CORS on (`corsOn`), a preflight (that header present) goes on to moleculer-web, which answers it
 * with the CORS headers and runs nothing.
 */
export function answerOptions(corsOn: boolean): Middleware {
  return (req, res, next) => {
    if (req.method !== "OPTIONS" || (corsOn && req.headers["access-control-request-method"])) return next();
    res.writeHead(204, { "Content-Length": "0" });
    res.end();
  };
}
