/**
 * Sync push (◆ protocol v1): apply a client's mutations in id order inside one transaction —
 * skip what was applied, stop at a gap, answer what can never apply in `rejected` — and reply
 * only once the transaction is durable.
 */
import type { Mutation, PushRequest, PushResponse, RejectedMutation } from '../../shared/sync/protocol';
import { mergeFields } from '../../shared/sync/merge';
import type { Store, Transaction, UserDoc, ClientDoc } from '../store/store';
import { ApiError } from '../http/errors';
import { checkAssigneeItemFields, checkRecordFields, checkRequiredNotCleared, checkWholeRecord, type FieldProblem } from './field-rules';
import type { StampClamp } from './stamp-clamp';
import { followTasks } from '../lists/problem-status';
import { ListRuleError, checkItemAccess, checkItemUpdate } from '../lists/lifecycle';
import type { ItemStatus } from '../../shared/model/list-item';
import { clientQuotaProblem, memberBudgetProblem, recordQuotaProblem, storedBytes, type Quotas } from '../quotas/quotas';
import { auditDoc } from '../audit/audit-log';

const RULE_CODES = { 400: 'invalid', 403: 'forbidden', 409: 'conflict' } as const;

interface PushContext {
  tx: Transaction;
  user: UserDoc;
  at: string;
  clamp: StampClamp;
  quotas: Quotas;
}

/** The client, bound to the first user who used it; anyone else using its id is refused. */
export async function clientForCaller(read: Pick<Transaction, 'get'>, clientId: string, user: UserDoc): Promise<ClientDoc | undefined> {
  const client = await read.get('clients', clientId);
  if (client && client.userId !== user.id) throw new ApiError(403, 'forbidden', '该 clientId 已属于另一位用户', 'clientId');
  return client;
}

export async function push(store: Store, user: UserDoc, req: PushRequest, now: number, clamp: StampClamp, quotas: Quotas): Promise<PushResponse> {
  const at = new Date(now).toISOString();
  const mutations = [...req.mutations].sort((a, b) => a.id - b.id);
  return store.transact(async (tx) => {
    const client = await clientForCaller(tx, req.clientId, user);
    if (!client) {
      const tooMany = await clientQuotaProblem(tx, quotas, user);
      if (tooMany) throw new ApiError(429, tooMany.code, tooMany.message, 'clientId');
    }
    let last = client?.lastMutationID ?? 0;
    const rejected: RejectedMutation[] = [];
    for (const m of mutations) {
      if (m.id <= last) continue;
      if (m.id !== last + 1) break;
      const problem = await applyMutation({ tx, user, at, clamp, quotas }, m);
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

/**
 * A write to one of the caller's records. Checked field by field (each known field's schema,
 * bounds on unknown ones), then for the campaigns involved (the caller must belong to the one the
 * record is in and the one it moves to, on every write: someone taken off a campaign can no longer
 * change what they wrote there), then as a whole record after the merge, then against the quotas.
 */
async function applyRecord({ tx, user, at, clamp, quotas }: PushContext, m: Mutation): Promise<FieldProblem | null> {
  const problem = checkRecordFields(m.fields);
  if (problem) return problem;
  const existing = await tx.get('records', m.entityId);
  if (existing && existing.ownerId !== user.id) return { code: 'forbidden', message: '不能修改他人的记录', field: 'entityId' };
  if (!existing && (m.fields.campaignId === undefined || m.fields.kind === undefined)) {
    return { code: 'invalid', message: '新记录须包含 campaignId 和 kind', field: m.fields.campaignId === undefined ? 'fields.campaignId' : 'fields.kind' };
  }
  const cleared = checkRequiredNotCleared(m.fields.kind ?? existing?.fields.kind, m.fields);
  if (cleared) return cleared;
  for (const campaignId of new Set([existing?.campaignId, m.fields.campaignId as string | undefined])) {
    if (campaignId !== undefined && !(await isMember(tx, user, campaignId))) {
      return {
        code: 'forbidden',
        message: '你不是该活动的成员（或已被移出），不能在其中保存记录',
        field: campaignId === existing?.campaignId ? 'entityId' : 'fields.campaignId',
      };
    }
  }
  const merged = mergeFields(existing ?? { fields: {}, stamps: {} }, m.fields, clamp.apply(m.hlc, existing?.stamps));
  if (existing && merged.changed.length === 0) return null;
  const whole = checkWholeRecord(merged.fields);
  if (whole) return whole;
  const next = {
    id: m.entityId,
    ownerId: user.id,
    campaignId: merged.fields.campaignId as string,
    fields: merged.fields,
    stamps: merged.stamps,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  const overQuota = await recordQuotaProblem(tx, quotas, user, existing, next, merged.changed);
  if (overQuota) return overQuota;
  await tx.put('records', next);
  return null;
}

/**
 * An assignee's update of an item (进展, status short of 销号, evidence): the same rules as the REST
 * route (lists/lifecycle.ts: membership, assignee, closed, transitions, evidence), judged on what
 * the merge would leave.
 */
async function applyItem({ tx, user, at, clamp, quotas }: PushContext, m: Mutation): Promise<FieldProblem | null> {
  const item = await tx.get('items', m.entityId);
  if (!item) return { code: 'not_found', message: '事项不存在', field: 'entityId' };
  const campaign = await tx.get('campaigns', item.campaignId);
  if (!campaign) return { code: 'not_found', message: '事项所在的活动不存在', field: 'entityId' };
  const actor = { id: user.id, role: user.role };
  try {
    checkItemAccess(campaign, item, actor);
  } catch (e) {
    return ruleProblem(e);
  }
  const problem = checkAssigneeItemFields(m.fields);
  if (problem) return problem;
  const { seq: _seq, stamps = {}, ...current } = item;
  const merged = mergeFields({ fields: current as Record<string, unknown>, stamps }, m.fields, clamp.apply(m.hlc, stamps));
  if (merged.changed.length === 0) return null;
  try {
    checkItemUpdate(campaign, item, actor, { status: merged.fields.status as ItemStatus, evidence: merged.fields.evidence as string });
  } catch (e) {
    return ruleProblem(e);
  }
  const after = { ...(merged.fields as typeof current), stamps: merged.stamps, updatedAt: at };
  const changed = Object.fromEntries(merged.changed.map((f) => [f, merged.fields[f]]));
  const before = Object.fromEntries(merged.changed.map((f) => [f, (current as Record<string, unknown>)[f]]));
  const audit = auditDoc({ actorId: user.id, campaignId: item.campaignId, action: 'item.assignee_update', entityId: item.id, before, after: changed }, at);
  const overBudget = await memberBudgetProblem(tx, quotas, user, storedBytes(audit));
  if (overBudget) return overBudget;
  await tx.put('items', after);
  await tx.put('audit', audit);
  if (item.list === 'task') await followTasks(tx, item.sourceItemIds, at);
  return null;
}

function ruleProblem(e: unknown): FieldProblem {
  if (e instanceof ListRuleError) return { code: RULE_CODES[e.status], message: e.message, field: e.field ? `fields.${e.field}` : 'entityId' };
  throw e;
}
