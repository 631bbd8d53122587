/** The three lists (问题 / 任务 / 效果清单): add items, report progress, 销号, and edit one item's fields. */
import { Hono } from 'hono';
import { ZodError } from 'zod';
import { ApiError } from '../../http/errors';
import { describeZodError } from '../../http/zod-message';
import { CloseSchema, CreateItemSchema, ProgressSchema, UpdateItemSchema } from '../../lists/item-schemas';
import { closeItem, createItem, reportProgress, updateItem } from '../../lists/items';
import type { CampaignDoc, Store } from '../../store/store';
import { act, back, campaignOf, type ConsoleEnv, form, listContext, many, one, send } from '../kit';
import { itemEditBody } from '../pages/item-edit';
import { listsBody } from '../pages/lists';

const membersOf = async (store: Store, campaign: CampaignDoc) => (await store.find('users')).filter((u) => campaign.memberIds.includes(u.id));
const listsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/lists`;

export const lists = new Hono<ConsoleEnv>();

lists.get('/campaigns/:id/lists', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  const body = listsBody({
    campaignId: campaign.id,
    items: await view.items(),
    opinions: await view.opinions(),
    members: await membersOf(c.var.store, campaign),
    today: view.today,
    timeZone: c.var.timeZone,
    csrf: c.var.csrf,
  });
  return send(c, `${campaign.title} · 三张清单`, body);
});

lists.post('/campaigns/:id/items', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已添加', async () => {
    const input = CreateItemSchema.parse({
      list: one(f.list),
      title: one(f.title),
      category: one(f.category),
      sourceItemIds: many(f.sourceItemIds),
      responsibleLeader: one(f.responsibleLeader),
      responsibleUnit: one(f.responsibleUnit),
      target: one(f.target),
      assigneeId: one(f.assigneeId) || null,
      deadline: one(f.deadline) || null,
    });
    await createItem(listContext(c, campaign), input);
  });
});

lists.post('/campaigns/:id/items/:itemId/progress', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已更新', async () => {
    await reportProgress(
      listContext(c, campaign),
      c.req.param('itemId'),
      ProgressSchema.parse({ progress: one(f.progress), status: one(f.status) || undefined, evidence: one(f.evidence) }),
    );
  });
});

lists.post('/campaigns/:id/items/:itemId/close', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, listsPath(campaign.id), '已销号', async () => {
    await closeItem(
      listContext(c, campaign),
      c.req.param('itemId'),
      CloseSchema.parse({ evidence: one(f.evidence), ...(f.effect !== undefined ? { effect: one(f.effect) } : {}) }),
    );
  });
});

lists.get('/campaigns/:id/items/:itemId/edit', async (c) => {
  const campaign = await campaignOf(c);
  const item = await c.var.store.get('items', c.req.param('itemId'));
  if (!item || item.campaignId !== campaign.id) throw new ApiError(404, 'not_found', '事项不存在');
  return send(c, `${campaign.title} · 编辑事项`, itemEditBody(campaign.id, item, await membersOf(c.var.store, campaign), c.var.csrf));
});

lists.post('/campaigns/:id/items/:itemId/edit', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const itemId = c.req.param('itemId');
  try {
    const patch = UpdateItemSchema.parse({
      title: one(f.title),
      description: one(f.description),
      category: one(f.category),
      responsibleLeader: one(f.responsibleLeader),
      responsibleUnit: one(f.responsibleUnit),
      target: one(f.target),
      assigneeId: one(f.assigneeId) || null,
      deadline: one(f.deadline) || null,
    });
    await updateItem(listContext(c, campaign), itemId, patch);
  } catch (e) {
    // A refusal goes back to the edit form, so the office sees what was wrong where it typed it.
    const editPath = `/console/campaigns/${encodeURIComponent(campaign.id)}/items/${encodeURIComponent(itemId)}/edit`;
    if (e instanceof ApiError) return back(c, editPath, { error: e.message });
    if (e instanceof ZodError) return back(c, editPath, { error: describeZodError(e).message });
    throw e;
  }
  return back(c, listsPath(campaign.id), { ok: '已保存修改' });
});
