/**
 * Sync pull (◆ protocol v1): what changed since the caller's cursor among the entities they may
 * see — their own records, their campaigns, items assigned to them — paged by the store's seq.
 *
 * A campaign the caller was taken off, or an item reassigned away from them, comes as deleted with
 * only its id and campaignId: the client drops its copy, and learns nothing it may no longer see.
 */
import type { PullRequest, PullResponse, PulledEntity } from '../../shared/sync/protocol';
import type { CampaignDoc, ChangedDoc, ItemDoc, RecordDoc, Store, UserDoc } from '../store/store';
import { clientForCaller } from './push';

type Pulled = 'records' | 'campaigns' | 'items';
const PULLED: readonly Pulled[] = ['records', 'campaigns', 'items'];

type Access = 'full' | 'lost' | 'none';

/** What the caller may see of a changed document: all of it, only that they lost it, or nothing. */
function accessTo(user: UserDoc, { collection, doc }: ChangedDoc<Pulled>): Access {
  switch (collection) {
    case 'records':
      return (doc as RecordDoc).ownerId === user.id ? 'full' : 'none';
    case 'campaigns': {
      const campaign = doc as CampaignDoc;
      if (user.role === 'admin' || campaign.memberIds.includes(user.id)) return 'full';
      return campaign.formerMemberIds?.includes(user.id) ? 'lost' : 'none';
    }
    case 'items': {
      const item = doc as ItemDoc;
      if (item.assigneeId === user.id) return 'full';
      return item.formerAssigneeIds?.includes(user.id) ? 'lost' : 'none';
    }
  }
}

function toEntity(change: ChangedDoc<Pulled>, access: Access): PulledEntity {
  const { collection, doc } = change;
  const entity = collection === 'records' ? 'record' : collection === 'campaigns' ? 'campaign' : 'item';
  if (access === 'lost') {
    const campaignId = collection === 'campaigns' ? doc.id : (doc as ItemDoc).campaignId;
    return { entity, id: doc.id, seq: doc.seq, data: { id: doc.id, campaignId }, deleted: true };
  }
  if (collection === 'records') {
    const r = doc as RecordDoc;
    const data = { ...r.fields, updatedAt: r.updatedAt };
    return { entity, id: r.id, seq: r.seq, data, deleted: r.fields.deleted === true };
  }
  // Who lost access is the server's bookkeeping, not part of the entity a client keeps; proposed
  // site rules wait for the office and reach no extension (the shared `siteRules` do).
  const {
    seq,
    stamps: _stamps,
    formerMemberIds: _fm,
    formerAssigneeIds: _fa,
    siteRuleProposals: _proposals,
    ...data
  } = doc as unknown as Record<string, unknown> & {
    seq: number;
    id: string;
    stamps?: unknown;
    formerMemberIds?: unknown;
    formerAssigneeIds?: unknown;
    siteRuleProposals?: unknown;
  };
  return { entity, id: data.id, seq, data, deleted: false };
}

export async function pull(store: Store, user: UserDoc, req: PullRequest): Promise<PullResponse> {
  // Read inside a transaction so the lastMutationID we report is durable (a push may be mid-fsync).
  const client = await store.transact((tx) => clientForCaller(tx, req.clientId, user));
  // Read the durable seq before scanning: anything durable later than this is either in the page or past the cursor.
  const meta = await store.meta();
  const reset = req.cursor !== null && (req.cursor.epoch !== meta.epoch || req.cursor.seq > meta.seq);
  const after = req.cursor && !reset ? req.cursor.seq : 0;
  const changes = await store.changedSince(PULLED, after, req.limit, (change) => accessTo(user, change) !== 'none');
  const hasMore = changes.length === req.limit;
  const lastSeq = changes[changes.length - 1]?.doc.seq ?? after;
  return {
    cursor: { epoch: meta.epoch, seq: hasMore ? changes[changes.length - 1]!.doc.seq : Math.max(meta.seq, lastSeq) },
    hasMore,
    reset,
    lastMutationID: client?.lastMutationID ?? 0,
    entities: changes.map((change) => toEntity(change, accessTo(user, change))),
  };
}
