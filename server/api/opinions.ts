/**
 * 意见建议汇总表 (◆ GET) and the office's merge / split / rename, and its answers to the suggestions
 * "可能是同一问题" (opinions/opinion-review.ts), and what the campaign's grouping learns from (its own answers,
 * and other campaigns' learning an admin shares with it: opinions/shared-learning.ts), mounted at /api/v1.
 * Admins only.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';
import { validate } from '../http/validate';
import { jsonArrayResponse } from '../http/yielding';
import { mergeGroups, renameGroup, splitGroup, type GroupingContext } from '../opinions/opinion-groups';
import { acceptSuggestion, rejectSuggestion } from '../opinions/opinion-review';
import { MergeSchema, RenameSchema, ShareLearningSchema, SplitSchema, SuggestionAnswerSchema } from '../opinions/schemas';
import { campaignLearning, shareLearning, withdrawLearning } from '../opinions/shared-learning';

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
  .get('/campaigns/:id/opinions/suggestions', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    return c.json({ suggestions: (await c.var.grouper.review(c.var.store, campaign.id)).suggestions });
  })
  .post('/campaigns/:id/opinions/suggestions/accept', requireAdmin, validate('json', SuggestionAnswerSchema), async (c) => {
    const body = c.req.valid('json');
    return c.json({ item: await acceptSuggestion(await groupingContext(c), body.groupIds, body.category) });
  })
  .post('/campaigns/:id/opinions/suggestions/reject', requireAdmin, validate('json', SuggestionAnswerSchema), async (c) => {
    return c.json(await rejectSuggestion(await groupingContext(c), c.req.valid('json').groupIds));
  })
  .get('/campaigns/:id/opinions/learning', requireAdmin, async (c) => {
    const campaign = await campaignForCaller(c, c.req.param('id'));
    return c.json(await campaignLearning(c.var.store, campaign));
  })
  .post('/campaigns/:id/opinions/learning/shared', requireAdmin, validate('json', ShareLearningSchema), async (c) => {
    const ctx = await groupingContext(c);
    return c.json({ shared: await shareLearning(ctx, c.req.valid('json').fromCampaignId) }, 201);
  })
  .delete('/campaigns/:id/opinions/learning/shared/:fromCampaignId', requireAdmin, async (c) => {
    return c.json(await withdrawLearning(await groupingContext(c), c.req.param('fromCampaignId')));
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
