/** Campaign lists API (mounted at /api/v1): opinions, the three lists, ledgers, exports, the caller's tasks. */
import { Hono, type Context } from 'hono';
import { campaignForCaller, requireAdmin, type AppEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { jsonArrayResponse } from '../http/yielding';
import { exportRoutes } from './export-routes';
import { CloseSchema, CreateItemSchema, ItemQuerySchema, MergeSchema, ProgressSchema, RenameSchema, SplitSchema, UpdateItemSchema } from './item-schemas';
import { closeItem, createItem, reportProgress, updateItem, type ListContext } from './items';
import { todayIn } from '../../shared/calendar';
import { isDueSoon, isOverdue } from '../../shared/model/item-status';
import { ledgerRoutes } from './ledger-routes';
import { myTasks } from './my-tasks';
import { mergeGroups, renameGroup, splitGroup } from './opinion-groups';
import { traceItem } from './trace';

const nowOf = (c: Context<AppEnv>) => new Date(c.get('now')());

async function listContext(c: Context<AppEnv>): Promise<ListContext> {
  const store = c.get('store');
  const campaign = await campaignForCaller(c, c.req.param('id')!);
  return {
    store,
    quotas: c.get('quotas'),
    campaign,
    actor: c.get('user'),
    now: nowOf(c),
    grouper: c.get('grouper'),
  };
}

export const listsRoutes = new Hono<AppEnv>()
  // 意见建议汇总表 and the office's merge / split / rename.
  .get('/campaigns/:id/opinions', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    // Streamed a slice at a time: 10k merged opinions with their sources are megabytes of JSON.
    return jsonArrayResponse('items', await c.get('grouper').items(c.get('store'), campaign.id), 1000, (i) => i.mentions);
  })
  .post('/campaigns/:id/opinions/merge', requireAdmin, validate('json', MergeSchema), async (c) => {
    const ctx = await listContext(c);
    const body = c.req.valid('json');
    return c.json({ item: await mergeGroups(ctx, body.groupIds, body.title) });
  })
  .post('/campaigns/:id/opinions/:groupId/split', requireAdmin, validate('json', SplitSchema), async (c) => {
    const ctx = await listContext(c);
    return c.json(await splitGroup(ctx, c.req.param('groupId'), c.req.valid('json').recordIds));
  })
  .patch('/campaigns/:id/opinions/:groupId', requireAdmin, validate('json', RenameSchema), async (c) => {
    const ctx = await listContext(c);
    return c.json({ item: await renameGroup(ctx, c.req.param('groupId'), c.req.valid('json')) });
  })

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
  .get('/campaigns/:id/items/:itemId/trace', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    return c.json(await traceItem(c.get('store'), c.get('grouper'), campaign, c.req.param('itemId')));
  })
  .get('/campaigns/:id/audit', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    const entityId = c.req.query('entityId');
    const entries = (await c.get('store').find('audit', { campaignId: campaign.id }))
      .filter((a) => !entityId || a.entityId === entityId)
      .sort((a, b) => a.seq - b.seq);
    return c.json({ entries });
  })

  // The caller's own task list (the sidebar's 我的任务).
  .get('/me/tasks', async (c) => c.json(await myTasks(c.get('store'), c.get('dayTotals'), c.get('user'), todayIn(c.get('timeZone'), nowOf(c)))))
  .route('/', ledgerRoutes)
  .route('/', exportRoutes);
