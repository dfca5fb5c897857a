import type { Context } from "moleculer";
import {
  Actions,
  actionKey,
  serviceOf,
  AppError,
  Channels,
  Groups,
  type CardsMatched,
  type ListCardsParams,
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

export interface CollectionServiceDeps {
  repo: CollectionRepository;
  queries: CollectionQueries;
  clock: Clock;
}

const A = Actions.collection;

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
      [actionKey(A.getDraft)]: (ctx: Context<OwnedParams>) => deps.queries.getDraft(ctx.params),
      [actionKey(A.listCards)]: (ctx: Context<ListCardsParams>) => deps.queries.listCards(ctx.params),
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
