import { describe, expect, it } from "vitest";
import { Client } from "minio";
import { presignUrlV4 } from "./presign-url-v4";

/** AWS's published example (S3 API reference, "Authenticating Requests: Using Query Parameters"). */
const aws = {
  accessKey: "AKIAIOSFODNN7EXAMPLE",
  secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  date: new Date("2013-05-24T00:00:00Z"),
  expiresSeconds: 86400,
};

describe("presignUrlV4", () => {
  it("gives AWS's published presigned GET of examplebucket/test.txt", () => {
    const url = presignUrlV4({ ...aws, method: "GET", origin: "https://examplebucket.s3.amazonaws.com", path: "/test.txt" });
    expect(url).toBe(
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
        "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z" +
        "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });

  it("agrees with the minio client on a host-only path-style PUT at a port", async () => {
    const minio = new Client({ endPoint: "127.0.0.1", port: 9000, useSSL: false, accessKey: aws.accessKey, secretKey: aws.secretKey, region: aws.region, pathStyle: true });
    const expected = await minio.presignedUrl("PUT", "pv-bucket", "uploads/0f3c-a b", 900, {}, aws.date);
    const ours = presignUrlV4({ ...aws, expiresSeconds: 900, method: "PUT", origin: "http://127.0.0.1:9000", path: "/pv-bucket/uploads/0f3c-a b" });
    expect(ours).toBe(expected);
  });

  it("signs content-length and content-type beside host: another size or type is another signature", () => {
    const put = (headers: Record<string, string>) =>
      new URL(presignUrlV4({ ...aws, method: "PUT", origin: "http://127.0.0.1:9000", path: "/b/uploads/1", headers }));
    const url = put({ "Content-Length": "1234", "Content-Type": "image/jpeg" });
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    const signature = url.searchParams.get("X-Amz-Signature");
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(put({ "Content-Length": "1235", "Content-Type": "image/jpeg" }).searchParams.get("X-Amz-Signature")).not.toBe(signature);
    expect(put({ "Content-Length": "1234", "Content-Type": "image/png" }).searchParams.get("X-Amz-Signature")).not.toBe(signature);
    // Header names are case-insensitive and values are trimmed, as S3 canonicalises them.
    expect(put({ "content-length": "1234", "content-type": " image/jpeg " }).searchParams.get("X-Amz-Signature")).toBe(signature);
  });

  it("refuses an expiry S3 would refuse", () => {
    const at = (expiresSeconds: number) => () => presignUrlV4({ ...aws, expiresSeconds, method: "PUT", origin: "http://h", path: "/b/k" });
    expect(at(0)).toThrow(RangeError);
    expect(at(7 * 24 * 3600 + 1)).toThrow(RangeError);
    expect(at(7 * 24 * 3600)).not.toThrow();
  });
});
