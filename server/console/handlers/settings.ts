/** A campaign's settings (活动设置): stages, quotas and OA sites, saved through the API's service (audited as campaign.settings). */
import { Hono } from 'hono';
import { updateCampaignSettings } from '../../campaigns/settings';
import { parseSettingsForm } from '../campaign-settings';
import type { CampaignDoc } from '../../store/store';
import { act, type C, campaignOf, type ConsoleEnv, form, one, send } from '../kit';
import { settingsBody } from '../pages/settings';

const settingsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/settings`;
const membersOf = async (c: C, campaign: CampaignDoc) => (await c.var.store.find('users')).filter((u) => campaign.memberIds.includes(u.id));

export const settings = new Hono<ConsoleEnv>();

settings.get('/campaigns/:id/settings', async (c) => {
  const campaign = await campaignOf(c);
  return send(c, `${campaign.title} · 活动设置`, settingsBody(campaign, c.var.csrf, await membersOf(c, campaign)));
});

settings.post('/campaigns/:id/settings', async (c) => {
  const campaign = await campaignOf(c);
  const f = await form(c);
  return act(c, settingsPath(campaign.id), '设置已保存', async () => {
    const input = parseSettingsForm(
      {
        stages: one(f.stages),
        oaOrigins: one(f.oaOrigins),
        ...(f.contacts !== undefined ? { contacts: one(f.contacts) } : {}),
        studyMinutesPerStage: one(f.studyMinutesPerStage),
        reflectionsPerStage: one(f.reflectionsPerStage),
        reflectionMinChars: one(f.reflectionMinChars),
        talksPerQuarter: one(f.talksPerQuarter),
      },
      await membersOf(c, campaign),
    );
    await updateCampaignSettings(c.var.store, campaign.id, input, { actorId: c.var.user.id, now: c.var.now() });
  });
});
