/** The campaign list (and creating a campaign) and one campaign's overview with its figures. */
import { Hono } from 'hono';
import { unitDashboard } from '../../ledger/unit-dashboard';
import { digestFor } from '../../reminders/digest';
import { loadReminders } from '../../reminders/service';
import { z } from 'zod';
import { CreateCampaignSchema } from '../../../shared/model/campaign';
import { DateSchema } from '../../../shared/model/ids';
import { createCampaign } from '../../campaigns/service';
import { act, campaignOf, type ConsoleEnv, form, one, send } from '../kit';
import { campaignsBody, overviewBody } from '../pages/campaigns';

const RangeSchema = z.object({
  from: DateSchema.optional().or(z.literal('').transform(() => undefined)),
  to: DateSchema.optional().or(z.literal('').transform(() => undefined)),
});

export const campaigns = new Hono<ConsoleEnv>();

campaigns.get('/', async (c) => send(c, '活动列表', campaignsBody(await c.var.store.find('campaigns'), c.var.csrf)));

campaigns.post('/campaigns', async (c) => {
  const f = await form(c);
  let id = '';
  const res = await act(c, '/console', '活动已创建', async () => {
    const input = CreateCampaignSchema.parse({
      title: one(f.title),
      ...(one(f.template) ? { template: one(f.template) } : {}),
      ...(one(f.unit) ? { unit: one(f.unit) } : {}),
    });
    id = (await createCampaign(c.var.store, input, { actorId: c.var.user.id, now: c.var.now() })).id;
  });
  // A new campaign goes straight to choosing its members; a refusal stays on the list with its notice.
  return id ? c.redirect(`/console/campaigns/${encodeURIComponent(id)}/members`, 303) : res;
});

campaigns.get('/campaigns/:id', async (c) => {
  const campaign = await campaignOf(c);
  const parsed = RangeSchema.safeParse({ from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' });
  const range = parsed.success ? parsed.data : {};
  const view = c.var.queries.of(campaign);
  const [figures, items, study, talks] = await Promise.all([view.figures(range), view.items(), view.studyLedger(), view.talks()]);
  const units = unitDashboard({ items, study, talks: talks.talks, today: view.today });
  const digest = digestFor(await loadReminders(c.var.store, campaign, view.today));
  return send(c, campaign.title, overviewBody(campaign, figures, range, units, digest));
});
