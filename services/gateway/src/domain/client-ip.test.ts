import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it.each([
    ["no proxy trusted: the header is ignored", "10.0.0.9", "1.2.3.4", 0, "10.0.0.9"],
    ["one proxy: the entry it appended", "10.0.0.9", "6.6.6.6, 1.2.3.4", 1, "1.2.3.4"],
    ["two proxies: the entry the outer one appended", "10.0.0.9", "6.6.6.6, 1.2.3.4, 10.0.0.2", 2, "1.2.3.4"],
    ["more hops trusted than entries: the first entry", "10.0.0.9", "1.2.3.4", 3, "1.2.3.4"],
    ["an empty header", "10.0.0.9", " , ", 1, "10.0.0.9"],
    ["no header", "10.0.0.9", undefined, 1, "10.0.0.9"],
    ["a repeated header", "10.0.0.9", ["6.6.6.6", "1.2.3.4"], 1, "1.2.3.4"],
  ])("%s", (_label, socket, header, hops, expected) => {
    expect(clientIp(socket, header as string | string[] | undefined, hops as number)).toBe(expected);
  });
});
