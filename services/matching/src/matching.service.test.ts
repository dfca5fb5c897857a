import type { Context, ServiceBroker, ServiceSchema } from "moleculer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Actions, Channels, Events, Groups, type CardFeatures, type CardsMatched, type ImageAnalyzed } from "@poke-ventory/contracts";
import { createBroker } from "@poke-ventory/runtime";
import type { CatalogCard, CatalogSet } from "./domain/catalog";
import { MemoryCatalogStore } from "./adapters/memory-catalog-store";
import { LiveCatalog } from "./live-catalog";
import { createMatchingService } from "./matching.service";

const set = (id: string, printedTotal: number, nameEn: string, nameFr: string | null): CatalogSet => ({
  id, nameEn, nameFr, series: "Scarlet & Violet", printedTotal, total: printedTotal + 20, releaseDate: "2024-11-08",
  ptcgoCode: null, abbreviationFr: null, tcgdexId: null,
});
const card = (setId: string, number: string, nameEn: string, nameFr: string | null, hp: number | null = null): CatalogCard => ({
  id: `${setId}-${number}`, setId, number, nameEn, nameFr, supertype: "Pokémon", subtypes: [], hp, types: [], artist: null,
  rarity: null, regulationMark: null, nationalPokedexNumbers: [], imageSmall: `https://images.example/${setId}/${number}.png`, imageLarge: null,
  tcgdexId: null,
});
const features = (f: Partial<CardFeatures>): CardFeatures => ({
  name: null, hp: null, number: null, printedTotal: null, setCode: null, regulationMark: null, illustrator: null, year: null,
  rawText: "", confidence: 0.9, ...f,
});

describe("matching service", () => {
  let broker: ServiceBroker;
  let store: MemoryCatalogStore;
  let matched: CardsMatched[];

  beforeEach(async () => {
    store = new MemoryCatalogStore({
      sets: [set("sv8", 191, "Surging Sparks", "Étincelles Déferlantes"), set("sv3pt5", 165, "151", "151")],
      cards: [
        card("sv8", "248", "Alolan Exeggutor ex", "Noadkoko d'Alola-ex", 230),
        card("sv8", "133", "Alolan Exeggutor ex", "Noadkoko d'Alola-ex", 230),
        card("sv3pt5", "6", "Charizard ex", "Dracaufeu-ex", 330),
        card("sv3pt5", "199", "Charizard ex", "Dracaufeu-ex", 330),
      ],
    });
    const catalog = new LiveCatalog(store);
    await catalog.reload();
    matched = [];
    broker = createBroker({ logger: false });
    broker.createService(createMatchingService({ catalog, store, clock: { now: () => new Date("2025-01-01T00:00:00Z") }, maxCandidates: 5, assetBaseUrl: "https://cdn.example/cards" }));
    broker.createService({
      name: "probe",
      channels: { [Channels.cardsMatched]: { group: Groups.collection, handler: (ctx: Context<CardsMatched>) => void matched.push(ctx.params) } },
    } as ServiceSchema);
    await broker.start();
  });
  afterEach(() => broker.stop());

  it("answers image.analyzed with cards.matched, keeping each card's detected fields", async () => {
    const event: ImageAnalyzed = {
      imageId: "img-1", batchId: "b-1", userId: "u-1", subjectType: "cards", analyzedAt: "2025-01-01T00:00:00Z", timingsMs: {},
      cards: [
        { index: 0, quad: [[0, 0], [1, 0], [1, 1], [0, 1]], rotation: 0, position: { row: 0, col: 0 }, cropKey: "crops/1", features: features({ name: "Alolan Exeggutor ex", number: "248", printedTotal: "191" }) },
        { index: 1, quad: [[0, 0], [1, 0], [1, 1], [0, 1]], rotation: 90, position: null, cropKey: null, features: features({ name: "Dracaufeu-ex", number: "006/165" }) },
      ],
    };
    await (broker as unknown as { sendToChannel(c: string, p: unknown): Promise<void> }).sendToChannel(Channels.imageAnalyzed, event);
    await expect.poll(() => matched.length).toBe(1);
    const [out] = matched;
    expect(out).toMatchObject({ imageId: "img-1", batchId: "b-1", userId: "u-1", subjectType: "cards", matchedAt: "2025-01-01T00:00:00.000Z" });
    expect(out.cards.map((c) => [c.index, c.rotation, c.cropKey, c.candidates[0].cardId])).toEqual([
      [0, 0, "crops/1", "sv8-248"],
      [1, 90, null, "sv3pt5-6"],
    ]);
    expect(out.cards[0].candidates[0]).toMatchObject({ setName: "Surging Sparks", number: "248", reasons: ["number", "printed_total", "name"], imageUrl: "https://cdn.example/cards/sv8/248.png" });
  });

  it("ranks features through the action", async () => {
    const candidates = await broker.call(Actions.matching.rankCandidates, { features: features({ name: "Charizard ex", number: "199/165", hp: 330 }) });
    expect((candidates as Array<{ cardId: string }>).map((c) => c.cardId)).toEqual(["sv3pt5-199", "sv3pt5-6"]);
  });

  it("reads the catalog: cards, sets, tracked count, search", async () => {
    await expect(broker.call(Actions.matching.getCard, { id: "sv8-248" })).resolves.toMatchObject({ id: "sv8-248", name_fr: "Noadkoko d'Alola-ex", image_small: "https://cdn.example/cards/sv8/248.png" });
    await expect(broker.call(Actions.matching.getCard, { id: "nope-1" })).rejects.toMatchObject({ type: "NOT_FOUND", code: 404 });
    await expect(broker.call(Actions.matching.trackedCardCount, { setId: "sv8" })).resolves.toBe(2);
    const sv8 = (await broker.call(Actions.matching.getSet, { id: "sv8" })) as { cards: Array<{ id: string }>; tracked_card_count: number };
    expect(sv8.cards.map((c) => c.id)).toEqual(["sv8-133", "sv8-248"]);
    expect(((await broker.call(Actions.matching.listSets)) as unknown[]).length).toBe(2);
    const found = (await broker.call(Actions.matching.searchCards, { q: "dracaufeu", lang: "fr", number: "6" })) as Array<{ id: string }>;
    expect(found.map((c) => c.id)).toEqual(["sv3pt5-6"]);
    await expect(broker.call(Actions.matching.ready)).resolves.toMatchObject({ status: "ok", checks: { catalog: { cards: 4 } } });
  });

  it("reloads its index on catalog.updated", async () => {
    await store.upsert({ sets: [], cards: [card("sv8", "1", "Exeggcute", "Noeunoeuf")] });
    await expect(broker.call(Actions.matching.getCard, { id: "sv8-1" })).rejects.toMatchObject({ type: "NOT_FOUND" });
    await broker.broadcast(Events.catalogUpdated, { source: "test", sets: 2, cards: 5 });
    await expect.poll(() => broker.call(Actions.matching.trackedCardCount, { setId: "sv8" })).toBe(3);
  });
});
