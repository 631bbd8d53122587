/** 意见建议汇总表 (◆ GET) and the office's merge / split / rename, mounted at /api/v1. Admins only. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';
import { validate } from '../http/validate';
import { jsonArrayResponse } from '../http/yielding';
import { mergeGroups, renameGroup, splitGroup, type GroupingContext } from '../opinions/opinion-groups';
import { MergeSchema, RenameSchema, SplitSchema } from '../opinions/schemas';

async function groupingContext(c: Context<AppEnv>): Promise<GroupingContext> {
  const campaign = await campaignForCaller(c, c.req.param('id')!);
  return { store: c.var.store, grouper: c.var.grouper, campaign, actor: c.var.user, now: new Date(c.var.now()) };
}

export const opinionRoutes = new Hono<AppEnv>()
  .get('/campaigns/:id/opinions', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    // Streamed a slice at a time: 10k merged opinions with their sources are megabytes of JSON.
    return jsonArrayResponse('items', await c.var.queries.of(campaign).opinions(), 1000, (i) => i.mentions);
  })
  .post('/campaigns/:id/opinions/merge', requireAdmin, validate('json', MergeSchema), async (c) => {
    const body = c.req.valid('json');
    return c.json({ item: await mergeGroups(await groupingContext(c), body.groupIds, body.title, body.category) });
  })
  .post('/campaigns/:id/opinions/:groupId/split', requireAdmin, validate('json', SplitSchema), async (c) => {
    return c.json(await splitGroup(await groupingContext(c), c.req.param('groupId'), c.req.valid('json').recordIds));
  })
  .patch('/campaigns/:id/opinions/:groupId', requireAdmin, validate('json', RenameSchema), async (c) => {
    return c.json({ item: await renameGroup(await groupingContext(c), c.req.param('groupId'), c.req.valid('json')) });
  });
