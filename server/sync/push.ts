/**
 * Sync push (◆ protocol v1): apply a client's mutations in id order inside one transaction —
 * skip what was applied, stop at a gap, answer what can never apply in `rejected` — and reply
 * only once the transaction is durable.
 */
import type { Mutation, PushRequest, PushResponse, RejectedMutation } from '../../shared/sync/protocol';
import { mergeFields } from '../../shared/sync/merge';
import type { Store, Transaction, UserDoc, ClientDoc } from '../store/store';
import { newId } from '../store/new-id';
import { ApiError } from '../http/errors';
import { checkAssigneeItemFields, checkRecordFields, checkRequiredNotCleared, type FieldProblem } from './field-rules';
import type { StampClamp } from './stamp-clamp';
import { ListRuleError, checkProgress } from '../lists/lifecycle';
import type { ItemStatus } from '../../shared/model/list-item';

const RULE_CODES = { 400: 'invalid', 403: 'forbidden', 409: 'conflict' } as const;

interface PushContext {
  tx: Transaction;
  user: UserDoc;
  at: string;
  clamp: StampClamp;
}

/** The client, bound to the first user who used it; anyone else using its id is refused. */
export async function clientForCaller(read: Pick<Transaction, 'get'>, clientId: string, user: UserDoc): Promise<ClientDoc | undefined> {
  const client = await read.get('clients', clientId);
  if (client && client.userId !== user.id) throw new ApiError(403, 'forbidden', '该 clientId 已属于另一位用户', 'clientId');
  return client;
}

export async function push(store: Store, user: UserDoc, req: PushRequest, now: number, clamp: StampClamp): Promise<PushResponse> {
  const at = new Date(now).toISOString();
  const mutations = [...req.mutations].sort((a, b) => a.id - b.id);
  return store.transact(async (tx) => {
    const client = await clientForCaller(tx, req.clientId, user);
    let last = client?.lastMutationID ?? 0;
    const rejected: RejectedMutation[] = [];
    for (const m of mutations) {
      if (m.id <= last) continue;
      if (m.id !== last + 1) break;
      const problem = await applyMutation({ tx, user, at, clamp }, m);
      if (problem) rejected.push({ id: m.id, ...problem });
      last = m.id;
    }
    if (!client || last !== client.lastMutationID) {
      await tx.put('clients', { id: req.clientId, userId: user.id, lastMutationID: last, createdAt: client?.createdAt ?? at, lastSeenAt: at });
    }
    return { lastMutationID: last, rejected };
  });
}

function applyMutation(ctx: PushContext, m: Mutation): Promise<FieldProblem | null> {
  switch (m.entity) {
    case 'record':
      return applyRecord(ctx, m);
    case 'item':
      return applyItem(ctx, m);
    default:
      return Promise.resolve({ code: 'unknown_entity', message: `不支持的实体类型：${m.entity.slice(0, 32)}`, field: 'entity' });
  }
}

async function isMember(tx: Transaction, user: UserDoc, campaignId: string): Promise<boolean> {
  const campaign = await tx.get('campaigns', campaignId);
  return !!campaign && (user.role === 'admin' || campaign.memberIds.includes(user.id));
}

async function applyRecord({ tx, user, at, clamp }: PushContext, m: Mutation): Promise<FieldProblem | null> {
  const problem = checkRecordFields(m.fields);
  if (problem) return problem;
  const existing = await tx.get('records', m.entityId);
  if (existing && existing.ownerId !== user.id) return { code: 'forbidden', message: '不能修改他人的记录', field: 'entityId' };
  if (!existing && (m.fields.campaignId === undefined || m.fields.kind === undefined)) {
    return { code: 'invalid', message: '新记录须包含 campaignId 和 kind', field: m.fields.campaignId === undefined ? 'fields.campaignId' : 'fields.kind' };
  }
  const cleared = checkRequiredNotCleared(m.fields.kind ?? existing?.fields.kind, m.fields);
  if (cleared) return cleared;
  const campaignId = m.fields.campaignId as string | undefined;
  if (campaignId !== undefined && campaignId !== existing?.fields.campaignId && !(await isMember(tx, user, campaignId))) {
    return { code: 'forbidden', message: '你不是该活动的成员', field: 'fields.campaignId' };
  }
  const merged = mergeFields(existing ?? { fields: {}, stamps: {} }, m.fields, clamp.apply(m.hlc));
  if (existing && merged.changed.length === 0) return null;
  await tx.put('records', {
    id: m.entityId,
    ownerId: user.id,
    campaignId: merged.fields.campaignId as string,
    fields: merged.fields,
    stamps: merged.stamps,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  });
  return null;
}

async function applyItem({ tx, user, at, clamp }: PushContext, m: Mutation): Promise<FieldProblem | null> {
  const item = await tx.get('items', m.entityId);
  if (!item) return { code: 'not_found', message: '事项不存在', field: 'entityId' };
  if (item.assigneeId !== user.id) return { code: 'forbidden', message: '只能更新分配给你的事项', field: 'entityId' };
  if (item.status === 'closed') return { code: 'forbidden', message: '事项已销号，不能再修改', field: 'entityId' };
  const problem = checkAssigneeItemFields(m.fields);
  if (problem) return problem;
  const { seq: _seq, stamps = {}, ...current } = item;
  const merged = mergeFields({ fields: current as Record<string, unknown>, stamps }, m.fields, clamp.apply(m.hlc));
  if (merged.changed.length === 0) return null;
  // The same lifecycle as the REST route, judged on what the merge would leave: done goes back to
  // in_progress only by the office, and a done item keeps its evidence.
  try {
    checkProgress(item, { status: merged.fields.status as ItemStatus, evidence: merged.fields.evidence as string }, { id: user.id, role: user.role });
  } catch (e) {
    if (e instanceof ListRuleError) return { code: RULE_CODES[e.status], message: e.message, field: e.field ? `fields.${e.field}` : 'fields' };
    throw e;
  }
  const after = { ...(merged.fields as typeof current), stamps: merged.stamps, updatedAt: at };
  await tx.put('items', after);
  const changed = Object.fromEntries(merged.changed.map((f) => [f, merged.fields[f]]));
  const before = Object.fromEntries(merged.changed.map((f) => [f, (current as Record<string, unknown>)[f]]));
  await tx.put('audit', { id: newId('a'), at, actorId: user.id, campaignId: item.campaignId, action: 'item.assignee_update', entity: 'item', entityId: item.id, before, after: changed });
  return null;
}
