import type { Context } from "moleculer";
import {
  Actions,
  actionKey,
  serviceOf,
  AppError,
  Channels,
  Groups,
  type CardsMatched,
  type ImportCsvParams,
  type ListCardsParams,
  type MissingCardsParams,
  type UpdateCardParams,
  type ListDraftsByStatusParams,
  type ListDraftsParams,
  type OwnedParams,
  type SelectDraftParams,
  type UserParams,
} from "@poke-ventory/contracts";
import { publish, type Clock } from "@poke-ventory/runtime";
import { MoleculerCatalog } from "./adapters/moleculer-catalog";
import type { ChannelServiceSchema } from "./channel-schema";
import type { CollectionQueries } from "./collection-queries";
import { createDrafts } from "./create-drafts";
import type { CollectionRepository } from "./ports";
import { selectDraft } from "./select-draft";
import { listCards } from "./list-cards";
import { removeCard, updateCard } from "./update-card";
import { listMissingCards } from "./list-missing-cards";
import { exportCollection } from "./export-collection";
import { importCollection } from "./import-collection";
import { CARD_SORTS } from "./domain/card-listing";

export interface CollectionServiceDeps {
  repo: CollectionRepository;
  queries: CollectionQueries;
  clock: Clock;
}

const A = Actions.collection;
const owned = { userId: "string", id: "string" } as const;
const optionalText = (max: number) => ({ type: "string", optional: true, max }) as const;
const listCardsParams = {
  userId: "string",
  set: optionalText(100),
  name: optionalText(200),
  condition: optionalText(40),
  sort: { type: "enum", values: [...CARD_SORTS], optional: true },
  order: { type: "enum", values: ["asc", "desc"], optional: true },
} as const;

/** Drafts from matched cards (channel), draft selection and the collection reads (actions). */
export function createCollectionService(deps: CollectionServiceDeps): ChannelServiceSchema {
  return {
    name: serviceOf(A.ready),
    channels: {
      [Channels.cardsMatched]: {
        group: Groups.collection,
        async handler(ctx: Context<CardsMatched>) {
          await publish(ctx, Channels.draftsCreated, await createDrafts(deps.repo, deps.clock, ctx.params));
        },
      },
    },
    actions: {
      [actionKey(A.listDrafts)]: (ctx: Context<ListDraftsParams>) => deps.queries.listDrafts(ctx.params),
      [actionKey(A.listDraftsByStatus)]: (ctx: Context<ListDraftsByStatusParams>) => deps.queries.listDraftsByStatus(ctx.params),
      [actionKey(A.getDraft)]: (ctx: Context<OwnedParams>) => deps.queries.getDraft(ctx.params),
      [actionKey(A.listCards)]: {
        params: { ...listCardsParams, page: "any", pageSize: "any" },
        handler: (ctx: Context<ListCardsParams>) => listCards(deps.repo, new MoleculerCatalog(ctx), ctx.params),
      },
      [actionKey(A.updateCard)]: {
        params: { ...owned, changes: "object" },
        handler: (ctx: Context<UpdateCardParams>) => updateCard(deps, new MoleculerCatalog(ctx), ctx.params),
      },
      [actionKey(A.removeCard)]: { params: owned, handler: (ctx: Context<OwnedParams>) => removeCard(deps, new MoleculerCatalog(ctx), ctx.params) },
      [actionKey(A.missingCards)]: {
        params: { userId: "string", setId: "string|min:1|max:100" },
        handler: (ctx: Context<MissingCardsParams>) => listMissingCards(deps.repo, new MoleculerCatalog(ctx), ctx.params),
      },
      [actionKey(A.exportCsv)]: { params: { userId: "string" }, handler: (ctx: Context<UserParams>) => exportCollection(deps.repo, new MoleculerCatalog(ctx), ctx.params) },
      [actionKey(A.importCsv)]: {
        params: { userId: "string", csv: "string" },
        handler: (ctx: Context<ImportCsvParams>) => importCollection(deps, new MoleculerCatalog(ctx), ctx.params),
      },
      [actionKey(A.listMasterSets)]: (ctx: Context<UserParams>) => deps.queries.listMasterSets(ctx.params),
      [actionKey(A.selectDraft)]: async (ctx: Context<SelectDraftParams>) => {
        const { result, event } = await selectDraft(deps, new MoleculerCatalog(ctx), ctx.params);
        await publish(ctx, Channels.draftValidated, event);
        return result;
      },
      [actionKey(A.ready)]: async () => {
        await deps.repo.ping().catch((err: unknown) => {
          throw new AppError("SERVICE_UNAVAILABLE", "collection: database unreachable", { checks: { database: "down" } }, { cause: err });
        });
        return { status: "ok", checks: { database: "ok" } };
      },
    },
  };
}
