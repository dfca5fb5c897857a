import { randomUUID } from "node:crypto";
import { expect, vi } from "vitest";
import type { Context, Middleware, ServiceBroker, ServiceSchema } from "moleculer";
import type { DataSource } from "typeorm";
import {
  AppError,
  Channels,
  type CardsMatched,
  type CatalogCardView,
  type DraftsCreated,
  type DraftValidated,
  type MatchedCard,
} from "@poke-ventory/contracts";
import { openDatabase } from "@poke-ventory/db";
import { createBroker } from "@poke-ventory/runtime";
import { createTestDatabase, tempDir, uniqueName } from "@poke-ventory/testing";
import { collectionEntities, collectionMigrations, composeCollection } from "../src/index";

/** A small catalog: set sv3 tracks 3 cards, base1 tracks 102. */
const CATALOG: Record<string, { set: string; name: string }> = {
  "sv3-1": { set: "sv3", name: "Oddish" },
  "sv3-2": { set: "sv3", name: "Gloom" },
  "sv3-3": { set: "sv3", name: "Vileplume" },
  "base1-4": { set: "base1", name: "Charizard" },
};
const TRACKED: Record<string, number> = { sv3: 3, base1: 102 };

/** Stand-in for matching's catalog actions. */
export const fakeMatching: ServiceSchema = {
  name: "matching",
  actions: {
    getCard: (ctx: Context<{ id: string }>): CatalogCardView => {
      const card = CATALOG[ctx.params.id];
      if (!card) throw new AppError("NOT_FOUND", "Card not found");
      return {
        id: ctx.params.id,
        set_id: card.set,
        number: ctx.params.id.split("-")[1],
        name: card.name,
        name_fr: null,
        supertype: "Pokémon",
        subtypes: [],
        hp: null,
        types: [],
        artist: null,
        rarity: null,
        regulation_mark: null,
        image_small: null,
        image_large: null,
      };
    },
    trackedCardCount: (ctx: Context<{ setId: string }>) => TRACKED[ctx.params.setId] ?? 0,
    getSet: (ctx: Context<{ id: string }>) => {
      const cards = Object.entries(CATALOG).filter(([, c]) => c.set === ctx.params.id);
      if (cards.length === 0) throw new AppError("NOT_FOUND", "Set not found");
      const view = (cardId: string, name: string) => ({ id: cardId, set_id: ctx.params.id, number: cardId.split("-")[1], name, name_fr: null, rarity: null });
      return { id: ctx.params.id, name: ctx.params.id.toUpperCase(), cards: cards.map(([cardId, c]) => view(cardId, c.name)) };
    },
  },
};

/** A matched card whose candidates are the given catalog ids, best first. */
export function matchedCard(index: number, candidateIds: string[] = ["sv3-1", "sv3-2"]): MatchedCard {
  return {
    index,
    quad: [[0, 0], [100, 0], [100, 140], [0, 140]],
    rotation: 0,
    position: null,
    cropKey: `crops/${index}.jpg`,
    features: {
      name: "Oddish",
      hp: 60,
      number: "001",
      printedTotal: "197",
      setCode: null,
      regulationMark: "G",
      illustrator: null,
      year: 2023,
      rawText: `Oddish 60 HP card ${index}`,
      confidence: 0.8,
    },
    candidates: candidateIds.map((id, i) => ({
      cardId: id,
      name: CATALOG[id]?.name ?? id,
      names: { en: CATALOG[id]?.name ?? id, fr: null },
      setId: CATALOG[id]?.set ?? "x",
      setName: "Set",
      number: id.split("-")[1] ?? "0",
      score: 0.9 - i * 0.1,
      reasons: ["name"],
      imageUrl: null,
    })),
  };
}

export function matchedMessage(over: Partial<CardsMatched> & { cardCount?: number } = {}): CardsMatched {
  const { cardCount = 2, ...rest } = over;
  return {
    imageId: randomUUID(),
    batchId: randomUUID(),
    userId: `user-${randomUUID()}`,
    subjectType: "cards",
    cards: Array.from({ length: cardCount }, (_, i) => matchedCard(i)),
    matchedAt: "2025-03-04T05:06:07.089Z",
    ...rest,
  };
}

/** Counts finished channel deliveries per consumer group (a publish does not wait for its handlers). */
function countDeliveries(counts: Record<string, number>): Middleware {
  return {
    name: "CountDeliveries",
    localChannel(next: (ctx: unknown, raw: unknown) => Promise<unknown>, chan: { group: string }) {
      return async (ctx: unknown, raw: unknown) => {
        try {
          return await next(ctx, raw);
        } finally {
          counts[chan.group] = (counts[chan.group] ?? 0) + 1;
        }
      };
    },
  } as unknown as Middleware;
}

export interface Harness {
  broker: ServiceBroker;
  dataSource: DataSource;
  outDir: string;
  /** The object store's folder (crops, `exports/`). */
  objectsDir: string;
  deliveries: Record<string, number>;
  draftsCreated: DraftsCreated[];
  draftValidated: DraftValidated[];
  publish(msg: CardsMatched): Promise<void>;
  /** Publishes an image with `count` cards for `userId` and returns its draft ids once they exist. */
  draftsFor(userId: string, count: number): Promise<string[]>;
  call<T>(action: string, params: object): Promise<T>;
  stop(): Promise<void>;
}

/**
 * collection + audit on a fresh PostgreSQL database (or embedded PGlite in memory), an in-process broker and a
 * stand-in matching.
 */
export async function startHarness(opts: { database?: "postgres" | "pglite" } = {}): Promise<Harness> {
  const db = opts.database === "pglite" ? { url: "pglite:memory", drop: async () => undefined } : await createTestDatabase("pv_collection");
  const dataSource = await openDatabase({
    url: db.url,
    entities: collectionEntities,
    migrations: collectionMigrations,
    migrationsTableName: "migrations_collection",
  });
  const out = tempDir("pv-audit-");
  const objects = tempDir("pv-collection-objects-");
  const deliveries: Record<string, number> = {};
  const draftsCreated: DraftsCreated[] = [];
  const draftValidated: DraftValidated[] = [];
  const broker = createBroker({ logger: false, namespace: uniqueName("collection"), extraMiddlewares: [countDeliveries(deliveries)] });
  let tick = 0;
  const clock = { now: () => new Date(Date.UTC(2025, 0, 1) + tick++ * 1000) };
  const { schemas, close } = await composeCollection({ ANALYSIS_OUTPUT_DIR: out.dir, OBJECT_STORE_DIR: objects.dir }, { dataSource, clock });
  schemas.forEach((schema) => broker.createService(schema));
  broker.createService(fakeMatching);
  broker.createService({
    name: "recorder",
    channels: {
      [Channels.draftsCreated]: { group: "recorder", handler: (ctx: Context<DraftsCreated>) => void draftsCreated.push(ctx.params) },
      [Channels.draftValidated]: { group: "recorder", handler: (ctx: Context<DraftValidated>) => void draftValidated.push(ctx.params) },
    },
  } as ServiceSchema);
  await broker.start();
  const channelBroker = broker as ServiceBroker & { sendToChannel(name: string, payload: unknown): Promise<void> };
  const publish = (msg: CardsMatched) => channelBroker.sendToChannel(Channels.cardsMatched, msg);
  return {
    broker,
    dataSource,
    outDir: out.dir,
    objectsDir: objects.dir,
    deliveries,
    draftsCreated,
    draftValidated,
    publish,
    async draftsFor(userId, count) {
      const msg = matchedMessage({ userId, cardCount: count });
      await publish(msg);
      await vi.waitFor(() => expect(draftsCreated.find((e) => e.imageId === msg.imageId)).toBeDefined());
      return draftsCreated.find((e) => e.imageId === msg.imageId)!.draftIds;
    },
    call: <T>(action: string, params: object) => broker.call(action, params) as Promise<T>,
    stop: async () => {
      await broker.stop();
      await close();
      await dataSource.destroy();
      await db.drop();
      out.remove();
      objects.remove();
    },
  };
}

