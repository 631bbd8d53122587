/** A campaign's audit log (操作日志), read-only. */
import { Hono } from 'hono';
import { campaignOf, type ConsoleEnv, send } from '../kit';
import { auditBody } from '../pages/audit';

export const audit = new Hono<ConsoleEnv>();

audit.get('/campaigns/:id/audit', async (c) => {
  const campaign = await campaignOf(c);
  const [entries, users] = await Promise.all([c.var.store.find('audit', { campaignId: campaign.id }), c.var.store.find('users')]);
  return send(c, `${campaign.title} · 操作日志`, auditBody(campaign.id, entries, users, c.var.timeZone));
});
