/** Campaign routes (◆): list, create from a template, read one, set members (or add some); and change settings (stages, OA sites, obligations, the reminder robot, shared site rules). */
import { Hono } from 'hono';
import { z } from 'zod';
import { CreateCampaignSchema } from '../../shared/model/campaign';
import { IdSchema } from '../../shared/model/ids';
import type { AppEnv } from './env';
import { campaignForCaller, requireAdmin } from './guards';
import { validate } from '../http/validate';
import { addMembers, campaignSeenBy, createCampaign, setMembers, visibleCampaigns } from '../campaigns/service';
import { CampaignSettingsPatchSchema, updateCampaignSettings } from '../campaigns/settings';
import { reminderSettingsView } from '../reminders/service';

const CampaignParam = z.object({ id: IdSchema }).strict();
const MembersBody = z.object({ userIds: z.array(IdSchema).max(10_000) }).strict();

export const campaignRoutes = new Hono<AppEnv>()
  .get('/campaigns', async (c) => c.json({ campaigns: await visibleCampaigns(c.get('store'), c.get('user')) }))
  .post('/campaigns', requireAdmin, validate('json', CreateCampaignSchema), async (c) => {
    const campaign = await createCampaign(c.get('store'), c.req.valid('json'), { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ campaign }, 201);
  })
  .get('/campaigns/:id', validate('param', CampaignParam), async (c) =>
    c.json({ campaign: campaignSeenBy(c.get('user'), await campaignForCaller(c, c.req.valid('param').id)) }),
  )
  .put('/campaigns/:id/members', requireAdmin, validate('param', CampaignParam), validate('json', MembersBody), async (c) => {
    const campaign = await setMembers(c.get('store'), c.req.valid('param').id, c.req.valid('json').userIds, { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ campaign });
  })
  // Adds to the members in one transaction (the admin CLI's add-members), where PUT would race a console edit.
  .post('/campaigns/:id/members', requireAdmin, validate('param', CampaignParam), validate('json', MembersBody), async (c) => {
    const campaign = await addMembers(c.get('store'), c.req.valid('param').id, c.req.valid('json').userIds, { actorId: c.get('user').id, now: c.get('now')() });
    return c.json({ campaign });
  })
  .patch('/campaigns/:id/settings', requireAdmin, validate('param', CampaignParam), validate('json', CampaignSettingsPatchSchema), async (c) => {
    const campaign = await updateCampaignSettings(c.get('store'), c.req.valid('param').id, c.req.valid('json'), {
      actorId: c.get('user').id,
      now: c.get('now')(),
    });
    // The group robot's settings as shown (server/reminders/): the token masked, `secretSet` for the secret.
    return c.json({ campaign, reminders: reminderSettingsView(await c.get('store').get('reminders', campaign.id)) });
  });
