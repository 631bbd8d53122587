import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { createApp } from '../../server/app';

type Caller = 'none' | 'bad' | 'member' | 'other' | 'admin';
const CALLERS: Caller[] = ['none', 'bad', 'member', 'other', 'admin'];

let t: TestServer;
let tokens: Record<Caller, string | null>;
let ids: { member: string; other: string; campaign: string; spare: string; task: string };

beforeAll(async () => {
  t = await startTestServer();
  const member = await t.createUser('成员', '一院');
  const other = await t.createUser('他人', '二院');
  const spare = await t.createUser('备用', '三院');
  const k = await t.api('POST', '/api/v1/campaigns', { body: { title: '活动', template: 'mass-line', memberIds: [member.user.id] } });
  tokens = { none: null, bad: 'tz_this-is-not-a-real-token-000000', member: member.token, other: other.token, admin: t.adminToken };
  // A rectification task assigned to the member: they may report on it, nobody else but the office may.
  const problem = await t.api('POST', `/api/v1/campaigns/${k.body.campaign.id}/items`, { body: { list: 'problem', title: '浴室高峰期排队时间长' } });
  const task = await t.api('POST', `/api/v1/campaigns/${k.body.campaign.id}/items`, {
    body: {
      list: 'task',
      title: '延长浴室开放时间',
      responsibleLeader: '张副校长',
      responsibleUnit: '后勤处',
      sourceItemIds: [problem.body.item.id],
      assigneeId: member.user.id,
      deadline: '2030-06-30',
    },
  });
  ids = { member: member.user.id, other: other.user.id, campaign: k.body.campaign.id, spare: spare.user.id, task: task.body.item.id };
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
  { route: 'POST /users/:id/disable', method: 'POST', path: () => `/api/v1/users/${ids.spare}/disable`, expect: adminOnly(200) },
  { route: 'POST /users/:id/enable', method: 'POST', path: () => `/api/v1/users/${ids.spare}/enable`, expect: adminOnly(200) },
  { route: 'GET /campaigns', method: 'GET', path: () => '/api/v1/campaigns', expect: anyone(200) },
  { route: 'POST /campaigns', method: 'POST', path: () => '/api/v1/campaigns', body: () => ({ title: '新活动' }), expect: adminOnly(201) },
  {
    route: 'GET /campaigns/:id',
    method: 'GET',
    path: () => `/api/v1/campaigns/${ids.campaign}`,
    expect: { none: 401, bad: 401, member: 200, other: 403, admin: 200 },
  },
  {
    route: 'PUT /campaigns/:id/members',
    method: 'PUT',
    path: () => `/api/v1/campaigns/${ids.campaign}/members`,
    body: () => ({ userIds: [ids.member] }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /campaigns/:id/members',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/members`,
    body: () => ({ userIds: [ids.member] }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /campaigns/:id/settings',
    method: 'PATCH',
    path: () => `/api/v1/campaigns/${ids.campaign}/settings`,
    body: () => ({ oaOrigins: ['https://oa.example.edu.cn/*'] }),
    expect: adminOnly(200),
  },
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
  // Site rules (issue 13): a member proposes, the office shares; anyone outside the campaign is refused.
  {
    route: 'POST /campaigns/:id/site-rules',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/site-rules`,
    body: (caller) => ({
      id: `rule-${caller}`,
      site: 'https://oa.example.edu.cn',
      field: 'docNumber',
      label: '发文字号',
      createdAt: '2026-03-01T08:00:00.000Z',
    }),
    expect: { none: 401, bad: 401, member: 201, other: 403, admin: 201 },
  },
  {
    route: 'POST site-rules/:ruleId/share',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/site-rules/:ruleId/share`,
    expect: adminOnly(404),
  },
  {
    route: 'DELETE site-rules/:ruleId',
    method: 'DELETE',
    path: () => `/api/v1/campaigns/${ids.campaign}/site-rules/:ruleId`,
    expect: adminOnly(404),
  },
  // The campaign's lists, ledgers and exports are the office's; a member reaches only their own task.
  { route: 'GET /me/tasks', method: 'GET', path: () => '/api/v1/me/tasks', expect: anyone(200) },
  { route: 'GET opinions', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/opinions`, expect: adminOnly(200) },
  {
    route: 'POST opinions/merge',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/merge`,
    body: () => ({ groupIds: ['g-none-1', 'g-none-2'] }),
    expect: adminOnly(404),
  },
  {
    route: 'POST opinions/:g/split',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/g-none/split`,
    body: () => ({ recordIds: ['r-none'] }),
    expect: adminOnly(404),
  },
  {
    route: 'PATCH opinions/:g',
    method: 'PATCH',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/g-none`,
    body: () => ({ title: '新标题' }),
    expect: adminOnly(404),
  },
  // The suggestions "可能是同一问题" and the office's answers: the office's alone, like the merge itself.
  { route: 'GET opinions/suggestions', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/opinions/suggestions`, expect: adminOnly(200) },
  {
    route: 'POST opinions/suggestions/accept',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/suggestions/accept`,
    body: () => ({ groupIds: ['g-none-1', 'g-none-2'] }),
    expect: adminOnly(404),
  },
  {
    route: 'POST opinions/suggestions/reject',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/suggestions/reject`,
    body: () => ({ groupIds: ['g-none-1', 'g-none-2'] }),
    expect: adminOnly(404),
  },
  // What the campaign's grouping learns from, and another campaign's learning an admin shares with it.
  { route: 'GET opinions/learning', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/opinions/learning`, expect: adminOnly(200) },
  {
    route: 'POST opinions/learning/shared',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/learning/shared`,
    body: () => ({ fromCampaignId: 'c-none' }),
    expect: adminOnly(404),
  },
  {
    route: 'DELETE opinions/learning/shared/:from',
    method: 'DELETE',
    path: () => `/api/v1/campaigns/${ids.campaign}/opinions/learning/shared/c-none`,
    expect: adminOnly(404),
  },
  { route: 'GET items', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/items`, expect: adminOnly(200) },
  {
    route: 'POST items',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/items`,
    body: () => ({ list: 'problem', title: '查摆问题' }),
    expect: adminOnly(201),
  },
  {
    route: 'GET items/:id',
    method: 'GET',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}`,
    expect: { none: 401, bad: 401, member: 200, other: 403, admin: 200 },
  },
  {
    route: 'PATCH items/:id',
    method: 'PATCH',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}`,
    body: () => ({ responsibleUnit: '后勤处' }),
    expect: adminOnly(200),
  },
  {
    route: 'POST items/:id/progress',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/progress`,
    body: () => ({ progress: '已与后勤处对接' }),
    expect: { none: 401, bad: 401, member: 200, other: 403, admin: 200 },
  },
  {
    route: 'POST items/:id/close',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/close`,
    body: () => ({ evidence: '' }),
    expect: { none: 401, bad: 401, member: 403, other: 403, admin: 409 },
  },
  {
    // Open task: the admin is told there is nothing to take back.
    route: 'POST items/:id/reopen',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/reopen`,
    body: () => ({ reason: '佐证材料不全' }),
    expect: { none: 401, bad: 401, member: 403, other: 403, admin: 409 },
  },
  { route: 'GET items/:id/trace', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/trace`, expect: adminOnly(200) },
  { route: 'GET audit', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/audit`, expect: adminOnly(200) },
  { route: 'GET figures', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/figures`, expect: adminOnly(200) },
  { route: 'GET ledger/study', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/ledger/study`, expect: adminOnly(200) },
  { route: 'GET ledger/talks', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/ledger/talks`, expect: adminOnly(200) },
  { route: 'GET export/opinions.xlsx', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/export/opinions.xlsx`, expect: adminOnly(200) },
  { route: 'GET export/tasks.csv', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/export/tasks.csv`, expect: adminOnly(200) },
  { route: 'GET export/summary.docx', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/export/summary.docx`, expect: adminOnly(200) },
  // 佐证材料 files (evidence-*.test.ts has the full matrix): the office and the assignee only; anyone else the
  // same 404 as a missing item. An empty upload is a 400; the literal ":fileId" is a file that does not exist.
  {
    route: 'POST items/:id/files',
    method: 'POST',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/files`,
    expect: { none: 401, bad: 401, member: 400, other: 404, admin: 400 },
  },
  {
    route: 'GET items/:id/files',
    method: 'GET',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/files`,
    expect: { none: 401, bad: 401, member: 200, other: 404, admin: 200 },
  },
  {
    route: 'GET items/:id/files/:fileId',
    method: 'GET',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/files/:fileId`,
    expect: { none: 401, bad: 401, member: 404, other: 404, admin: 404 },
  },
  {
    route: 'DELETE items/:id/files/:fileId',
    method: 'DELETE',
    path: () => `/api/v1/campaigns/${ids.campaign}/items/${ids.task}/files/:fileId`,
    expect: { none: 401, bad: 401, member: 404, other: 404, admin: 404 },
  },
  { route: 'GET reminders', method: 'GET', path: () => `/api/v1/campaigns/${ids.campaign}/reminders`, expect: adminOnly(200) },
];

describe('access matrix', () => {
  for (const c of CASES) {
    it.each(CALLERS)(`${c.route} as %s`, async (caller) => {
      const res = await t.api(c.method, c.path(), { token: tokens[caller], body: c.body?.(caller) });
      expect(res.status, JSON.stringify(res.body)).toBe(c.expect[caller]);
      if (res.status === 401 || res.status === 403) expect(res.body.error.code).toMatch(/^(unauthorized|forbidden)$/);
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
    // Every route is in the matrix above, so a new route cannot slip in without its access rules being tested.
    const covered = new Set(CASES.map((c) => `${c.method} ${c.path().replace(ids.campaign, ':id').replace(ids.task, ':itemId').replace(ids.spare, ':id')}`));
    const normalise = (r: { method: string; path: string }) => `${r.method} ${r.path.replace('/export/:file', '/export/opinions.xlsx')}`;
    const uncovered = routes
      .map(normalise)
      .filter(
        (r) =>
          ![...covered].some(
            (c) =>
              c === r ||
              c.replace(/\/(tasks\.csv|summary\.docx)$/, '/opinions.xlsx') === r ||
              c.replace(/g-none/, ':groupId') === r ||
              c.replace(/shared\/c-none$/, 'shared/:fromCampaignId') === r,
          ),
      );
    expect(uncovered).toEqual([]);
    for (const r of routes) {
      const p = r.path.replace(/:(\w+)(\{[^}]*\})?/g, 'x-1').replace(/\*$/, '');
      const res = await t.api(r.method, p, { token: null });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });
});

describe('routes outside /api/v1 and /console', () => {
  /**
   * Public on purpose: browsers and campus IT fetch these without a token (server/api/extension.ts), and
   * nothing in them is secret — the id and URLs are in every installed copy. Without a distribution
   * (this app has none) each answers 503 in Chinese; extension-dist.test.ts has them with one.
   */
  const PUBLIC: Array<[method: string, path: string, status: number]> = [
    ['GET', '/healthz', 200],
    ['GET', '/extension/updates.xml', 503],
    ['GET', '/extension/taizhang.crx', 503],
    ['GET', '/extension/taizhang.xpi', 503],
    ['GET', '/extension/policies/:name', 503],
  ];

  it('are exactly the deliberately public ones, and answer without a token', async () => {
    const app = createApp({ store: t.store });
    const outside = app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/v1/') && !r.path.startsWith('/console'))
      .map((r) => `${r.method} ${r.path}`);
    expect([...new Set(outside)].sort()).toEqual(PUBLIC.map(([m, p]) => `${m} ${p}`).sort());
    for (const [method, p, status] of PUBLIC) {
      const res = await t.api(method, p.replace(':name', 'chrome-linux.json'), { token: null });
      expect(res.status, `${method} ${p}`).toBe(status);
      if (status === 503) expect(res.body.error.message).toBe('本服务器未启用扩展分发');
    }
  });
});

describe('failed token attempts', () => {
  it('are limited per address, while a valid token from that address always works', async () => {
    let clock = 1_750_000_000_000;
    const s = await startTestServer({ now: () => clock, authRateLimit: { maxFailures: 5, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 5; i++) expect((await s.api('GET', '/api/v1/me', { token: `tz_wrong-token-attempt-${i}-xxxxxxxx` })).status).toBe(401);
      const blocked = await s.api('GET', '/api/v1/me', { token: 'tz_wrong-token-attempt-6-xxxxxxxx' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
      expect(blocked.body.error.message).toMatch(/请 1 分钟后再试/);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Someone else behind the same address (campus NAT, the reverse proxy) is not locked out.
      expect((await s.api('GET', '/api/v1/me', { token: s.adminToken })).status).toBe(200);
      clock += 61_000;
      expect((await s.api('GET', '/api/v1/me', { token: 'tz_wrong-token-attempt-7-xxxxxxxx' })).status).toBe(401);
    } finally {
      await s.stop();
    }
  });
});
