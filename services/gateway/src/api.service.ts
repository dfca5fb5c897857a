import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { Context, ServiceSchema } from "moleculer";
import ApiGateway from "moleculer-web";
import { Actions, AppError, ErrorTypes, type ErrorType, type BatchView, type DraftView, type ImageView, type SubjectType } from "@poke-ventory/contracts";
import { bindToActiveTrace, toErrorBody } from "@poke-ventory/runtime";
import type { GatewayConfig } from "./config";
import type { Tokens } from "./auth/tokens";
import { HTTP } from "./http.service";
import { batchReport, receiveUpload, type UploadPorts } from "./http/receive-upload";
import { parseWait, waitForAnalysis } from "./http/wait-for-analysis";
import { batchResponse, withDuplicates } from "./domain/batch-response";

type Req = IncomingMessage & { $ctx: Context<unknown, { user: { id: string } }>; query: Record<string, string> };
type GatewayThis = { sendResponse(req: Req, res: ServerResponse, data: unknown): void; sendError(req: Req, res: ServerResponse, err: unknown): void };

const json = (limit: string) => ({ json: { limit }, urlencoded: false });
type Aliases = Record<string, string | ((...args: never[]) => unknown)>;
const publicRoute = (path: string, aliases: Aliases) => ({ path, aliases, mappingPolicy: "restrict", bodyParsers: json("16kb") });
const privateRoute = (path: string, aliases: Aliases) => ({ ...publicRoute(path, aliases), authentication: true, bodyParsers: json("64kb") });

/** REST over HTTP (moleculer-web): routes map to `http.*` use cases; one JSON error shape everywhere. */
export function createApiService(config: GatewayConfig, tokens: Tokens): ServiceSchema {
  async function uploadBatch(this: GatewayThis, req: Req, res: ServerResponse) {
    try {
      const ctx = req.$ctx;
      const userId = ctx.meta.user.id;
      // The ports run from busboy's callbacks: bound to the request's span, the batch and its files join its trace.
      const ports: UploadPorts = bindToActiveTrace({
        createBatch: (subjectType: SubjectType) => ctx.call<BatchView, object>(Actions.ingest.createBatch, { userId, subjectType }),
        upload: (file: Readable, info: Parameters<UploadPorts["upload"]>[1]) =>
          // Moleculer streams a file through the call options (`ctx.stream` on the other side), also over NATS.
          ctx.call<ImageView, object>(Actions.ingest.upload, {}, { stream: file, meta: { userId, ...info }, timeout: 0 } as object),
      });
      const received = await receiveUpload(req, { maxFileBytes: config.MAX_UPLOAD_SIZE_MB * 1024 * 1024, maxFiles: config.MAX_FILES_PER_BATCH }, ports);
      if (received.rejected.length > 0) {
        const first = received.rejected[0];
        const type = (first.type in ErrorTypes ? first.type : "VALIDATION_FAILED") as ErrorType;
        throw new AppError(type, first.message, batchReport(received));
      }
      const get = () => ctx.call<BatchView, object>(Actions.ingest.getBatch, { userId, id: received.batch.id });
      const batch = await waitForAnalysis(get, parseWait(req.query?.wait, config.ANALYSIS_WAIT_SECONDS));
      const listDrafts = (batchId: string) => ctx.call<DraftView[], object>(Actions.collection.listDrafts, { userId, batchId });
      const duplicates = received.accepted.filter((i) => i.duplicate_of);
      const earlierDrafts = await Promise.all([...new Set(duplicates.map((i) => i.batch_id))].map(listDrafts));
      const body = withDuplicates(batchResponse(batch, await listDrafts(batch.id)), duplicates, earlierDrafts.flat());
      // Where the batch is read back (polled, while it is still processing): `Location` on the 201 and on the 202.
      // moleculer-web sets it from `$location` for a 201 only (and warns without it); the header covers the 202.
      const location = `/imports/batches/${batch.id}`;
      Object.assign(ctx.meta, { $statusCode: body.status === "completed" ? 201 : 202, $location: location, $responseHeaders: { Location: location } });
      this.sendResponse(req, res, body);
    } catch (err) {
      this.sendError(req, res, err);
    }
  }

  return {
    name: "api",
    mixins: [ApiGateway],
    settings: <ServiceSchema["settings"]>(<unknown>{
      port: config.PORT,
      ip: "0.0.0.0",
      cors: config.CORS_ORIGINS.length ? { origin: config.CORS_ORIGINS, methods: ["GET", "POST", "OPTIONS"] } : undefined,
      routes: [
        publicRoute("/auth", { "POST register": HTTP.register, "POST login": Actions.auth.login, "POST refresh": Actions.auth.refresh }),
        privateRoute("/imports", {
          "POST batches": uploadBatch,
          "GET batches/:id": HTTP.getBatch,
          "GET drafts/:id": HTTP.getDraft,
          "POST drafts/:id/select": HTTP.selectDraft,
          "GET images/:id": HTTP.readImage,
          "GET images/:id/cards/:index": HTTP.readCrop,
          "GET images/:id/thumbnail": HTTP.readThumbnail,
          "GET images/:id/cards/:index/thumbnail": HTTP.readThumbnail,
        }),
        privateRoute("/collection", { "GET cards": HTTP.listCards, "GET master-sets": HTTP.listMasterSets }),
        privateRoute("/catalog", {
          "GET search": HTTP.searchCatalog,
          "GET sets": HTTP.listSets,
          "GET sets/:id": HTTP.getSet,
          "GET cards/:id": HTTP.getCard,
        }),
        // Last: moleculer-web keeps one route per path, and "/" must not shadow the others.
        publicRoute("/", { "GET health": HTTP.health, "GET ready": HTTP.ready }),
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
      authenticate(_ctx: Context, _route: unknown, req: IncomingMessage) {
        const header = req.headers.authorization ?? "";
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match) throw new AppError("UNAUTHORIZED", "Missing, invalid or expired token");
        return tokens.verify(match[1], "access");
      },
    },
  };
}
