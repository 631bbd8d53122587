/** The three lists' writes: each change is checked against the rules and audited in one transaction. */
import type { z } from 'zod';
import type { ItemStatus, ListKind } from '../../shared/model/list-item';
import { ApiError } from '../http/errors';
import { newId } from '../store/new-id';
import type { CampaignDoc, ItemDoc, NewDoc, Store, Transaction, UserDoc } from '../store/store';
import { writeAudit } from '../audit/audit-log';
import type { OpinionGrouper } from '../opinions/opinion-grouper';
import { memberBudgetProblem, storedBytes, type Quotas } from '../quotas/quotas';
import type { CloseSchema, CreateItemSchema, ProgressSchema, ReopenSchema, UpdateItemSchema } from './item-schemas';
import { ListRuleError, checkItemUpdate, checkTransition, type Actor } from './lifecycle';
import { followTasks, tasksOf } from './problem-status';

/** What each list's items point back to. */
const SOURCE_LIST: Record<ListKind, ListKind | 'opinion'> = { problem: 'opinion', task: 'problem', effect: 'task' };

function ruleToApi(e: unknown): never {
  if (e instanceof ListRuleError) throw new ApiError(e.status, e.status === 400 ? 'invalid' : e.status === 403 ? 'forbidden' : 'conflict', e.message, e.field);
  throw e;
}

const strip = ({ seq: _seq, ...doc }: ItemDoc): NewDoc<'items'> => doc;

async function itemIn(tx: Transaction, campaign: CampaignDoc, itemId: string): Promise<ItemDoc> {
  const item = await tx.get('items', itemId);
  if (!item || item.campaignId !== campaign.id) throw new ApiError(404, 'not_found', '清单事项不存在');
  return item;
}

async function checkAssignee(tx: Transaction, campaign: CampaignDoc, assigneeId: string | null | undefined): Promise<void> {
  if (!assigneeId) return;
  const user = await tx.get('users', assigneeId);
  if (!user || user.disabledAt || !campaign.memberIds.includes(assigneeId)) {
    throw new ApiError(400, 'invalid', '责任人必须是本活动的成员', 'assigneeId');
  }
}

async function checkSources(tx: Transaction, ctx: ListContext, list: ListKind, ids: readonly string[]): Promise<void> {
  const campaign = ctx.campaign;
  const wanted = SOURCE_LIST[list];
  if (wanted === 'opinion') {
    if (ids.length === 0) return; // a problem from self-examination (查摆) has no opinion source
    const known = await ctx.grouper.itemIds(ctx.store, campaign.id);
    const missing = ids.find((id) => !known.has(id));
    if (missing) throw new ApiError(400, 'invalid', `意见 ${missing} 不存在`, 'sourceItemIds');
    return;
  }
  if (list === 'task' && ids.length === 0) throw new ApiError(400, 'invalid', '整改措施须对应至少一个问题', 'sourceItemIds');
  for (const id of ids) {
    const source = await tx.get('items', id);
    if (!source || source.campaignId !== campaign.id || source.list !== wanted) {
      throw new ApiError(400, 'invalid', `${wanted === 'problem' ? '问题' : '任务'} ${id} 不存在`, 'sourceItemIds');
    }
    if (list === 'task' && source.status === 'closed') {
      throw new ApiError(409, 'conflict', `问题“${source.title.slice(0, 30)}”已销号，不能再为它添加整改任务；如需继续整改，请先撤销销号`, 'sourceItemIds');
    }
  }
}

/**
 * Who had the item before and has it no more: a reassigned assignee's pull then answers the item
 * as deleted (server/sync/pull.ts). Someone given the item back leaves the list.
 */
function formerAssignees(item: ItemDoc, nextAssignee: string | null | undefined): string[] | undefined {
  if (nextAssignee === undefined || nextAssignee === item.assigneeId) return item.formerAssigneeIds;
  const former = new Set(item.formerAssigneeIds ?? []);
  if (item.assigneeId) former.add(item.assigneeId);
  if (nextAssignee) former.delete(nextAssignee);
  return [...former];
}

export interface ListContext {
  store: Store;
  /** A member's own updates add to the audit trail, which counts toward their storage quota. */
  quotas: Quotas;
  campaign: CampaignDoc;
  actor: UserDoc;
  now: Date;
  grouper: OpinionGrouper;
}

/**
 * Groups the campaign's opinions before a transaction that will check opinion sources, so the check inside
 * finds the grouping cached instead of regrouping (seconds at 10k opinions) while holding the write lock,
 * which on PostgreSQL is every server's.
 */
async function groupBeforeLocking(ctx: ListContext, list: ListKind | undefined, ids: readonly string[] | undefined): Promise<void> {
  if (list && SOURCE_LIST[list] === 'opinion' && ids && ids.length > 0) await ctx.grouper.itemIds(ctx.store, ctx.campaign.id);
}

export async function createItem(ctx: ListContext, input: z.output<typeof CreateItemSchema>): Promise<ItemDoc> {
  const at = ctx.now.toISOString();
  await groupBeforeLocking(ctx, input.list, input.sourceItemIds);
  return ctx.store.transact(async (tx) => {
    await checkAssignee(tx, ctx.campaign, input.assigneeId);
    await checkSources(tx, ctx, input.list, input.sourceItemIds);
    const doc: NewDoc<'items'> = {
      id: newId('i'),
      campaignId: ctx.campaign.id,
      list: input.list,
      title: input.title,
      description: input.description,
      category: input.category,
      sourceItemIds: [...new Set(input.sourceItemIds)],
      source: input.source ?? (input.list === 'problem' ? (input.sourceItemIds.length > 0 ? '意见建议' : '查摆') : undefined),
      responsibleLeader: input.responsibleLeader,
      responsibleUnit: input.responsibleUnit,
      assigneeId: input.assigneeId,
      target: input.target,
      deadline: input.deadline,
      progress: '',
      status: 'open',
      evidence: '',
      effect: input.effect ?? '',
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
    };
    const stored = await tx.put('items', doc);
    await writeAudit(tx, { actorId: ctx.actor.id, campaignId: ctx.campaign.id, action: `${input.list}.create`, entityId: stored.id, after: strip(stored) }, at);
    if (stored.list === 'task') await followTasks(tx, stored.sourceItemIds, at);
    return stored;
  });
}

export async function updateItem(ctx: ListContext, itemId: string, patch: z.output<typeof UpdateItemSchema>): Promise<ItemDoc> {
  const at = ctx.now.toISOString();
  if (patch.sourceItemIds) await groupBeforeLocking(ctx, (await ctx.store.get('items', itemId))?.list, patch.sourceItemIds);
  return ctx.store.transact(async (tx) => {
    const item = await itemIn(tx, ctx.campaign, itemId);
    const { reason, ...fields } = patch;
    // A closed item is the ledger's record of what was done: the office may still correct it, saying why.
    if (item.status === 'closed' && !reason?.trim()) throw new ApiError(409, 'conflict', '该事项已销号；修改已销号的事项须填写修改理由', 'reason');
    if (fields.assigneeId !== undefined) await checkAssignee(tx, ctx.campaign, fields.assigneeId);
    if (fields.sourceItemIds) await checkSources(tx, ctx, item.list, fields.sourceItemIds);
    const former = formerAssignees(item, fields.assigneeId);
    const next = { ...strip(item), ...fields, ...(former ? { formerAssigneeIds: former } : {}), updatedAt: at };
    const stored = await tx.put('items', next);
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: `${item.list}.update`,
        entityId: item.id,
        before: strip(item),
        after: strip(stored),
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
      },
      at,
    );
    if (item.list === 'task' && fields.sourceItemIds) await followTasks(tx, [...item.sourceItemIds, ...stored.sourceItemIds], at);
    return stored;
  });
}

/** Progress from the office or the assignee: 整改进展, evidence, and status short of 销号. */
export async function reportProgress(ctx: ListContext, itemId: string, input: z.output<typeof ProgressSchema>): Promise<ItemDoc> {
  const at = ctx.now.toISOString();
  const actor: Actor = { id: ctx.actor.id, role: ctx.actor.role };
  return ctx.store.transact(async (tx) => {
    const item = await itemIn(tx, ctx.campaign, itemId);
    // Membership as of this transaction, not as of the request's start: the same rule a sync push meets.
    const campaign = (await tx.get('campaigns', ctx.campaign.id)) ?? ctx.campaign;
    const status: ItemStatus = input.status ?? item.status;
    if (item.list === 'problem' && status !== item.status && (await tasksOf(tx, item)).length > 0) {
      throw new ApiError(409, 'conflict', '该问题的状态由其整改任务决定：请更新整改任务的进展', 'status');
    }
    try {
      checkItemUpdate(campaign, item, actor, { status, evidence: input.evidence ?? item.evidence });
    } catch (e) {
      ruleToApi(e);
    }
    const next = { ...strip(item), progress: input.progress ?? item.progress, evidence: input.evidence ?? item.evidence, status, updatedAt: at };
    const overBudget = await memberBudgetProblem(tx, ctx.quotas, ctx.actor, storedBytes({ before: item, after: next }));
    if (overBudget) throw new ApiError(413, overBudget.code, overBudget.message);
    const stored = await tx.put('items', next);
    await writeAudit(
      tx,
      { actorId: actor.id, campaignId: ctx.campaign.id, action: `${item.list}.progress`, entityId: item.id, before: strip(item), after: strip(stored) },
      at,
    );
    if (stored.list === 'task') await followTasks(tx, stored.sourceItemIds, at);
    return stored;
  });
}

/** The 效果清单 entry a task's 销号 made (at most one: a re-closed task updates it). */
async function effectOf(tx: Transaction, task: ItemDoc): Promise<ItemDoc | undefined> {
  return (await tx.find('items', { campaignId: task.campaignId })).find((i) => i.list === 'effect' && i.sourceItemIds.includes(task.id));
}

/**
 * 销号: an admin confirms a done item with evidence; a task also needs its 整改成效, which becomes its
 * entry in the 效果清单 (pointing back at the task, and through it at the problems and opinions). A
 * problem with tasks is closed once every task is.
 */
export async function closeItem(ctx: ListContext, itemId: string, input: z.output<typeof CloseSchema>): Promise<{ item: ItemDoc; effect: ItemDoc | null }> {
  const at = ctx.now.toISOString();
  return ctx.store.transact(async (tx) => {
    const item = await itemIn(tx, ctx.campaign, itemId);
    const files = (await tx.find('files', { itemId: item.id })).filter((f) => !f.deletedAt);
    // Uploaded files are evidence too: without a written one, the 佐证 names them.
    const written = input.evidence ?? item.evidence;
    const evidence = written.trim() === '' && files.length > 0 ? `见附件：${files.map((f) => f.name).join('、')}` : written;
    const effectText = (input.effect ?? item.effect).trim();
    // A problem with tasks waits for them first: that is the reason worth telling, not its own status.
    if (item.list === 'problem' && item.status !== 'closed') {
      const open = (await tasksOf(tx, item)).filter((t) => t.status !== 'closed');
      if (open.length > 0) throw new ApiError(409, 'conflict', `该问题还有 ${open.length} 项整改任务未销号`, 'status');
    }
    try {
      checkTransition(item, 'closed', { id: ctx.actor.id, role: ctx.actor.role }, evidence);
    } catch (e) {
      ruleToApi(e);
    }
    if (item.list === 'task' && effectText === '') throw new ApiError(400, 'invalid', '销号须填写整改成效：它将列入效果清单', 'effect');
    const closed = await tx.put('items', {
      ...strip(item),
      status: 'closed',
      evidence,
      effect: effectText,
      closedAt: at,
      closedBy: ctx.actor.id,
      updatedAt: at,
    });
    await writeAudit(
      tx,
      { actorId: ctx.actor.id, campaignId: ctx.campaign.id, action: `${item.list}.close`, entityId: item.id, before: strip(item), after: strip(closed) },
      at,
    );
    let effect: ItemDoc | null = null;
    if (item.list === 'task') {
      const earlier = await effectOf(tx, item);
      const entry = {
        campaignId: ctx.campaign.id,
        list: 'effect' as const,
        title: item.title,
        description: effectText,
        category: item.category,
        sourceItemIds: [item.id],
        responsibleLeader: item.responsibleLeader,
        responsibleUnit: item.responsibleUnit,
        assigneeId: null,
        target: item.target,
        deadline: null,
        progress: '',
        status: 'closed' as const,
        evidence,
        effect: effectText,
        updatedAt: at,
        closedAt: at,
        closedBy: ctx.actor.id,
      };
      effect = await tx.put('items', earlier ? { ...strip(earlier), ...entry } : { id: newId('i'), createdAt: at, ...entry });
      await writeAudit(
        tx,
        {
          actorId: ctx.actor.id,
          campaignId: ctx.campaign.id,
          action: earlier ? 'effect.update' : 'effect.create',
          entityId: effect.id,
          ...(earlier ? { before: strip(earlier) } : {}),
          after: strip(effect),
        },
        at,
      );
      await followTasks(tx, item.sourceItemIds, at);
    }
    return { item: closed, effect };
  });
}

/**
 * 撤销销号: an admin takes a 销号 back, saying why (audited). The item returns to 已完成待销号 with its
 * evidence; a task's 效果清单 entry leaves the list (status 未开始) until the task is closed again,
 * and its problems follow their tasks again.
 */
export async function reopenItem(ctx: ListContext, itemId: string, input: z.output<typeof ReopenSchema>): Promise<ItemDoc> {
  const at = ctx.now.toISOString();
  return ctx.store.transact(async (tx) => {
    const item = await itemIn(tx, ctx.campaign, itemId);
    if (item.status !== 'closed') throw new ApiError(409, 'conflict', '该事项尚未销号，无需撤销', 'status');
    if (item.list === 'effect') throw new ApiError(409, 'conflict', '效果清单的条目随整改任务销号生成；请撤销对应整改任务的销号', 'status');
    const reopened = await tx.put('items', { ...strip(item), status: 'done', closedAt: null, closedBy: null, updatedAt: at });
    const reason = input.reason.trim();
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: `${item.list}.reopen`,
        entityId: item.id,
        before: strip(item),
        after: strip(reopened),
        reason,
      },
      at,
    );
    if (item.list === 'task') {
      const effect = await effectOf(tx, item);
      if (effect && effect.status === 'closed') {
        const withdrawn = await tx.put('items', { ...strip(effect), status: 'open', closedAt: null, closedBy: null, updatedAt: at });
        await writeAudit(
          tx,
          {
            actorId: ctx.actor.id,
            campaignId: ctx.campaign.id,
            action: 'effect.reopen',
            entityId: effect.id,
            before: strip(effect),
            after: strip(withdrawn),
            reason,
          },
          at,
        );
      }
      await followTasks(tx, item.sourceItemIds, at);
    }
    return reopened;
  });
}
