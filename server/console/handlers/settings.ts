/**
 * A campaign's settings (活动设置): stages, quotas and OA sites, saved through the API's service (audited
 * as campaign.settings); and its 站点读取规则, shared, withdrawn and rejected through the API's too.
 */
import { Hono } from 'hono';
import { updateCampaignSettings } from '../../campaigns/settings';
import { removeSiteRule, shareProposal } from '../../campaigns/site-rules';
import { parseSettingsForm } from '../campaign-settings';
import type { CampaignDoc } from '../../store/store';
import { html } from '../html';
import { act, type C, campaignOf, type ConsoleEnv, form, one, send } from '../kit';
import { settingsBody } from '../pages/settings';
import { siteRulesSection } from '../pages/site-rules';

const settingsPath = (id: string) => `/console/campaigns/${encodeURIComponent(id)}/settings`;
const membersOf = async (c: C, campaign: CampaignDoc) => (await c.var.store.find('users')).filter((u) => campaign.memberIds.includes(u.id));

export const settings = new Hono<ConsoleEnv>();

settings.get('/campaigns/:id/settings', async (c) => {
  const campaign = await campaignOf(c);
  // Whoever taught a rule may since have left the campaign: names come from every user.
  const users = new Map((await c.var.store.find('users')).map((u) => [u.id, u.name]));
  const nameOf = (id: string) => users.get(id) ?? '（已删除的用户）';
  return send(
    c,
    `${campaign.title} · 活动设置`,
    html`${settingsBody(campaign, c.var.csrf, await membersOf(c, campaign))}${siteRulesSection(campaign, c.var.csrf, nameOf)}`,
  );
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

const actor = (c: C) => ({ actorId: c.var.user.id, now: c.var.now() });

settings.post('/campaigns/:id/site-rules/:ruleId/share', async (c) => {
  const campaign = await campaignOf(c);
  return act(c, settingsPath(campaign.id), '规则已共享，成员同步后即可使用', () => shareProposal(c.var.store, campaign.id, c.req.param('ruleId'), actor(c)));
});

settings.post('/campaigns/:id/site-rules/:ruleId/withdraw', async (c) => {
  const campaign = await campaignOf(c);
  return act(c, settingsPath(campaign.id), '规则已撤回，成员同步后不再使用', () =>
    removeSiteRule(c.var.store, campaign.id, c.req.param('ruleId'), actor(c), 'shared'),
  );
});

settings.post('/campaigns/:id/site-rules/:ruleId/reject', async (c) => {
  const campaign = await campaignOf(c);
  return act(c, settingsPath(campaign.id), '已不采纳这条规则', () => removeSiteRule(c.var.store, campaign.id, c.req.param('ruleId'), actor(c), 'proposed'));
});
