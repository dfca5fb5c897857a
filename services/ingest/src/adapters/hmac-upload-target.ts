import { uploadContentPath, verifyUploadSignature, type SignedUpload } from "../domain/upload-signature";
import type { UploadTarget } from "../ports";
import type { UploadSessionRecord } from "../upload-session-record";

const terms = (session: UploadSessionRecord, expires = Math.floor(session.expiresAt.getTime() / 1000)): SignedUpload => ({
  id: session.id,
  expires,
  size: session.sizeBytes,
  contentType: session.contentType,
});

/** Filesystem store: the bytes go to the gateway (`PUT /imports/uploads/{id}/content`), signed with an HMAC and an expiry. */
export class HmacUploadTarget implements UploadTarget {
  readonly viaIngest = true;

  constructor(private readonly secret: string) {}

  async prepare(session: UploadSessionRecord) {
    return { url: uploadContentPath(this.secret, terms(session)), method: "PUT" as const, headers: { "Content-Type": session.contentType } };
  }

  verify(session: UploadSessionRecord, expires: number, signature: string): boolean {
    return verifyUploadSignature(this.secret, terms(session, expires), signature);
  }
}
