/** The merge review (意见合并审核): merge groups, split records out, rename, through the same services as the API. */
import { Hono } from 'hono';
import { ApiError } from '../../http/errors';
import { mergeGroups, renameGroup, splitGroup } from '../../opinions/opinion-groups';
import { RenameSchema, SplitSchema } from '../../opinions/schemas';
import { act, campaignOf, type ConsoleEnv, form, listContext, many, one, send } from '../kit';
import { opinionsBody } from '../pages/opinions';

const opinionsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/opinions`;

export const opinions = new Hono<ConsoleEnv>();

opinions.get('/campaigns/:id/opinions', async (c) => {
  const campaign = await campaignOf(c);
  return send(c, `${campaign.title} · 意见合并审核`, opinionsBody(campaign.id, await c.var.queries.of(campaign).opinions(), c.var.csrf));
});

opinions.post('/campaigns/:id/opinions/merge', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已合并', async () => {
    const title = one(f.title).trim();
    if (many(f.groupIds).length < 2) throw new ApiError(400, 'invalid', '请至少勾选两条意见再合并');
    await mergeGroups({ ...listContext(c, campaign) }, many(f.groupIds), title || undefined);
  });
});

opinions.post('/campaigns/:id/opinions/:groupId/split', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已拆分', async () => {
    const { recordIds } = SplitSchema.parse({ recordIds: many(f.recordIds) });
    await splitGroup(listContext(c, campaign), c.req.param('groupId'), recordIds);
  });
});

opinions.post('/campaigns/:id/opinions/:groupId/rename', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已改名', async () => {
    await renameGroup(listContext(c, campaign), c.req.param('groupId'), RenameSchema.parse({ title: one(f.title) }));
  });
});
