/**
 * The merge review (意见合并审核): merge groups, split records out, rename, answer the suggestions
 * "可能是同一问题", through the same services as the API.
 */
import { Hono } from 'hono';
import { ApiError } from '../../http/errors';
import { mergeGroups, renameGroup, splitGroup } from '../../opinions/opinion-groups';
import { acceptSuggestion, rejectSuggestion } from '../../opinions/opinion-review';
import { RenameSchema, ShareLearningSchema, SplitSchema, SuggestionAnswerSchema } from '../../opinions/schemas';
import { campaignLearning, shareLearning, withdrawLearning } from '../../opinions/shared-learning';
import { act, campaignOf, type ConsoleEnv, form, listContext, many, one, send } from '../kit';
import { opinionsBody } from '../pages/opinions';
import { problemFromOpinions } from '../../lists/from-opinions';

const opinionsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/opinions`;

export const opinions = new Hono<ConsoleEnv>();

opinions.get('/campaigns/:id/opinions', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  // The items and the suggestions come from one grouping (the grouper's cache), so they agree.
  const [review, all, users, learning, campaigns] = await Promise.all([
    c.var.grouper.review(c.var.store, campaign.id),
    view.items(),
    view.users(),
    campaignLearning(c.var.store, campaign),
    c.var.store.find('campaigns'),
  ]);
  const body = opinionsBody({
    campaignId: campaign.id,
    items: review.items,
    suggestions: review.suggestions,
    problems: all.filter((i) => i.list === 'problem'),
    names: new Map(users.map((u) => [u.id, u.name])),
    categories: campaign.categories,
    learning,
    otherCampaigns: campaigns.filter((o) => o.id !== campaign.id).map((o) => ({ id: o.id, title: o.title })),
    csrf: c.var.csrf,
    // Any other value shows everything: a filter, not an input that can fail.
    onlyDoubtful: c.req.query('check') === 'low',
  });
  return send(c, `${campaign.title} · 意见合并审核`, body);
});

// 转为问题: the problem is made, and the office continues on the lists page to give it its tasks.
opinions.post('/campaigns/:id/opinions/to-problem', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  const lists = `/console/campaigns/${encodeURIComponent(campaign.id)}/lists`;
  return act(c, lists, '已转为问题：请在问题清单中补充整改目标和责任，并制定整改任务', async () => {
    await problemFromOpinions(listContext(c, campaign), many(f.groupIds));
  });
});

opinions.post('/campaigns/:id/opinions/merge', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已合并', async () => {
    const title = one(f.title).trim();
    if (many(f.groupIds).length < 2) throw new ApiError(400, 'invalid', '请至少勾选两条意见再合并');
    await mergeGroups({ ...listContext(c, campaign) }, many(f.groupIds), title || undefined, one(f.category) || undefined);
  });
});

opinions.post('/campaigns/:id/opinions/:groupId/split', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已拆分；留下的记录显示其首条原文，如需可改名', async () => {
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

// 是同一问题: one click merges the two (two of different categories need the category chosen on the card).
opinions.post('/campaigns/:id/opinions/suggestions/accept', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已合并：两条意见是同一问题', async () => {
    const { groupIds, category } = SuggestionAnswerSchema.parse({ groupIds: many(f.groupIds), category: one(f.category) || undefined });
    await acceptSuggestion(listContext(c, campaign), groupIds, category);
  });
});

// 不是同一问题: never merged automatically nor suggested again, in this campaign.
opinions.post('/campaigns/:id/opinions/suggestions/reject', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已记录：不是同一问题，今后不再自动合并或提示', async () => {
    const { groupIds } = SuggestionAnswerSchema.parse({ groupIds: many(f.groupIds) });
    await rejectSuggestion(listContext(c, campaign), groupIds);
  });
});

// 分组经验: an admin shares another campaign's learnt weights with this one, or takes a share back.
opinions.post('/campaigns/:id/opinions/learning/share', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已共享：本活动的自动合并将参考该活动的分组经验', async () => {
    const { fromCampaignId } = ShareLearningSchema.parse({ fromCampaignId: one(f.fromCampaignId) });
    await shareLearning(listContext(c, campaign), fromCampaignId);
  });
});

opinions.post('/campaigns/:id/opinions/learning/withdraw', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, opinionsPath(campaign.id), '已撤回共享的分组经验', async () => {
    await withdrawLearning(listContext(c, campaign), one(f.fromCampaignId));
  });
});
