import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { Context, ServiceSchema } from "moleculer";
import ApiGateway from "moleculer-web";
import {
  Actions,
  AppError,
  ErrorTypes,
  type ErrorType,
  type BatchView,
  type DraftView,
  type ImageView,
  type SubjectType,
  type UploadQuota,
} from "@poke-ventory/contracts";
import { bindToActiveTrace, toErrorBody } from "@poke-ventory/runtime";
import type { GatewayConfig } from "./config";
import { admitRequest, type AdmitDeps } from "./http/admit-request";
import { ACCESS } from "./access.service";
import { HTTP } from "./http.service";
import { batchReport, receiveUpload, type UploadPorts } from "./http/receive-upload";
import { parseWait, waitForAnalysis } from "./http/wait-for-analysis";
import { batchResponse, withDuplicates } from "./domain/batch-response";
import { serveWebApp } from "./http/serve-web-app";
import { streamBatchEvents } from "./http/stream-batch-events";
import { serveApiDocs } from "./http/serve-api-docs";
import { directUploadAliases } from "./http/direct-uploads";
import { findNulCharacter } from "./domain/nul-character";
import { answerOptions } from "./http/answer-options";

export type Req = IncomingMessage & { $ctx: Context<unknown, { user: { id: string } }>; query: Record<string, string> };
type ReqWithId = Req & { $params: { id?: unknown } };
export type GatewayThis = { sendResponse(req: Req, res: ServerResponse, data: unknown): void; sendError(req: Req, res: ServerResponse, err: unknown): void };

const json = (limit: string) => ({ json: { limit }, urlencoded: false });
const CSV_TYPES = ["text/csv", "text/plain"];
type Aliases = Record<string, string | ((...args: never[]) => unknown)>;
/** A NUL character in any parameter is bad input (PostgreSQL text cannot hold it), refused before the route runs. */
function refuseNulCharacters(_ctx: Context, _route: unknown, req: IncomingMessage & { $params?: unknown }) {
  const field = findNulCharacter(req.$params);
  if (field !== null) throw new AppError("VALIDATION_FAILED", "The request is not valid", [{ field, message: "must not contain the NUL character" }]);
}
// Every route goes through `authenticate` (the gate): the table in auth/route-policy.ts says who may call it.
const publicRoute = (path: string, aliases: Aliases) => ({
  path,
  aliases,
  mappingPolicy: "restrict",
  authentication: true,
  bodyParsers: json("16kb"),
  onBeforeCall: refuseNulCharacters,
});
const privateRoute = (path: string, aliases: Aliases) => ({ ...publicRoute(path, aliases), bodyParsers: json("64kb") });

/** REST over HTTP (moleculer-web): routes map to `http.*` use cases; one JSON error shape everywhere. */
export function createApiService(config: GatewayConfig, gate: AdmitDeps, quotaOf: (userId: string) => Promise<UploadQuota>, webDistDir?: string): ServiceSchema {
  const web = serveWebApp(webDistDir);
  const docs = serveApiDocs();
  async function uploadBatch(this: GatewayThis, req: Req, res: ServerResponse) {
    try {
      const ctx = req.$ctx;
      const userId = ctx.meta.user.id;
      // Ingest refuses each file over the user's quota before storing it (429 QUOTA_EXCEEDED, the earlier files kept).
      const quota = await quotaOf(userId);
      // The ports run from busboy's callbacks: bound to the request's span, the batch and its files join its trace.
      const ports: UploadPorts = bindToActiveTrace({
        createBatch: (subjectType: SubjectType) => ctx.call<BatchView, object>(Actions.ingest.createBatch, { userId, subjectType }),
        upload: (file: Readable, info: Parameters<UploadPorts["upload"]>[1]) =>
          // Moleculer streams a file through the call options (`ctx.stream` on the other side), also over NATS.
          ctx.call<ImageView, object>(Actions.ingest.upload, {}, { stream: file, meta: { userId, quota, ...info }, timeout: 0 } as object),
      });
      const received = await receiveUpload(req, { maxFileBytes: config.MAX_UPLOAD_SIZE_MB * 1024 * 1024, maxFiles: config.MAX_FILES_PER_BATCH }, ports);
      if (received.rejected.length > 0) {
        const first = received.rejected[0];
        const type = (first.type in ErrorTypes ? first.type : "VALIDATION_FAILED") as ErrorType;
        throw new AppError(type, first.message, batchReport(received));
      }
      await respondWithBatch.call(this, req, res, received.batch.id, received.accepted.filter((i) => i.duplicate_of));
    } catch (err) {
      this.sendError(req, res, err);
    }
  }

  async function batchEvents(this: GatewayThis, req: ReqWithId, res: ServerResponse) {
    const ctx = req.$ctx;
    const [userId, id] = [ctx.meta.user.id, String(req.$params.id ?? "")];
    const reader = {
      getBatch: () => ctx.call<BatchView, object>(Actions.ingest.getBatch, { userId, id }),
      listDrafts: (batchId: string) => ctx.call<DraftView[], object>(Actions.collection.listDrafts, { userId, batchId }),
    };
    await streamBatchEvents(req, res, reader, { pollMs: 1000, keepAliveMs: 15_000 }).catch((err: unknown) => this.sendError(req, res, err));
  }

  // The CSV arrives as text (≤ 2 MB, parsed by the route's text body parser), not as JSON params.
  async function importCsv(this: GatewayThis, req: Req & { body?: unknown }, res: ServerResponse) {
    try {
      const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
      if (!CSV_TYPES.includes(type) || typeof req.body !== "string") throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the CSV as the body, Content-Type: text/csv");
      this.sendResponse(req, res, await req.$ctx.call(Actions.collection.importCsv, { userId: req.$ctx.meta.user.id, csv: req.body }));
    } catch (err) {
      this.sendError(req, res, err);
    }
  }

  /** The answer of a batch upload (also of a completed direct upload): 201 once analysed, else 202 after `wait`. */
  /**
   * The answer of a batch upload (also of a completed direct upload): 201 once analysed, else 202 after `wait`. Files
   * the user had sent before (`duplicate_of`) come back with the drafts of their earlier batch.
   */
  async function respondWithBatch(this: GatewayThis, req: Req, res: ServerResponse, batchId: string, duplicates: ImageView[] = []) {
    const ctx = req.$ctx;
    const userId = ctx.meta.user.id;
    const get = () => ctx.call<BatchView, object>(Actions.ingest.getBatch, { userId, id: batchId });
    const batch = await waitForAnalysis(get, parseWait(req.query?.wait, config.ANALYSIS_WAIT_SECONDS));
    const listDrafts = (id: string) => ctx.call<DraftView[], object>(Actions.collection.listDrafts, { userId, batchId: id });
    const earlierDrafts = await Promise.all([...new Set(duplicates.map((i) => i.batch_id))].map(listDrafts));
    const body = withDuplicates(batchResponse(batch, await listDrafts(batch.id)), duplicates, earlierDrafts.flat());
    // Where the batch is read back (polled, while it is still processing): `Location` on the 201 and on the 202.
    // moleculer-web sets it from `$location` for a 201 only (and warns without it); the header covers the 202.
    const location = `/imports/batches/${batch.id}`;
    Object.assign(ctx.meta, { $statusCode: body.status === "completed" ? 201 : 202, $location: location, $responseHeaders: { Location: location } });
    this.sendResponse(req, res, body);
  }
  const uploads = directUploadAliases(quotaOf, respondWithBatch);

  return {
    name: "api",
    mixins: [ApiGateway],
    settings: <ServiceSchema["settings"]>(<unknown>{
      port: config.PORT,
      ip: "0.0.0.0",
      cors: config.CORS_ORIGINS.length ? { origin: config.CORS_ORIGINS, methods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] } : undefined,
      use: [answerOptions(config.CORS_ORIGINS.length > 0)],
      // At debug level moleculer-web would log every request's params: passwords and tokens included.
      logRequestParams: null,
      logResponseData: null,
      routes: [
        // Before "/auth": moleculer-web takes the first route whose path prefixes the URL.
        privateRoute("/auth/api-keys", { "POST /": ACCESS.createApiKey, "GET /": ACCESS.listApiKeys, "DELETE /:id": ACCESS.revokeApiKey }),
        publicRoute("/auth", { "POST register": HTTP.register, "POST login": Actions.auth.login, "POST refresh": Actions.auth.refresh, "POST logout": Actions.auth.logout }),
        privateRoute("/admin", {
          "GET users": ACCESS.listUsers,
          "PATCH users/:id": ACCESS.updateUser,
          "GET api-keys": ACCESS.listAllApiKeys,
          "DELETE api-keys/:id": ACCESS.revokeAnyApiKey,
        }),
        // Direct uploads' bytes (filesystem store): no bearer, the URL's signature is the credential; the raw body streams to ingest.
        { path: "/imports/uploads", aliases: { "PUT :id/content": uploads.putContent }, mappingPolicy: "restrict", authentication: true, bodyParsers: false },
        privateRoute("/imports", {
          "POST batches": uploadBatch,
          "GET batches": HTTP.listBatches,
          "POST uploads": uploads.prepare,
          "GET uploads/:id": uploads.get,
          "POST uploads/:id/complete": uploads.complete,
          "GET batches/:id": HTTP.getBatch,
          "GET batches/:id/events": batchEvents,
          "GET drafts": HTTP.listDrafts,
          "GET drafts/:id": HTTP.getDraft,
          "POST drafts/:id/select": HTTP.selectDraft,
          "GET images/:id": HTTP.readImage,
          "GET images/:id/cards/:index": HTTP.readCrop,
          "GET images/:id/thumbnail": HTTP.readThumbnail,
          "GET images/:id/cards/:index/thumbnail": HTTP.readThumbnail,
        }),
        privateRoute("/me", { "GET usage": HTTP.usage }),
        {
          ...privateRoute("/collection", {
            "GET cards": HTTP.listCards,
            "PATCH cards/:id": HTTP.updateCard,
            "DELETE cards/:id": HTTP.removeCard,
            "GET master-sets": HTTP.listMasterSets,
            "GET master-sets/:set_id/missing": HTTP.missingCards,
            "GET export.csv": HTTP.exportCsv,
            "POST import": importCsv,
          }),
          bodyParsers: { ...json("64kb"), text: { type: CSV_TYPES, limit: "2mb" } },
        },
        privateRoute("/catalog", {
          "GET search": HTTP.searchCatalog,
          "GET sets": HTTP.listSets,
          "GET sets/:id": HTTP.getSet,
          "GET cards/:id": HTTP.getCard,
        }),
        // Last: moleculer-web keeps one route per path, and "/" must not shadow the others. The web app uses hash
        // routes (/#/review), so only index.html and its hashed assets live here.
        publicRoute("/", {
          "GET health": HTTP.health,
          "GET ready": HTTP.ready,
          "GET openapi.json": docs.openapi,
          "GET docs": docs.page,
          "GET docs/:file": docs.file,
          "GET /": web.index,
          "GET assets/:file": web.asset,
        }),
      ],
      onError(req: IncomingMessage, res: ServerResponse, err: unknown) {
        const body = toErrorBody(err);
        if (body.error.status >= 500) {
          (this as unknown as { logger: { error: (...a: unknown[]) => void } }).logger.error("Request failed", req.method, req.url?.split("?")[0], err);
        }
        if (res.headersSent) return void res.end();
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.writeHead(body.error.status);
        res.end(JSON.stringify(body));
      },
    }),
    methods: {
      authenticate(_ctx: Context, _route: unknown, req: IncomingMessage, res: ServerResponse, alias: { method: string; fullPath: string }) {
        return admitRequest(gate, req, res, alias);
      },
    },
  };
}
