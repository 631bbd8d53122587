/** 问题清单 / 任务清单 / 效果清单 (mounted at /api/v1): the office's lists, an assignee's progress, 销号 and trace. */
import { Hono, type Context } from 'hono';
import { todayIn } from '../../shared/calendar';
import { isDueSoon, isOverdue } from '../../shared/model/item-status';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { CloseSchema, CreateItemSchema, ItemQuerySchema, ProgressSchema, ReopenSchema, UpdateItemSchema } from '../lists/item-schemas';
import { closeItem, createItem, reopenItem, reportProgress, updateItem, type ListContext } from '../lists/items';
import { traceItem } from '../lists/trace';

const nowOf = (c: Context<AppEnv>) => new Date(c.var.now());

async function listContext(c: Context<AppEnv>): Promise<ListContext> {
  const campaign = await campaignForCaller(c, c.req.param('id')!);
  return { store: c.var.store, quotas: c.var.quotas, campaign, actor: c.var.user, now: nowOf(c), grouper: c.var.grouper };
}

export const itemRoutes = new Hono<AppEnv>()
  // 问题清单 / 任务清单 / 效果清单.
  .get('/campaigns/:id/items', requireAdmin, validate('query', ItemQuerySchema), async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    const { list, view } = c.req.valid('query');
    const today = todayIn(c.get('timeZone'), nowOf(c));
    const items = (await c.get('store').find('items', { campaignId: campaign.id }))
      .filter((i) => !list || i.list === list)
      .filter((i) => (view === 'overdue' ? isOverdue(i, today) : view === 'due-soon' ? isDueSoon(i, today) : true))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return c.json({ items });
  })
  .post('/campaigns/:id/items', requireAdmin, validate('json', CreateItemSchema), async (c) => {
    const item = await createItem(await listContext(c), c.req.valid('json'));
    return c.json({ item }, 201);
  })
  .get('/campaigns/:id/items/:itemId', async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    const item = await c.get('store').get('items', c.req.param('itemId'));
    const user = c.get('user');
    if (!item || item.campaignId !== campaign.id) throw new ApiError(404, 'not_found', '清单事项不存在');
    if (user.role !== 'admin' && item.assigneeId !== user.id) throw new ApiError(403, 'forbidden', '只能查看分配给你的事项');
    return c.json({ item });
  })
  .patch('/campaigns/:id/items/:itemId', requireAdmin, validate('json', UpdateItemSchema), async (c) => {
    return c.json({ item: await updateItem(await listContext(c), c.req.param('itemId'), c.req.valid('json')) });
  })
  .post('/campaigns/:id/items/:itemId/progress', validate('json', ProgressSchema), async (c) => {
    return c.json({ item: await reportProgress(await listContext(c), c.req.param('itemId'), c.req.valid('json')) });
  })
  .post('/campaigns/:id/items/:itemId/close', requireAdmin, validate('json', CloseSchema), async (c) => {
    return c.json(await closeItem(await listContext(c), c.req.param('itemId'), c.req.valid('json')));
  })
  // 撤销销号, with the reason the audit log keeps.
  .post('/campaigns/:id/items/:itemId/reopen', requireAdmin, validate('json', ReopenSchema), async (c) => {
    return c.json({ item: await reopenItem(await listContext(c), c.req.param('itemId'), c.req.valid('json')) });
  })
  .get('/campaigns/:id/items/:itemId/trace', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    return c.json(await traceItem(c.get('store'), c.get('grouper'), campaign, c.req.param('itemId')));
  });
