import { notFound, type DraftView, type MasterSetView, type Page } from "@poke-ventory/contracts";
import type { ListDraftsByStatusParams, ListDraftsParams, OwnedParams, UserParams } from "@poke-ventory/contracts";
import { parsePaging } from "./domain/paging";
import { draftView, masterSetView } from "./domain/views";
import type { CollectionRepository } from "./ports";

/** The read side: a user only ever sees their own drafts, cards and master sets. */
export class CollectionQueries {
  constructor(private readonly repo: CollectionRepository) {}

  async listDrafts(p: ListDraftsParams): Promise<DraftView[]> {
    return (await this.repo.listDrafts(p.userId, p.batchId)).map(draftView);
  }

  async listDraftsByStatus(p: ListDraftsByStatusParams): Promise<Page<DraftView>> {
    const paging = parsePaging(p);
    const { items, total } = await this.repo.listDraftsByStatus(p.userId, p.status, paging.offset, paging.pageSize);
    return { items: items.map(draftView), total, page: paging.page, page_size: paging.pageSize };
  }

  async getDraft(p: OwnedParams): Promise<DraftView> {
    const draft = await this.repo.findDraft(p.userId, p.id);
    if (!draft) throw notFound("Draft");
    return draftView(draft);
  }


  async listMasterSets(p: UserParams): Promise<MasterSetView[]> {
    return (await this.repo.listMasterSets(p.userId)).map(masterSetView);
  }
}
