import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { hashToken } from '../../server/auth/tokens';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

describe('people', () => {
  it('an admin creates a user whose token is shown once and stored only as its hash', async () => {
    const res = await t.api('POST', '/api/v1/users', { body: { name: '李老师', unit: '计算机学院', role: 'member' } });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ name: '李老师', unit: '计算机学院', role: 'member' });
    const token: string = res.body.token;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const tokens = await t.store.find('tokens', { userId: res.body.user.id });
    expect(tokens.map((d) => d.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(await t.store.find('tokens'))).not.toContain(token);
    const me = await t.api('GET', '/api/v1/me', { token });
    expect(me.body.user).toEqual({ id: res.body.user.id, name: '李老师', unit: '计算机学院', role: 'member' });
  });

  it('rotating a token revokes the old one; revoking leaves the user without access', async () => {
    const { user, token } = await t.createUser('王主任', '学工部');
    const rotated = await t.api('POST', `/api/v1/users/${user.id}/token`);
    expect(rotated.status).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: rotated.body.token })).status).toBe(200);
    expect((await t.api('DELETE', `/api/v1/users/${user.id}/token`)).body).toEqual({ revoked: 1 });
    expect((await t.api('GET', '/api/v1/me', { token: rotated.body.token })).status).toBe(401);
  });

  it('refuses users with missing or oversized fields, naming the field', async () => {
    const before = (await t.store.find('users')).length;
    const res = await t.api('POST', '/api/v1/users', { body: { name: 'x'.repeat(51), unit: '学工部' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid', field: 'name' });
    expect(res.body.error.message).toMatch(/过长/);
    expect((await t.store.find('users')).length).toBe(before);
  });
});

describe('campaigns', () => {
  it('the grassroots template ends its stages on 05-31, 06-30, 10-31 and 12-31 of the year', async () => {
    const res = await t.api('POST', '/api/v1/campaigns', { body: { title: '2025 下基层', template: 'grassroots', year: 2025 } });
    expect(res.status).toBe(201);
    const k = res.body.campaign;
    expect(k.stages.map((s: { title: string; end: string }) => [s.title, s.end])).toEqual([
      ['动员部署', '2025-05-31'],
      ['全面开展', '2025-06-30'],
      ['持续深化', '2025-10-31'],
      ['巩固提升', '2025-12-31'],
    ]);
    expect(k.categories).toContain('后勤服务');
  });

  it.each(['mass-line', 'counselor-contact', 'excellence'])('the %s template fills stages, categories, channels and obligations', async (template) => {
    const res = await t.api('POST', '/api/v1/campaigns', { body: { title: template, template, year: 2024 } });
    expect(res.status).toBe(201);
    const k = res.body.campaign;
    expect(k.stages.length).toBeGreaterThanOrEqual(3);
    for (const s of k.stages) expect(s.start <= s.end && s.start.startsWith('2024')).toBe(true);
    expect(k.categories.length).toBeGreaterThan(0);
    expect(k.channels.length).toBeGreaterThan(0);
    expect(Object.keys(k.obligations).length).toBeGreaterThan(0);
  });

  it('counselor-contact asks for a talk each quarter', async () => {
    const res = await t.api('POST', '/api/v1/campaigns', { body: { title: '联系辅导员', template: 'counselor-contact', year: 2024 } });
    expect(res.body.campaign.obligations.talksPerQuarter).toBe(1);
  });

  it('members see only the campaigns they belong to; setting members checks the users exist', async () => {
    const a = await t.createUser('甲', '一院');
    const b = await t.createUser('乙', '二院');
    const k = (await t.api('POST', '/api/v1/campaigns', { body: { title: '创先争优', template: 'excellence' } })).body.campaign;
    expect((await t.api('GET', `/api/v1/campaigns/${k.id}`, { token: a.token })).status).toBe(403);
    const bad = await t.api('PUT', `/api/v1/campaigns/${k.id}/members`, { body: { userIds: [a.user.id, 'u-nobody'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('userIds.1');
    const ok = await t.api('PUT', `/api/v1/campaigns/${k.id}/members`, { body: { userIds: [a.user.id] } });
    expect(ok.body.campaign.memberIds).toEqual([a.user.id]);
    expect((await t.api('GET', `/api/v1/campaigns/${k.id}`, { token: a.token })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token: a.token })).body.campaigns.map((c: { id: string }) => c.id)).toEqual([k.id]);
    expect((await t.api('GET', '/api/v1/me', { token: b.token })).body.campaigns).toEqual([]);
    expect((await t.api('GET', '/api/v1/campaigns/k-missing')).status).toBe(404);
  });

  it('refuses an unknown template with a Chinese message', async () => {
    const res = await t.api('POST', '/api/v1/campaigns', { body: { title: 'x', template: 'nope' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid', field: 'template' });
    expect(res.body.error.message).toMatch(/模板/);
  });
});
