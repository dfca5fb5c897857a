import { describe, expect, it } from "vitest";
import type { ImageStatus, ImageView } from "@poke-ventory/contracts";
import { batchStatus } from "./batch-response";

const image = (status: ImageStatus) => ({ status }) as ImageView;

describe("batchStatus", () => {
  it.each([
    [[], "completed"],
    [["stored"], "processing"],
    [["analysed", "stored"], "processing"],
    [["analysed", "failed"], "completed"],
    [["archived"], "completed"],
    [["expired", "analysed"], "completed"],
  ] as [ImageStatus[], string][])("%j → %s", (statuses, expected) => {
    expect(batchStatus(statuses.map(image))).toBe(expected);
  });
});
