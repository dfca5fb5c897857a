import type { Context, ServiceSchema } from "moleculer";
import { Actions, AppError, Channels, Events, Groups, actionKey, type CardFeatures, type ImageAnalyzed, type SearchCardsParams } from "@poke-ventory/contracts";
import { publish, type Clock } from "@poke-ventory/runtime";
import type { LiveCatalog } from "./live-catalog";
import type { CatalogStore, CatalogUpdated } from "./ports";
import { rankCandidates } from "./rank-candidates";
import { matchImage } from "./match-image";
import { searchCards } from "./search-cards";
import { getCard, getSet, listSets, trackedCardCount } from "./read-catalog";

export interface MatchingServiceDeps {
  catalog: LiveCatalog;
  store: CatalogStore;
  clock: Clock;
  maxCandidates: number;
  assetBaseUrl?: string;
  /** Set when compose imported the catalog: broadcast once started so other instances reload. */
  imported?: CatalogUpdated | null;
}

const A = Actions.matching;

/** Matching: ranks candidates for `image.analyzed`, answers catalog reads, reloads on `catalog.updated`. */
export function createMatchingService(deps: MatchingServiceDeps): ServiceSchema {
  const rank = (features: CardFeatures) =>
    rankCandidates(deps.catalog.index, features, { maxCandidates: deps.maxCandidates, assetBaseUrl: deps.assetBaseUrl });
  const base = deps.assetBaseUrl;
  return {
    name: "matching",
    actions: {
      [actionKey(A.rankCandidates)]: { params: { features: "object" }, handler: (ctx: Context<{ features: CardFeatures }>) => rank(ctx.params.features) },
      [actionKey(A.searchCards)]: {
        params: {
          q: "string|optional",
          set: "string|optional",
          number: "string|optional",
          lang: { type: "enum", values: ["en", "fr"], optional: true },
          limit: { type: "number", integer: true, positive: true, convert: true, optional: true },
        },
        handler: (ctx: Context<SearchCardsParams>) => searchCards(deps.catalog.index, ctx.params, base),
      },
      [actionKey(A.listSets)]: { handler: () => listSets(deps.catalog.index) },
      [actionKey(A.getSet)]: { params: { id: "string|min:1" }, handler: (ctx: Context<{ id: string }>) => getSet(deps.catalog.index, ctx.params.id, base) },
      [actionKey(A.getCard)]: { params: { id: "string|min:1" }, handler: (ctx: Context<{ id: string }>) => getCard(deps.catalog.index, ctx.params.id, base) },
      [actionKey(A.trackedCardCount)]: {
        params: { setId: "string|min:1" },
        handler: (ctx: Context<{ setId: string }>) => trackedCardCount(deps.catalog.index, ctx.params.setId),
      },
      [actionKey(A.ready)]: { handler: () => ready(deps) },
    },
    channels: {
      [Channels.imageAnalyzed]: {
        group: Groups.matching,
        handler: (ctx: Context<ImageAnalyzed>) => publish(ctx, Channels.cardsMatched, matchImage(ctx.params, rank, deps.clock.now())),
      },
    },
    events: {
      [Events.catalogUpdated]: { handler: () => deps.catalog.reload().then(() => undefined) },
    },
    async started() {
      if (deps.imported) await this.broker.broadcast(Events.catalogUpdated, deps.imported);
    },
  } as ServiceSchema;
}

async function ready(deps: MatchingServiceDeps) {
  try {
    await deps.store.ping();
  } catch (err) {
    throw new AppError("SERVICE_UNAVAILABLE", "The catalog database is not reachable", { database: "down" }, { cause: err });
  }
  return { status: "ok", checks: { database: "ok", catalog: { sets: deps.catalog.index.sets.length, cards: deps.catalog.index.cardCount } } };
}
