import { createHmac, timingSafeEqual } from "node:crypto";

/** What a filesystem-store upload URL binds: the session, its expiry (epoch seconds), and the exact size and type. */
export interface SignedUpload {
  id: string;
  expires: number;
  size: number;
  contentType: string;
}

const payload = (u: SignedUpload) => ["upload-content", u.id, String(u.expires), String(u.size), u.contentType].join("\n");

/** HMAC-SHA256 of the URL's terms, base64url. */
export function signUpload(secret: string, upload: SignedUpload): string {
  return createHmac("sha256", secret).update(payload(upload)).digest("base64url");
}

/** Whether `signature` is this secret's signature of exactly these terms (constant-time). */
export function verifyUploadSignature(secret: string, upload: SignedUpload, signature: string): boolean {
  const expected = Buffer.from(signUpload(secret, upload));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The gateway path a client PUTs the bytes to (no bearer: the signature is the credential). */
export function uploadContentPath(secret: string, upload: SignedUpload): string {
  const query = new URLSearchParams({ expires: String(upload.expires), signature: signUpload(secret, upload) });
  return `/imports/uploads/${encodeURIComponent(upload.id)}/content?${query.toString()}`;
}
