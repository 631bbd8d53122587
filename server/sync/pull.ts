/**
 * Sync pull (◆ protocol v1): what changed since the caller's cursor among the entities they may
 * see — their own records, their campaigns, items assigned to them — paged by the store's seq.
 */
import type { PullRequest, PullResponse, PulledEntity } from '../../shared/sync/protocol';
import type { ChangedDoc, Store, UserDoc } from '../store/store';
import { clientForCaller } from './push';

type Pulled = 'records' | 'campaigns' | 'items';
const PULLED: readonly Pulled[] = ['records', 'campaigns', 'items'];

function visibleTo(user: UserDoc) {
  return ({ collection, doc }: ChangedDoc<Pulled>): boolean => {
    switch (collection) {
      case 'records':
        return (doc as { ownerId: string }).ownerId === user.id;
      case 'campaigns':
        return user.role === 'admin' || (doc as { memberIds: string[] }).memberIds.includes(user.id);
      case 'items':
        return (doc as { assigneeId: string | null }).assigneeId === user.id;
    }
  };
}

function toEntity({ collection, doc }: ChangedDoc<Pulled>): PulledEntity {
  if (collection === 'records') {
    const r = doc as ChangedDoc<'records'>['doc'];
    const data = { ...r.fields, updatedAt: r.updatedAt };
    return { entity: 'record', id: r.id, seq: r.seq, data, deleted: r.fields.deleted === true };
  }
  const { seq, stamps: _stamps, ...data } = doc as unknown as Record<string, unknown> & { seq: number; id: string; stamps?: unknown };
  return { entity: collection === 'campaigns' ? 'campaign' : 'item', id: data.id as string, seq, data, deleted: false };
}

export async function pull(store: Store, user: UserDoc, req: PullRequest): Promise<PullResponse> {
  // Read inside a transaction so the lastMutationID we report is durable (a push may be mid-fsync).
  const client = await store.transact((tx) => clientForCaller(tx, req.clientId, user));
  // Read the durable seq before scanning: anything durable later than this is either in the page or past the cursor.
  const meta = await store.meta();
  const reset = req.cursor !== null && (req.cursor.epoch !== meta.epoch || req.cursor.seq > meta.seq);
  const after = req.cursor && !reset ? req.cursor.seq : 0;
  const changes = await store.changedSince(PULLED, after, req.limit, visibleTo(user));
  const hasMore = changes.length === req.limit;
  const lastSeq = changes[changes.length - 1]?.doc.seq ?? after;
  return {
    cursor: { epoch: meta.epoch, seq: hasMore ? changes[changes.length - 1]!.doc.seq : Math.max(meta.seq, lastSeq) },
    hasMore,
    reset,
    lastMutationID: client?.lastMutationID ?? 0,
    entities: changes.map(toEntity),
  };
}
