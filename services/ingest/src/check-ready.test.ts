import { describe, expect, it } from "vitest";
import { checkReady } from "./check-ready";

const ok = async () => undefined;
const down = async () => {
  throw new Error("connection refused");
};

describe("checkReady", () => {
  it("reports every probe ok", async () => {
    expect(await checkReady({ database: ok, leases: ok })).toEqual({ status: "ok", checks: { database: "ok", leases: "ok" } });
  });

  it("names each failed probe in a SERVICE_UNAVAILABLE", async () => {
    await expect(checkReady({ database: ok, leases: down, objects: down })).rejects.toMatchObject({
      type: "SERVICE_UNAVAILABLE",
      status: 503,
      details: { failed: { leases: "connection refused", objects: "connection refused" } },
    });
  });
});
