import { describe, expect, it } from "vitest";
import { channelPolicyOverrides, ConfigError, infraShape, loadConfig } from "./config";

describe("channel policy overrides (CHANNEL_MAX_DELIVER, CHANNEL_BACKOFF_MS)", () => {
  it.each([
    [{}, {}],
    [{ CHANNEL_MAX_DELIVER: "3" }, { maxDeliver: 3 }],
    [{ CHANNEL_BACKOFF_MS: "1000,5000,30000,120000" }, { backoffMs: [1000, 5000, 30000, 120000] }],
    [{ CHANNEL_MAX_DELIVER: "2", CHANNEL_BACKOFF_MS: " 200 , 500" }, { maxDeliver: 2, backoffMs: [200, 500] }],
    [{ CHANNEL_MAX_DELIVER: "", CHANNEL_BACKOFF_MS: "" }, {}],
  ])("%j → %j", (env, expected) => {
    expect(channelPolicyOverrides(loadConfig(infraShape, env))).toEqual(expected);
  });

  it.each([
    [{ CHANNEL_MAX_DELIVER: "0" }, "CHANNEL_MAX_DELIVER"],
    [{ CHANNEL_MAX_DELIVER: "1.5" }, "CHANNEL_MAX_DELIVER"],
    [{ CHANNEL_MAX_DELIVER: "lots" }, "CHANNEL_MAX_DELIVER"],
    [{ CHANNEL_BACKOFF_MS: "1s,5s" }, "CHANNEL_BACKOFF_MS"],
    [{ CHANNEL_BACKOFF_MS: "1000,,5000" }, "CHANNEL_BACKOFF_MS"],
    [{ CHANNEL_BACKOFF_MS: "-100" }, "CHANNEL_BACKOFF_MS"],
  ])("rejects %j, naming %s", (env, name) => {
    expect(() => loadConfig(infraShape, env)).toThrow(ConfigError);
    expect(() => loadConfig(infraShape, env)).toThrow(name);
  });
});
