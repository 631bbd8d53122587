import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { createApp } from '../../server/app';

type Caller = 'none' | 'bad' | 'member' | 'other' | 'admin';
const CALLERS: Caller[] = ['none', 'bad', 'member', 'other', 'admin'];

let t: TestServer;
let tokens: Record<Caller, string | null>;
let ids: { member: string; other: string; campaign: string; spare: string };

beforeAll(async () => {
  t = await startTestServer();
  const member = await t.createUser('成员', '一院');
  const other = await t.createUser('他人', '二院');
  const spare = await t.createUser('备用', '三院');
  const k = await t.api('POST', '/api/v1/campaigns', { body: { title: '活动', template: 'mass-line', memberIds: [member.user.id] } });
  tokens = { none: null, bad: 'tz_this-is-not-a-real-token-000000', member: member.token, other: other.token, admin: t.adminToken };
  ids = { member: member.user.id, other: other.user.id, campaign: k.body.campaign.id, spare: spare.user.id };
  // The member's install is bound to them; "other" using the same clientId must be refused.
  await t.api('POST', '/api/v1/sync/push', { token: member.token, body: { protocolVersion: 1, clientId: 'member-client', mutations: [] } });
});
afterAll(() => t.stop());

interface Case {
  route: string;
  method: string;
  path: () => string;
  body?: (caller: Caller) => unknown;
  expect: Record<Caller, number>;
}

const anyone = (ok: number) => ({ none: 401, bad: 401, member: ok, other: ok, admin: ok });
const adminOnly = (ok: number) => ({ none: 401, bad: 401, member: 403, other: 403, admin: ok });

const CASES: Case[] = [
  { route: 'GET /me', method: 'GET', path: () => '/api/v1/me', expect: anyone(200) },
  { route: 'GET /users', method: 'GET', path: () => '/api/v1/users', expect: adminOnly(200) },
  { route: 'POST /users', method: 'POST', path: () => '/api/v1/users', body: () => ({ name: '新人', unit: '四院' }), expect: adminOnly(201) },
  { route: 'POST /users/:id/token', method: 'POST', path: () => `/api/v1/users/${ids.spare}/token`, expect: adminOnly(200) },
  { route: 'DELETE /users/:id/token', method: 'DELETE', path: () => `/api/v1/users/${ids.spare}/token`, expect: adminOnly(200) },
  { route: 'GET /campaigns', method: 'GET', path: () => '/api/v1/campaigns', expect: anyone(200) },
  { route: 'POST /campaigns', method: 'POST', path: () => '/api/v1/campaigns', body: () => ({ title: '新活动' }), expect: adminOnly(201) },
  { route: 'GET /campaigns/:id', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}`, expect: { none: 401, bad: 401, member: 200, other: 403, admin: 200 } },
  { route: 'PUT /campaigns/:id/members', method: 'PUT', path: () => `/api/v1/campaigns/${ids.campaign}/members`, body: () => ({ userIds: [ids.member] }), expect: adminOnly(200) },
  {
    route: 'POST /sync/push',
    method: 'POST',
    path: () => '/api/v1/sync/push',
    body: (caller) => ({ protocolVersion: 1, clientId: caller === 'admin' ? 'admin-client' : 'member-client', mutations: [] }),
    expect: { none: 401, bad: 401, member: 200, other: 403, admin: 200 },
  },
  {
    route: 'POST /sync/pull',
    method: 'POST',
    path: () => '/api/v1/sync/pull',
    body: (caller) => ({ protocolVersion: 1, clientId: caller === 'admin' ? 'admin-client' : 'member-client', cursor: null }),
    expect: { none: 401, bad: 401, member: 200, other: 403, admin: 200 },
  },
];

describe('access matrix', () => {
  for (const c of CASES) {
    it.each(CALLERS)(`${c.route} as %s`, async (caller) => {
      const res = await t.api(c.method, c.path(), { token: tokens[caller], body: c.body?.(caller) });
      expect(res.status, JSON.stringify(res.body)).toBe(c.expect[caller]);
      if (res.status >= 400) expect(res.body.error.code).toMatch(/^(unauthorized|forbidden)$/);
    });
  }

  it('what members see is limited to their own: pull gives the member only their campaign, nothing of others', async () => {
    const res = await t.api('POST', '/api/v1/sync/pull', { token: tokens.other, body: { protocolVersion: 1, clientId: 'other-client', cursor: null } });
    expect(res.body.entities).toEqual([]);
  });

  it('every route the app serves under /api/v1 (including other teams’ sub-apps) refuses a request without a token', async () => {
    const app = createApp({ store: t.store });
    const routes = app.routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThanOrEqual(CASES.length);
    for (const r of routes) {
      const p = r.path.replace(/:(\w+)(\{[^}]*\})?/g, 'x-1').replace(/\*$/, '');
      const res = await t.api(r.method, p, { token: null });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });
});

describe('failed token attempts', () => {
  it('are rate-limited per address, then allowed again after the window', async () => {
    let clock = 1_750_000_000_000;
    const s = await startTestServer({ now: () => clock, authRateLimit: { maxFailures: 5, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 5; i++) expect((await s.api('GET', '/api/v1/me', { token: `tz_wrong-token-attempt-${i}-xxxxxxxx` })).status).toBe(401);
      const blocked = await s.api('GET', '/api/v1/me', { token: s.adminToken });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      clock += 61_000;
      expect((await s.api('GET', '/api/v1/me', { token: s.adminToken })).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});
