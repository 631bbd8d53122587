/** `PATCH /api/v1/campaigns/:id/settings`: what the console's settings form does, over the API (issue 9). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../support/console-client';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign } from './lists-support';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

const stages = [
  { key: 'learn', title: '学习教育', start: '2026-03-01', end: '2026-04-30' },
  { key: 'fix', title: '整改整治', start: '2026-05-01', end: '2026-06-30' },
];

describe('campaign settings over the API', () => {
  it('an admin changes stages, OA sites and obligations; what is left out stays; the change is audited and the console shows it', async () => {
    const { id } = await createCampaign(t);
    const before = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    const res = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { stages, oaOrigins: ['https://oa.example.edu.cn/*'] } });
    expect(res.status).toBe(200);
    expect(res.body.campaign).toMatchObject({ stages, oaOrigins: ['https://oa.example.edu.cn/*'], obligations: before.obligations });
    const quota = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { obligations: { ...before.obligations, talksPerQuarter: 2 } } });
    expect(quota.body.campaign).toMatchObject({ stages, obligations: { talksPerQuarter: 2 } });

    const audit = await t.api('GET', `/api/v1/campaigns/${id}/audit`);
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'campaign.settings')).toHaveLength(2);
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    expect((await office.get(`/console/campaigns/${id}/settings`)).text).toContain('fix | 整改整治 | 2026-05-01 | 2026-06-30');
  });

  it('refuses a stage that ends before it starts, repeated stage keys and unknown fields, in Chinese, changing nothing', async () => {
    const { id } = await createCampaign(t);
    const before = (await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign;
    const backwards = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { stages: [{ ...stages[0], end: '2026-02-01' }] } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('第 1 行环节：环节“学习教育”的结束日期早于开始日期');
    const repeated = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { stages: [stages[0], { ...stages[1], key: 'learn' }] } });
    expect(repeated.body.error.message).toBe('环节标识不能重复');
    const unknown = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { title: '改名' } });
    expect(unknown.status).toBe(400);
    const badSite = await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { oaOrigins: ['javascript:alert(1)'] } });
    expect(badSite.status).toBe(400);
    expect((await t.api('GET', `/api/v1/campaigns/${id}`)).body.campaign).toEqual(before);
  });

  it('is the office’s: a member gets 403, an unknown campaign 404', async () => {
    const { id } = await createCampaign(t);
    const member = await addMember(t, id, '周扬');
    expect((await t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { token: member.token, body: { stages } })).status).toBe(403);
    expect((await t.api('PATCH', '/api/v1/campaigns/k_nope/settings', { body: { stages } })).status).toBe(404);
  });
});
