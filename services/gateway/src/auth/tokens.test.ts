import { describe, expect, it } from "vitest";
import jwt from "jsonwebtoken";
import { Tokens } from "./tokens";

const SECRET = "s".repeat(40);
const tokens = new Tokens(SECRET, 900, 3600);
const user = { id: "3d0f6a4e-1111-4222-8333-444455556666", email: "ash@example.com" };
const ids = { jti: "0a0f6a4e-1111-4222-8333-444455556666", familyId: "1b0f6a4e-1111-4222-8333-444455556666" };

describe("Tokens", () => {
  it("issues a bearer pair whose access token verifies as the user", () => {
    const pair = tokens.issue(user, ids);
    expect(pair).toMatchObject({ token_type: "bearer", expires_in: 900 });
    expect(tokens.verify(pair.access_token, "access")).toEqual(user);
    expect(tokens.verifyRefresh(pair.refresh_token)).toEqual({ ...user, ...ids });
  });

  it("refuses a refresh token that carries no id (issued before rotation)", () => {
    const legacy = jwt.sign({ typ: "refresh", email: user.email }, SECRET, { subject: user.id });
    expect(() => tokens.verifyRefresh(legacy)).toThrow(expect.objectContaining({ type: "UNAUTHORIZED" }));
  });

  it.each([
    ["a refresh token used as access", () => tokens.issue(user, ids).refresh_token],
    ["a wrong signature", () => new Tokens("x".repeat(40), 900, 3600).issue(user, ids).access_token],
    ["an expired token", () => jwt.sign({ typ: "access", exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, { subject: user.id })],
    ["an unsigned token", () => jwt.sign({ typ: "access" }, "", { algorithm: "none", subject: user.id } as jwt.SignOptions)],
    ["garbage", () => "not.a.jwt"],
  ])("rejects %s as UNAUTHORIZED", (_label, make) => {
    expect(() => tokens.verify(make(), "access")).toThrow(expect.objectContaining({ type: "UNAUTHORIZED", status: 401 }));
  });
});
