/**
 * The three lists (问题 / 任务 / 效果清单): add items, report progress, 销号 and 撤销销号 on their
 * confirmation pages, and edit one item's fields (a closed one with a reason).
 */
import { Hono } from 'hono';
import { ZodError } from 'zod';
import { ApiError } from '../../http/errors';
import { describeZodError } from '../../http/zod-message';
import { CloseSchema, CreateItemSchema, ProgressSchema, ReopenSchema, UpdateItemSchema } from '../../lists/item-schemas';
import { closeItem, createItem, reopenItem, reportProgress, updateItem } from '../../lists/items';
import type { CampaignDoc, ItemDoc, Store } from '../../store/store';
import { byUpload, evidenceResponse, openEvidence, receiveEvidence } from '../../evidence/evidence';
import { act, back, type C, campaignOf, type ConsoleEnv, csrfCheck, form, listContext, many, one, send } from '../kit';
import { closeConfirmBody, reopenConfirmBody } from '../pages/item-confirm';
import { itemEditBody } from '../pages/item-edit';
import { listsBody } from '../pages/lists';

const membersOf = async (store: Store, campaign: CampaignDoc) => (await store.find('users')).filter((u) => campaign.memberIds.includes(u.id));
const listsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/lists`;
const itemPath = (campaignId: string, itemId: string, action: string) =>
  `/console/campaigns/${encodeURIComponent(campaignId)}/items/${encodeURIComponent(itemId)}/${action}`;

export const lists = new Hono<ConsoleEnv>();

async function itemOf(c: C, campaign: CampaignDoc): Promise<ItemDoc> {
  const item = await c.var.store.get('items', c.req.param('itemId')!);
  if (!item || item.campaignId !== campaign.id) throw new ApiError(404, 'not_found', '事项不存在');
  return item;
}

/** A refusal goes back to the page the office typed on, with the message there. */
async function orBack(c: C, path: string, fn: () => Promise<void>): Promise<Response | undefined> {
  try {
    await fn();
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return back(c, path, { error: e.message });
    if (e instanceof ZodError) return back(c, path, { error: describeZodError(e).message });
    throw e;
  }
}

async function namesFor(c: C, item: ItemDoc) {
  const assignee = item.assigneeId ? ((await c.var.store.get('users', item.assigneeId))?.name ?? '') : '';
  const problems = await Promise.all(item.sourceItemIds.map(async (id) => (await c.var.store.get('items', id))?.title ?? ''));
  const files = (await c.var.store.find('files', { itemId: item.id })).filter((f) => !f.deletedAt).map((f) => f.name);
  return { assignee, problems: item.list === 'task' ? problems.filter(Boolean) : [], files };
}

lists.get('/campaigns/:id/lists', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  const files = new Map<string, { id: string; name: string }[]>();
  const stored = (await c.var.store.find('files', { campaignId: campaign.id })).filter((f) => !f.deletedAt);
  stored.sort(byUpload);
  for (const f of stored) files.set(f.itemId, [...(files.get(f.itemId) ?? []), { id: f.id, name: f.name }]);
  const body = listsBody({
    files,
    campaignId: campaign.id,
    items: await view.items(),
    opinions: await view.opinions(),
    members: await membersOf(c.var.store, campaign),
    categories: campaign.categories,
    today: view.today,
    timeZone: c.var.timeZone,
    csrf: c.var.csrf,
    forProblem: c.req.query('problem'),
  });
  return send(c, `${campaign.title} · 三张清单`, body);
});

lists.post('/campaigns/:id/items', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), one(f.list) === 'task' ? '已添加整改任务' : '已添加问题', async () => {
    const input = CreateItemSchema.parse({
      list: one(f.list),
      title: one(f.title),
      description: one(f.description),
      category: one(f.category),
      sourceItemIds: many(f.sourceItemIds).filter(Boolean),
      target: one(f.target),
      responsibleLeader: one(f.responsibleLeader),
      responsibleUnit: one(f.responsibleUnit),
      assigneeId: one(f.assigneeId) || null,
      deadline: one(f.deadline) || null,
    });
    await createItem(listContext(c, campaign), input);
  });
});

lists.post('/campaigns/:id/items/:itemId/progress', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已保存进展', async () => {
    await reportProgress(
      listContext(c, campaign),
      c.req.param('itemId'),
      ProgressSchema.parse({ progress: one(f.progress), status: one(f.status) || undefined, evidence: one(f.evidence) }),
    );
  });
});

lists.get('/campaigns/:id/items/:itemId/close', async (c) => {
  const campaign = await campaignOf(c);
  const item = await itemOf(c, campaign);
  if (item.status !== 'done') return back(c, listsPath(campaign.id), { error: item.status === 'closed' ? '该事项已销号' : '只有“已完成待销号”的事项可以销号' });
  return send(c, `${campaign.title} · 确认销号`, closeConfirmBody(campaign.id, item, await namesFor(c, item), c.var.timeZone, c.var.csrf));
});

lists.post('/campaigns/:id/items/:itemId/close', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const itemId = c.req.param('itemId');
  const refused = await orBack(c, itemPath(campaign.id, itemId, 'close'), async () => {
    if (one(f.checked) !== '1') throw new ApiError(400, 'invalid', '请先勾选“我已核实整改成效和佐证材料”');
    await closeItem(
      listContext(c, campaign),
      itemId,
      CloseSchema.parse({ evidence: one(f.evidence), ...(f.effect !== undefined ? { effect: one(f.effect) } : {}) }),
    );
  });
  return refused ?? back(c, listsPath(campaign.id), { ok: '已销号' });
});

lists.get('/campaigns/:id/items/:itemId/reopen', async (c) => {
  const campaign = await campaignOf(c);
  const item = await itemOf(c, campaign);
  if (item.status !== 'closed') return back(c, listsPath(campaign.id), { error: '该事项尚未销号，无需撤销' });
  return send(c, `${campaign.title} · 撤销销号`, reopenConfirmBody(campaign.id, item, await namesFor(c, item), c.var.timeZone, c.var.csrf));
});

lists.post('/campaigns/:id/items/:itemId/reopen', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const itemId = c.req.param('itemId');
  const refused = await orBack(c, itemPath(campaign.id, itemId, 'reopen'), async () => {
    await reopenItem(listContext(c, campaign), itemId, ReopenSchema.parse({ reason: one(f.reason) }));
  });
  return refused ?? back(c, listsPath(campaign.id), { ok: '已撤销销号' });
});

lists.get('/campaigns/:id/items/:itemId/edit', async (c) => {
  const campaign = await campaignOf(c);
  const item = await itemOf(c, campaign);
  return send(c, `${campaign.title} · 编辑事项`, itemEditBody(campaign, item, await membersOf(c.var.store, campaign), c.var.csrf));
});

lists.post('/campaigns/:id/items/:itemId/edit', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const itemId = c.req.param('itemId');
  const refused = await orBack(c, itemPath(campaign.id, itemId, 'edit'), async () => {
    const patch = UpdateItemSchema.parse({
      title: one(f.title),
      description: one(f.description),
      category: one(f.category),
      responsibleLeader: one(f.responsibleLeader),
      responsibleUnit: one(f.responsibleUnit),
      target: one(f.target),
      assigneeId: one(f.assigneeId) || null,
      deadline: one(f.deadline) || null,
      ...(f.reason !== undefined ? { reason: one(f.reason) } : {}),
    });
    await updateItem(listContext(c, campaign), itemId, patch);
  });
  return refused ?? back(c, listsPath(campaign.id), { ok: '已保存修改' });
});

// 佐证材料 files: uploaded from an item's detail (multipart, up to 20 MB, read bounded by the evidence module), downloaded as attachments.
lists.post('/campaigns/:id/items/:itemId/files', async (c) => {
  const campaign = await campaignOf(c);
  const refused = await orBack(c, listsPath(campaign.id), async () => {
    await receiveEvidence(
      { store: c.var.store, quotas: c.var.quotas, actor: c.var.user, now: new Date(c.var.now()) },
      campaign.id,
      c.req.param('itemId'),
      c.req.raw,
      {
        check: csrfCheck(c),
      },
    );
  });
  return refused ?? back(c, listsPath(campaign.id), { ok: '佐证材料已上传' });
});

lists.get('/campaigns/:id/items/:itemId/files/:fileId', async (c) => {
  const campaign = await campaignOf(c);
  const { file, stream } = await openEvidence(c.var.store, c.var.user, campaign.id, c.req.param('itemId'), c.req.param('fileId'));
  return evidenceResponse(file, stream);
});
