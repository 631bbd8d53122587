/**
 * Site rules shared through a campaign (issue 13): a member proposes a rule they taught, the office
 * shares it (or its own) with every member, withdraws it or rejects a proposal. The whole list can
 * also be set through `PATCH /campaigns/:id/settings`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { IdSchema } from '../../shared/model/ids';
import { SiteRuleSchema } from '../../shared/model/site-rules';
import { removeSiteRule, shareProposal, submitSiteRule } from '../campaigns/site-rules';
import { validate } from '../http/validate';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';

const CampaignParam = z.object({ id: IdSchema }).strict();
// Any rule id is only looked up: one the campaign does not have, however spelt, is a 404.
const RuleParam = z.object({ id: IdSchema, ruleId: z.string().max(200, '规则编号过长') }).strict();

export const siteRuleRoutes = new Hono<AppEnv>()
  // The office's rule is shared at once, a member's waits for the office: 201 the first time, 200 when the id was already there.
  .post(
    '/campaigns/:id/site-rules',
    validate('param', CampaignParam),
    // Who may ask comes before what they sent: a stranger to the campaign learns nothing from the body's checks.
    async (c, next) => {
      await campaignForCaller(c, c.req.valid('param').id);
      await next();
    },
    validate('json', SiteRuleSchema),
    async (c) => {
      const { state, rule, created } = await submitSiteRule(c.var.store, c.var.quotas, c.req.valid('param').id, c.var.user, c.req.valid('json'), c.var.now());
      return c.json({ state, rule }, created ? 201 : 200);
    },
  )
  .post('/campaigns/:id/site-rules/:ruleId/share', requireAdmin, validate('param', RuleParam), async (c) => {
    const { id, ruleId } = c.req.valid('param');
    const { state, rule } = await shareProposal(c.var.store, id, ruleId, { actorId: c.var.user.id, now: c.var.now() });
    return c.json({ state, rule });
  })
  .delete('/campaigns/:id/site-rules/:ruleId', requireAdmin, validate('param', RuleParam), async (c) => {
    const { id, ruleId } = c.req.valid('param');
    const { removedAs, rule } = await removeSiteRule(c.var.store, id, ruleId, { actorId: c.var.user.id, now: c.var.now() });
    return c.json({ state: removedAs, rule });
  });
