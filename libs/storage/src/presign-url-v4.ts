import { createHash, createHmac } from "node:crypto";

/** What one presigned URL allows: `method` on `path` at `origin`, with exactly `headers`, until `date` + `expiresSeconds`. */
export interface PresignRequestV4 {
  method: string;
  /** Scheme, host and port the client sends to (`https://examplebucket.s3.amazonaws.com`); its host is always signed. */
  origin: string;
  /** The path, not yet encoded (`/bucket/uploads/<id>`). */
  path: string;
  /** Headers the client must send with these exact values (names in any case); signed beside `host`. */
  headers?: Record<string, string>;
  accessKey: string;
  secretKey: string;
  region: string;
  date: Date;
  expiresSeconds: number;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

/**
 * An S3 SigV4 query-string presigned URL (AWS "Authenticating Requests: Using Query Parameters"). Unlike the minio
 * client's presigner, which never signs `content-length` or `content-type`, it signs every header it is given, so
 * S3/MinIO refuse a request whose size or type differs from the one presigned. The payload itself stays unsigned.
 */
export function presignUrlV4(req: PresignRequestV4): string {
  if (!Number.isInteger(req.expiresSeconds) || req.expiresSeconds < 1 || req.expiresSeconds > MAX_EXPIRES_SECONDS) {
    throw new RangeError(`expiresSeconds must be an integer from 1 to ${MAX_EXPIRES_SECONDS}`);
  }
  const origin = new URL(req.origin);
  const headers = new Map<string, string>([["host", origin.host]]);
  for (const [name, value] of Object.entries(req.headers ?? {})) headers.set(name.toLowerCase(), value.trim().replace(/ +/g, " "));
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(";");

  const amzDate = req.date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const scope = `${amzDate.slice(0, 8)}/${req.region}/s3/aws4_request`;
  const query = [
    ["X-Amz-Algorithm", ALGORITHM],
    ["X-Amz-Credential", `${req.accessKey}/${scope}`],
    ["X-Amz-Date", amzDate],
    ["X-Amz-Expires", String(req.expiresSeconds)],
    ["X-Amz-SignedHeaders", signedHeaders],
  ]
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
    .sort()
    .join("&");
  const canonicalPath = req.path.split("/").map(uriEncode).join("/");
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath,
    query,
    names.map((n) => `${n}:${headers.get(n)}\n`).join(""),
    signedHeaders,
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = [amzDate.slice(0, 8), req.region, "s3", "aws4_request"].reduce<Buffer | string>(
    (key, part) => hmac(key, part),
    `AWS4${req.secretKey}`,
  );
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return `${origin.protocol}//${origin.host}${canonicalPath}?${query}&X-Amz-Signature=${signature}`;
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - _ . ~` percent-encoded. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256Hex = (data: string) => createHash("sha256").update(data).digest("hex");
