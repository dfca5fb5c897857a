import { describe, expect, it } from "vitest";
import { Channels, Groups, type ImageFailed } from "@poke-ventory/contracts";
import { recordDeadLetter } from "./record-outcome";

// No dependency is touched unless the object was gone (then the image is expired, not announced).
const deps = {} as Parameters<typeof recordDeadLetter>[0];

async function announced(channel: string | undefined): Promise<ImageFailed[]> {
  const sent: ImageFailed[] = [];
  await recordDeadLetter(deps, { imageId: "img-1" }, { channel, reason: "boom" }, async (failed) => void sent.push(failed));
  return sent;
}

describe("recordDeadLetter", () => {
  it.each([[Channels.imageStored], [Channels.imageAnalyzed], [Channels.cardsMatched], [undefined]])(
    "announces the image failed when a step of its analysis (%s) gave up",
    async (channel) => {
      expect(await announced(channel)).toEqual([{ imageId: "img-1", reason: channel ? `${channel}: boom` : "boom" }]);
    },
  );

  // image.failed's own dead letter would announce it again, forever where nothing deduplicates (embedded);
  // a validated draft's consumers (audit, ML export) failing says nothing of the image's analysis.
  it.each([[Channels.imageFailed], [Channels.draftValidated]])("announces nothing when %s's consumer gave up", async (channel) => {
    expect(await announced(channel)).toEqual([]);
  });

  it("announces nothing when an observer of the pipeline (audit, ML export) gave up on a step's message", async () => {
    const sent: ImageFailed[] = [];
    await recordDeadLetter(deps, { imageId: "img-1" }, { channel: Channels.cardsMatched, group: Groups.audit, reason: "disk full" }, async (failed) => void sent.push(failed));
    expect(sent).toEqual([]);
  });

  it("ignores a dead letter without an image id", async () => {
    const sent: ImageFailed[] = [];
    await recordDeadLetter(deps, null, { reason: "boom" }, async (failed) => void sent.push(failed));
    expect(sent).toEqual([]);
  });
});
