/** `GET /campaigns/:id/audit?entityId=`: the campaign's append-only audit entries (admins; no route edits them). */
import { Hono } from 'hono';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';

export const auditRoutes = new Hono<AppEnv>().get('/campaigns/:id/audit', requireAdmin, async (c) => {
  const campaign = await campaignForCaller(c, c.req.param('id'));
  const entityId = c.req.query('entityId');
  const entries = (await c.var.store.find('audit', { campaignId: campaign.id }))
    .filter((a) => !entityId || a.entityId === entityId)
    .sort((a, b) => a.seq - b.seq);
  return c.json({ entries });
});
