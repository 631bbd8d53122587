/** A campaign's audit log (操作日志), read-only, filtered by person, object and action. */
import { Hono } from 'hono';
import { campaignOf, type ConsoleEnv, send } from '../kit';
import { auditBody } from '../pages/audit';

export const audit = new Hono<ConsoleEnv>();

audit.get('/campaigns/:id/audit', async (c) => {
  const campaign = await campaignOf(c);
  const view = c.var.queries.of(campaign);
  const [entries, users, items, opinions] = await Promise.all([
    c.var.store.find('audit', { campaignId: campaign.id }),
    view.users(),
    view.items(),
    view.opinions(),
  ]);
  const objects = new Map<string, string>([
    [campaign.id, campaign.title],
    ...users.map((u): [string, string] => [u.id, u.name]),
    ...opinions.map((o): [string, string] => [o.id, o.content]),
    ...items.map((i): [string, string] => [i.id, i.title]),
  ]);
  const filter = { actor: c.req.query('actor') || undefined, entity: c.req.query('entity') || undefined, action: c.req.query('action') || undefined };
  return send(c, `${campaign.title} · 操作日志`, auditBody({ campaignId: campaign.id, entries, users, objects, timeZone: c.var.timeZone, filter }));
});
