import sharp from "sharp";
import { expect, it } from "vitest";
import { benchCardsDir } from "@poke-ventory/testing";
import { ApiClient, benchFile, benchLabels } from "./api-client";

/**
 * Steps 1–6 of the spine issue, through HTTP only, as two collectors would. Shared by the distributed
 * e2e suite and the embedded smoke test so both modes are held to the same contract.
 */
export function collectorWalk(base: () => string, opts: { imageTtlSeconds?: number; maxUploadMb: number }) {
  const label = benchLabels(benchCardsDir).find((l) => l.kind === "scan")!;
  const scan = benchFile(benchCardsDir, label.file);
  const stamp = Date.now().toString(36);
  const ash = () => state.ash;
  const state = {} as { ash: ApiClient; gary: ApiClient; batch: any; draft: any; timings: Record<string, number> };

  it("1. registers and signs in two collectors; every other endpoint answers 401 without a token", async () => {
    state.ash = new ApiClient(base());
    state.gary = new ApiClient(base());
    await state.ash.signUp(`ash.${stamp}@example.com`);
    await state.gary.signUp(`gary.${stamp}@example.com`);
    const anonymous = new ApiClient(base());
    for (const [method, url] of [["GET", "/imports/batches/x"], ["POST", "/imports/batches"], ["GET", "/collection/cards"], ["GET", "/collection/master-sets"]]) {
      expect((await anonymous.request(method, url)).status).toBe(401);
    }
  });

  it("2. uploads a real card scan and gets a draft with ranked candidates", async () => {
    const started = performance.now();
    const res = await ash().upload([scan]);
    state.timings = { upload_to_drafts_ms: Math.round(performance.now() - started) };
    console.log(`upload → drafts: ${state.timings.upload_to_drafts_ms} ms`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ batch_id: expect.any(String), status: "completed" });
    expect(res.body.drafts).toHaveLength(1);
    const draft = res.body.drafts[0];
    expect(draft).toMatchObject({
      id: expect.any(String),
      image_id: expect.any(String),
      status: "awaiting_validation",
      image_url: `/imports/images/${draft.image_id}`,
      subject_type: "cards",
      detected_metadata: { probable_name: expect.any(String), raw_text: expect.any(String) },
    });
    expect(draft.candidates.length).toBeGreaterThan(0);
    expect(draft.candidates[0]).toMatchObject({ card_id: expect.any(String), name: expect.any(String), score: expect.any(Number) });
    expect(draft.candidates.map((c: { card_id: string }) => c.card_id)).toContain(label.card_id);
    state.batch = res.body;
    state.draft = draft;
  });

  it("2b. refuses bad uploads with clear 4xx errors", async () => {
    const text = await ash().upload([{ name: "notes.jpg", bytes: Buffer.from("just some text, not an image"), type: "image/jpeg" }]);
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({ status: 415, type: "UNSUPPORTED_MEDIA_TYPE" });
    const big = Buffer.concat([scan.bytes.subarray(0, 4), Buffer.alloc((opts.maxUploadMb + 1) * 1024 * 1024, 7)]);
    const tooLarge = await ash().upload([{ name: "huge.jpg", bytes: big }]);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.type).toBe("PAYLOAD_TOO_LARGE");
    const badSubject = await ash().upload([scan], "binders");
    expect(badSubject.status).toBe(422);
    expect(badSubject.body.error.type).toBe("VALIDATION_FAILED");
  });

  it("2d. reports the files a partly bad batch kept, and survives a cut-off body", async () => {
    const res = await ash().upload([scan, { name: "empty.jpg", bytes: Buffer.alloc(0) }], "sealed", 5);
    expect(res.status).toBe(422);
    expect(res.body.error.message).not.toBe("");
    const { batch_id, accepted, rejected } = res.body.error.details;
    expect(accepted).toEqual([expect.objectContaining({ filename: scan.name })]);
    expect(rejected).toEqual([expect.objectContaining({ filename: "empty.jpg", status: 422 })]);
    const kept = await ash().request("GET", `/imports/batches/${batch_id}`);
    expect(kept.body.images.map((i: { id: string }) => i.id)).toEqual([accepted[0].image_id]);

    const boundary = "----pv-cut-off";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="subject_type"\r\n\r\ncards\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const cut = await ash().request("POST", "/imports/batches?wait=0", { type: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat([Buffer.from(head), scan.bytes.subarray(0, 5000)]) });
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(cut.status).toBeLessThan(500);
    expect((await ash().request("GET", "/health")).status).toBe(200);
  });

  it("2e. a batch that fails midway (a 21st file, an unknown field, a cut body) reports its batch id and the files it kept", async () => {
    const tiny = (i: number) => sharp({ create: { width: 48, height: 32, channels: 3, background: { r: i * 10, g: 90, b: 200 } } }).jpeg().toBuffer();
    const files = await Promise.all(Array.from({ length: 21 }, async (_, i) => ({ name: `box-${i}.jpg`, bytes: await tiny(i) })));
    const tooMany = await ash().upload(files, "sealed", 0);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ type: "VALIDATION_FAILED", details: { batch_id: expect.any(String), rejected: [] } });
    expect(tooMany.body.error.details.accepted).toHaveLength(20);
    const keptMany = await ash().request("GET", `/imports/batches/${tooMany.body.error.details.batch_id}`);
    expect(keptMany.body.images.map((i: { id: string }) => i.id).sort()).toEqual(tooMany.body.error.details.accepted.map((a: { image_id: string }) => a.image_id).sort());

    const form = new FormData();
    form.append("subject_type", "cards");
    // Other bytes than step 2's scan (a tag after its end marker): not answered as a duplicate, analysed anew.
    form.append("files", new Blob([new Uint8Array(Buffer.concat([scan.bytes, Buffer.from("2e")]))], { type: "image/jpeg" }), scan.name);
    form.append("photos", new Blob([new Uint8Array(files[0].bytes)], { type: "image/jpeg" }), "wrong-field.jpg");
    const unknown = await ash().request("POST", "/imports/batches?wait=0", form);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toMatchObject({
      batch_id: expect.any(String),
      accepted: [{ image_id: expect.any(String), filename: scan.name }],
      rejected: [],
      problems: [{ field: "photos", message: expect.any(String) }],
    });
    // The kept file goes on to analysis like any other.
    const analysed = await ash().poll(`/imports/batches/${unknown.body.error.details.batch_id}`, (b) => b.images.every((i: { status: string }) => i.status !== "stored"));
    expect(analysed.images).toEqual([expect.objectContaining({ id: unknown.body.error.details.accepted[0].image_id, status: "analysed" })]);

    const boundary = "----pv-cut-midway";
    const part = (name: string, filename: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subject_type"\r\n\r\nsealed\r\n`),
      Buffer.from(part("files", "whole.jpg")),
      await tiny(24), // bytes not sent before (the 21 above were kept or refused: dedup would answer box-N)
      Buffer.from("\r\n"),
      Buffer.from(part("files", "cut.jpg")),
      files[2].bytes.subarray(0, 200),
    ]);
    const cut = await ash().request("POST", "/imports/batches?wait=0", { type: `multipart/form-data; boundary=${boundary}`, bytes: body });
    expect(cut.status).toBe(422);
    const cutBody = cut.body;
    // Every file is reported, kept or refused, under the batch's id; what is kept is what the batch holds: the file
    // received whole before the cut, in both modes.
    const { batch_id: cutBatch, accepted: cutKept, rejected: cutRefused } = cutBody.error.details;
    expect(cutBatch).toEqual(expect.any(String));
    expect([...cutKept, ...cutRefused].map((f: { filename: string }) => f.filename).sort()).toEqual(["cut.jpg", "whole.jpg"]);
    expect(cutRefused).toContainEqual(expect.objectContaining({ filename: "cut.jpg" }));
    expect(cutKept.map((f: { filename: string }) => f.filename)).toEqual(["whole.jpg"]);
    const keptCut = await ash().request("GET", `/imports/batches/${cutBatch}`);
    expect(keptCut.body.images.map((i: { id: string }) => i.id)).toEqual(cutKept.map((a: { image_id: string }) => a.image_id));
  });

  it("2c. stores and reports a sealed product without analysing it", async () => {
    const res = await ash().upload([scan], "sealed", 5);
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/imports/batches/${res.body.batch_id}`);
    expect(res.body.drafts).toEqual([]);
    expect(res.body.images[0]).toMatchObject({ status: "archived", subject_type: "sealed" });
  });

  it("2f. the same bytes sent again answer the existing image and its drafts, analysed once (dedup)", async () => {
    const again = await ash().upload([scan], "cards", 5);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.batch_id).not.toBe(state.batch.batch_id);
    expect(again.body.images).toEqual([expect.objectContaining({ id: state.draft.image_id, duplicate_of: state.draft.image_id, status: "analysed" })]);
    expect(again.body.drafts.map((d: { id: string }) => d.id)).toEqual([state.draft.id]);
    const first = await ash().request("GET", `/imports/batches/${state.batch.batch_id}`);
    expect(first.body.images).toHaveLength(1);
  });

  it("3. reads the batch, the draft and the image bytes", async () => {
    const batch = await ash().request("GET", `/imports/batches/${state.batch.batch_id}`);
    expect(batch.status).toBe(200);
    expect(batch.body.drafts.map((d: { id: string }) => d.id)).toEqual([state.draft.id]);
    const draft = await ash().request("GET", `/imports/drafts/${state.draft.id}`);
    expect(draft.body).toMatchObject({ id: state.draft.id, status: "awaiting_validation" });
    const image = await ash().request("GET", state.draft.image_url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.compare(image.body, scan.bytes)).toBe(0);
    expect(state.draft.crop_url).toBe(`${state.draft.image_url}/cards/0`);
    const crop = await ash().request("GET", state.draft.crop_url);
    expect(crop.status).toBe(200);
    expect(crop.headers.get("content-type")).toBe("image/jpeg");
    expect(crop.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await ash().request("GET", `${state.draft.image_url}/cards/7`)).status).toBe(404);
  });

  it("3b. serves WebP thumbnails of the image and of its card crop, without metadata, to the owner only", async () => {
    for (const url of [`${state.draft.image_url}/thumbnail`, `${state.draft.crop_url}/thumbnail`]) {
      const thumb = await ash().request("GET", url);
      expect(thumb.status, url).toBe(200);
      expect(thumb.headers.get("content-type")).toBe("image/webp");
      const meta = await sharp(thumb.body).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
      expect(meta.exif).toBeUndefined();
      expect((await state.gary.request("GET", url)).status).toBe(404);
    }
    expect((await ash().request("GET", `${state.draft.image_url}/cards/7/thumbnail`)).status).toBe(404);
  });

  it("4. selects a card for the draft, once", async () => {
    const body = { card_id: label.card_id, quantity: 2, condition: "near_mint", price_paid: 1.5, acquired_at: "2026-11-01", notes: "from a booster" };
    const res = await ash().request("POST", `/imports/drafts/${state.draft.id}/select`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.draft).toMatchObject({ id: state.draft.id, status: "validated" });
    expect(res.body.user_card).toMatchObject({ card_id: label.card_id, quantity: 2, draft_id: state.draft.id });
    expect(res.body.master_set).toMatchObject({ set_id: label.card_id!.split("-")[0], owned_card_count: 1 });
    expect(res.body.master_set.tracked_card_count).toBeGreaterThan(100);
    expect(res.body.master_set.completion_rate).toBeCloseTo(1 / res.body.master_set.tracked_card_count, 3);
    const again = await ash().request("POST", `/imports/drafts/${state.draft.id}/select`, body);
    expect(again.status).toBe(409);
    expect(again.body.error.type).toBe("DRAFT_ALREADY_VALIDATED");
    const bad = await ash().request("POST", `/imports/drafts/${state.draft.id}/select`, { card_id: 42 });
    expect(bad.status).toBe(422);
  });

  it("5. lists the collection and its master sets", async () => {
    const cards = await ash().request("GET", "/collection/cards?page=1&page_size=10");
    expect(cards.status).toBe(200);
    expect(cards.body).toMatchObject({ total: 1, page: 1, page_size: 10 });
    expect(cards.body.items.map((c: { card_id: string }) => c.card_id)).toEqual([label.card_id]);
    const sets = await ash().request("GET", "/collection/master-sets");
    expect(sets.body).toEqual([expect.objectContaining({ set_id: label.card_id!.split("-")[0], owned_card_count: 1 })]);
  });

  it("5b. browses the catalog for the \"more options\" list", async () => {
    const setId = label.card_id!.split("-")[0];
    const search = await ash().request("GET", `/catalog/search?q=${encodeURIComponent(label.name!)}&set=${setId}`);
    expect(search.status).toBe(200);
    expect(search.body.map((c: { id: string }) => c.id)).toContain(label.card_id);
    const french = await ash().request("GET", `/catalog/search?q=${encodeURIComponent(label.name_fr!)}&lang=fr&limit=5`);
    expect(french.body.map((c: { id: string }) => c.id)).toContain(label.card_id);
    const sets = await ash().request("GET", "/catalog/sets");
    expect(sets.body.length).toBeGreaterThan(150);
    const set = await ash().request("GET", `/catalog/sets/${setId}`);
    expect(set.body).toMatchObject({ id: setId, tracked_card_count: set.body.cards.length });
    const card = await ash().request("GET", `/catalog/cards/${label.card_id}`);
    expect(card.body).toMatchObject({ id: label.card_id, set_id: setId, name: label.name });
    expect((await ash().request("GET", "/catalog/cards/nope-0")).status).toBe(404);
  });

  it("6. another collector gets 404 for every one of those ids", async () => {
    const gary = state.gary;
    expect((await gary.request("GET", `/imports/batches/${state.batch.batch_id}`)).status).toBe(404);
    expect((await gary.request("GET", `/imports/drafts/${state.draft.id}`)).status).toBe(404);
    expect((await gary.request("GET", state.draft.image_url)).status).toBe(404);
    expect((await gary.request("GET", state.draft.crop_url)).status).toBe(404);
    expect((await gary.request("POST", `/imports/drafts/${state.draft.id}/select`, { card_id: label.card_id })).status).toBe(404);
    expect((await gary.request("GET", "/collection/cards")).body.total).toBe(0);
  });

  if (opts.imageTtlSeconds) {
    const ttl = opts.imageTtlSeconds;
    it(`3b. after ${ttl} s without reads the image answers 410`, async () => {
      await new Promise((r) => setTimeout(r, (ttl + 3) * 1000));
      const gone = await ash().request("GET", state.draft.image_url);
      expect(gone.status).toBe(410);
      expect(gone.body.error.type).toBe("IMAGE_EXPIRED");
    }, (ttl + 30) * 1000);
  }

  return state;
}
