/**
 * Reminders for the campaign office: the 待办 route, the robot settings (validation, the secret never
 * answered), the sender against a fake robot on 127.0.0.1, and the daily scheduler on a driven clock.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReminderScheduler } from '../../server/reminders/scheduler';
import { campaignDigest } from '../../server/reminders/service';
import { ALLOW_LOCAL_ENV, sendWebhook } from '../../server/reminders/webhook';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, type Member } from './lists-support';

// ---- a fake group robot -------------------------------------------------------------------------

interface Received {
  url: string;
  body: any;
}
type Reply = { status?: number; json?: unknown; raw?: string; headers?: Record<string, string> } | 'hang';

interface FakeRobot {
  url: string;
  received: Received[];
  /** Requests held open by 'hang' that have not been answered or closed. */
  held: Set<ServerResponse>;
  /** Resolves at the next request. */
  next(): Promise<Received>;
  close(): Promise<void>;
}

async function fakeRobot(reply: (n: number, r: Received) => Reply): Promise<FakeRobot> {
  const received: Received[] = [];
  const held = new Set<ServerResponse>();
  let waiters: ((r: Received) => void)[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') };
      received.push(r);
      const answer = reply(received.length, r);
      for (const w of waiters) w(r);
      waiters = [];
      if (answer === 'hang') {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.raw ?? JSON.stringify(answer.json ?? { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/robot/send?access_token=fake-token-0123456789`,
    received,
    held,
    next: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const OK = { json: { errcode: 0, errmsg: 'ok' } };
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef';
const FAST = { timeoutMs: 2000, backoffMs: [0, 0] };

afterEach(() => {
  vi.unstubAllEnvs();
});

// ---- shared server ------------------------------------------------------------------------------

// 2024-06-20 17:00 UTC is 2024-06-21 01:00 in Shanghai: "today" must be the 21st.
const clock = Date.parse('2024-06-20T17:00:00Z');
let t: TestServer;
let campaignId: string;
let zhang: Member;
let li: Member;

async function addItem(body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body });
  if (res.status !== 201) throw new Error(`item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.item.id;
}

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
  campaignId = (await createCampaign(t)).id;
  zhang = await addMember(t, campaignId, '张伟', '后勤处');
  li = await addMember(t, campaignId, '李娜', '教务处');
  const problem = await addItem({ list: 'problem', title: '浴室高峰期排队时间长', responsibleUnit: '后勤处', assigneeId: zhang.id, deadline: '2024-06-20' });
  const task = { list: 'task', sourceItemIds: [problem], responsibleLeader: '王副校长' };
  await addItem({ ...task, title: '延长浴室开放时间', responsibleUnit: '后勤处', assigneeId: zhang.id, deadline: '2024-06-23' });
  await addItem({ ...task, title: '选课系统扩容', responsibleUnit: '教务处', assigneeId: li.id, deadline: '2024-06-19' });
  await addItem({ ...task, title: '宿舍维修响应', responsibleUnit: '后勤处', deadline: '2024-07-30' });
  await addItem({ list: 'problem', title: '食堂价格', deadline: '2024-06-22' });
});
afterAll(() => t?.stop());

describe('GET /campaigns/:id/reminders', () => {
  it('groups overdue and due-soon items by unit and by person, "today" in the deployment zone', async () => {
    const res = await t.api('GET', `/api/v1/campaigns/${campaignId}/reminders`);
    expect(res.status).toBe(200);
    const { reminders, digest, robot } = res.body;
    expect(reminders).toMatchObject({ campaignId, today: '2024-06-21', dueSoonDays: 3, counts: { overdue: 2, dueSoon: 2, awaitingClose: 0 } });
    expect(reminders.byUnit.map((g: any) => [g.label, g.overdue, g.dueSoon])).toEqual([
      ['后勤处', 1, 1],
      ['教务处', 1, 0],
      ['（未指定部门）', 0, 1],
    ]);
    expect(reminders.byPerson.map((g: any) => [g.label, g.unit, g.overdue, g.dueSoon])).toEqual([
      ['张伟', '后勤处', 1, 1],
      ['李娜', '教务处', 1, 0],
      ['（未指定责任人）', '', 0, 1],
    ]);
    expect(reminders.byUnit[0].items[0]).toMatchObject({ title: '浴室高峰期排队时间长', list: 'problem', overdue: true, days: 1, assigneeName: '张伟' });
    expect(digest).toBe('今日待办：逾期 2 项，3 日内到期 2 项；后勤处 1 项逾期、1 项将到期；教务处 1 项逾期；（未指定部门） 1 项将到期。');
    expect(robot).toEqual({ webhook: null, hour: 8, lastSentDay: null, lastSend: null });
    // What the console's banner calls gives the same sentence.
    expect(await campaignDigest(t.store, { id: campaignId, title: '' }, '2024-06-21')).toBe(digest);
  });

  it('takes a wider window with ?days= and refuses a bad one in Chinese', async () => {
    const wide = await t.api('GET', `/api/v1/campaigns/${campaignId}/reminders?days=30`);
    expect(wide.body.reminders.counts).toMatchObject({ overdue: 2, dueSoon: 2 });
    const wider = await t.api('GET', `/api/v1/campaigns/${campaignId}/reminders?days=10`);
    expect(wider.body.digest).toContain('10 日内到期');
    const bad = await t.api('GET', `/api/v1/campaigns/${campaignId}/reminders?days=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('到期提醒天数应为 1–30 的整数');
  });

  it('is the office’s: a member of the campaign gets 403, an unknown campaign 404, no token 401', async () => {
    const member = await t.api('GET', `/api/v1/campaigns/${campaignId}/reminders`, { token: zhang.token });
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('forbidden');
    expect((await t.api('GET', '/api/v1/campaigns/k_nope/reminders')).status).toBe(404);
    expect((await t.api('GET', `/api/v1/campaigns/${campaignId}/reminders`, { token: null })).status).toBe(401);
  });
});

describe('robot settings in PATCH /campaigns/:id/settings', () => {
  const DING = 'https://oapi.dingtalk.com/robot/send?access_token=6d1e8b6f0c9a4f2b8e7d6c5b4a39281706f5e4d3';
  const patch = (id: string, reminders: unknown, token?: string) => t.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { reminders }, token });

  it('refuses a bad address, a foreign host, plain http, a misplaced or malformed secret and a bad hour, in Chinese, changing nothing', async () => {
    const { id } = await createCampaign(t);
    const cases: [unknown, RegExp][] = [
      [{ webhook: { kind: 'dingtalk', url: 'not a url' } }, /群机器人地址不是有效的网址/],
      [
        { webhook: { kind: 'dingtalk', url: 'https://hooks.example.com/robot/send?access_token=x' } },
        /钉钉群机器人地址只能是官方地址 https:\/\/oapi\.dingtalk\.com/,
      ],
      [{ webhook: { kind: 'wecom', url: DING } }, /企业微信群机器人地址只能是官方地址 https:\/\/qyapi\.weixin\.qq\.com/],
      [{ webhook: { kind: 'dingtalk', url: DING.replace('https:', 'http:') } }, /须以 https:\/\/ 开头/],
      [{ webhook: { kind: 'dingtalk', url: 'http://127.0.0.1:9/robot/send?access_token=x' } }, /须以 https:\/\/ 开头/],
      [{ webhook: { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', secret: SECRET } }, /企业微信群机器人没有加签密钥/],
      [{ webhook: { kind: 'dingtalk', url: DING, secret: 'not-a-secret' } }, /以 SEC 开头/],
      [{ webhook: { kind: 'feishu', url: DING } }, /群机器人类型应为 dingtalk（钉钉）或 wecom（企业微信）/],
      [{ hour: 24 }, /发送时间应为 0–23 之间的整点/],
      [{ webhook: { kind: 'dingtalk', url: DING }, extra: 1 }, /不认识的字段/],
    ];
    for (const [body, message] of cases) {
      const res = await patch(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await t.api('GET', `/api/v1/campaigns/${id}/reminders`)).body.robot).toEqual({ webhook: null, hour: 8, lastSentDay: null, lastSend: null });
    expect(await t.store.get('reminders', id)).toBeUndefined();
  });

  it('stores the secret but never answers it (nor the whole token): secretSet, a masked URL, in every answer and the audit log', async () => {
    const { id } = await createCampaign(t);
    const member = await addMember(t, id, '周扬');
    const set = await patch(id, { webhook: { kind: 'dingtalk', url: DING, secret: SECRET }, hour: 9 });
    expect(set.status).toBe(200);
    expect(set.body.reminders).toEqual({
      webhook: { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=6d1e****', secretSet: true },
      hour: 9,
    });
    expect(await t.store.get('reminders', id)).toMatchObject({ webhook: { kind: 'dingtalk', url: DING, secret: SECRET }, hour: 9 });

    const answers = [
      set,
      await t.api('GET', `/api/v1/campaigns/${id}/reminders`),
      await t.api('GET', `/api/v1/campaigns/${id}`),
      await t.api('GET', '/api/v1/campaigns'),
      await t.api('GET', `/api/v1/campaigns/${id}/audit`),
      await t.api('POST', '/api/v1/sync/pull', { token: member.token, body: { protocolVersion: 1, clientId: member.clientId, cursor: null } }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      const text = JSON.stringify(a.body);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('6d1e8b6f0c9a');
    }
    const audit = answers[4]!.body.entries.find((e: any) => e.action === 'campaign.settings');
    expect(audit.after.reminders).toEqual(set.body.reminders);

    // Only the hour: the robot and its secret stay. The masked URL sent back means "unchanged"; the secret left out stays.
    expect((await patch(id, { hour: 7 })).body.reminders).toMatchObject({ hour: 7, webhook: { secretSet: true } });
    const again = await patch(id, { webhook: { kind: 'dingtalk', url: set.body.reminders.webhook.url } });
    expect(again.body.reminders.webhook.secretSet).toBe(true);
    expect((await t.store.get('reminders', id))!.webhook).toEqual({ kind: 'dingtalk', url: DING, secret: SECRET });
    // null removes the secret; webhook: null turns the robot off.
    expect((await patch(id, { webhook: { kind: 'dingtalk', url: DING, secret: null } })).body.reminders.webhook.secretSet).toBe(false);
    expect((await patch(id, { webhook: null })).body.reminders).toEqual({ webhook: null, hour: 7 });
    expect((await patch(id, { webhook: null }, member.token)).status).toBe(403);
  });

  it('accepts a robot on this machine only when REMINDER_WEBHOOK_ALLOW_LOCAL is set', async () => {
    const { id } = await createCampaign(t);
    const local = { webhook: { kind: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' } };
    expect((await patch(id, local)).status).toBe(400);
    vi.stubEnv(ALLOW_LOCAL_ENV, '1');
    expect((await patch(id, local)).status).toBe(200);
  });
});

describe('sending to a robot (a fake one on 127.0.0.1)', () => {
  let robots: FakeRobot[] = [];
  const robot = async (reply: (n: number, r: Received) => Reply) => {
    const r = await fakeRobot(reply);
    robots.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(robots.map((r) => r.close()));
    robots = [];
  });

  it('posts markdown, signed for DingTalk with timestamp and sign; errcode 0 is success', async () => {
    const r = await robot(() => OK);
    const now = 1718841600000;
    const result = await sendWebhook(
      { kind: 'dingtalk', url: r.url, secret: SECRET },
      { msgtype: 'markdown', markdown: { title: 'T', text: '今日待办' } },
      { allowLocal: true, now: () => now },
    );
    expect(result).toEqual({ ok: true, attempts: 1 });
    const query = new URL(r.received[0]!.url, 'http://x').searchParams;
    expect(query.get('access_token')).toBe('fake-token-0123456789');
    expect(query.get('timestamp')).toBe(String(now));
    expect(query.get('sign')).toBe(createHmac('sha256', SECRET).update(`${now}\n${SECRET}`).digest('base64'));
    expect(r.received[0]!.body).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: '今日待办' } });
  });

  it('treats errcode != 0 as a failure and tries three times; a 5xx then a success is a success', async () => {
    const failing = await robot(() => ({ json: { errcode: 310000, errmsg: 'sign not match' } }));
    const result = await sendWebhook({ kind: 'wecom', url: failing.url }, { msgtype: 'markdown' }, { allowLocal: true, ...FAST });
    expect(result).toEqual({ ok: false, attempts: 3, error: '机器人返回错误 errcode 310000：sign not match' });
    expect(failing.received).toHaveLength(3);

    const flaky = await robot((n) => (n === 1 ? { status: 502, raw: 'bad gateway' } : OK));
    expect(await sendWebhook({ kind: 'wecom', url: flaky.url }, {}, { allowLocal: true, ...FAST })).toEqual({ ok: true, attempts: 2 });
  });

  it('gives up on a robot that does not answer in time, one that answers too much, or a redirect; refuses other hosts', async () => {
    const silent = await robot(() => 'hang');
    const late = await sendWebhook({ kind: 'wecom', url: silent.url }, {}, { allowLocal: true, timeoutMs: 200, attempts: 2, backoffMs: [0] });
    expect(late).toMatchObject({ ok: false, attempts: 2 });
    expect(late.error).toMatch(/没有回应（超时）/);

    const chatty = await robot(() => ({ raw: JSON.stringify({ errcode: 0, errmsg: 'x'.repeat(200_000) }) }));
    const big = await sendWebhook({ kind: 'wecom', url: chatty.url }, {}, { allowLocal: true, ...FAST, attempts: 1 });
    expect(big.error).toMatch(/回应超过 64 KB/);

    const moved = await robot(() => ({ status: 302, headers: { location: 'http://127.0.0.1:9/' }, raw: '' }));
    expect(await sendWebhook({ kind: 'wecom', url: moved.url }, {}, { allowLocal: true, ...FAST, attempts: 1 })).toMatchObject({ ok: false });

    const elsewhere = await sendWebhook({ kind: 'wecom', url: silent.url }, {}, { allowLocal: false });
    expect(elsewhere).toMatchObject({ ok: false, attempts: 0 });
    expect(silent.received).toHaveLength(2);
  });
});

describe('the daily scheduler, on a driven clock', () => {
  let robots: FakeRobot[] = [];
  afterEach(async () => {
    await Promise.all(robots.map((r) => r.close()));
    robots = [];
  });

  it('sends once a day at the hour, not before, not twice, not again after a restart; a second server sees the day claimed', async () => {
    let now = Date.parse('2024-06-20T23:30:00Z'); // 07:30 on the 21st in Shanghai
    const s = await startTestServer({ disk: true, now: () => now });
    const r = await fakeRobot(() => OK);
    robots.push(r);
    try {
      vi.stubEnv(ALLOW_LOCAL_ENV, '1');
      const { id } = await createCampaign(s, { title: '学习教育' });
      const { id: later } = await createCampaign(s, { title: '九点发' });
      expect((await s.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { reminders: { webhook: { kind: 'dingtalk', url: r.url } } } })).status).toBe(
        200,
      );
      await s.api('PATCH', `/api/v1/campaigns/${later}/settings`, { body: { reminders: { webhook: { kind: 'wecom', url: r.url }, hour: 9 } } });
      const scheduler = (store = s.store) =>
        new ReminderScheduler({
          store,
          timeZone: 'Asia/Shanghai',
          now: () => now,
          send: { allowLocal: true, ...FAST },
          log: { info: () => {}, error: console.error },
        });

      const first = scheduler();
      expect((await first.tick()).sent).toEqual([]);
      now = Date.parse('2024-06-21T00:00:00Z'); // 08:00
      const at8 = await first.tick();
      expect(at8).toEqual({ day: '2024-06-21', sent: [{ campaignId: id, result: { ok: true, attempts: 1 } }] });
      expect(r.received).toHaveLength(1);
      expect(r.received[0]!.body.markdown.title).toBe('学习教育 · 今日待办');
      expect(r.received[0]!.body.markdown.text).toContain('今日待办（2024-06-21）');
      now += 30 * 60_000;
      expect((await first.tick()).sent).toEqual([]);

      // Two servers on one store at once: exactly one claims the 9 o'clock campaign.
      now = Date.parse('2024-06-21T01:00:00Z');
      const [a, b] = await Promise.all([first.tick(), scheduler().tick()]);
      expect([...a.sent, ...b.sent].map((x) => x.campaignId)).toEqual([later]);
      expect(r.received).toHaveLength(2);

      const status = (await s.api('GET', `/api/v1/campaigns/${id}/reminders`)).body.robot;
      expect(status).toMatchObject({ lastSentDay: '2024-06-21', lastSend: { ok: true, attempts: 1, day: '2024-06-21' } });

      await first.stop();
      await s.restart();
      const afterRestart = scheduler();
      now += 60 * 60_000;
      expect((await afterRestart.tick()).sent).toEqual([]);
      expect(r.received).toHaveLength(2);

      now = Date.parse('2024-06-22T00:05:00Z'); // 08:05 the next day
      expect((await afterRestart.tick()).sent.map((x) => x.campaignId)).toEqual([id]);
      expect(r.received).toHaveLength(3);
      await afterRestart.stop();
    } finally {
      await s.stop();
    }
  });

  it('records a failed send (errcode, three attempts) in the reminders API and does not retry it that day', async () => {
    const now = Date.parse('2024-06-21T02:00:00Z');
    const s = await startTestServer({ now: () => now });
    const r = await fakeRobot(() => ({ json: { errcode: 300001, errmsg: 'token is not exist' } }));
    robots.push(r);
    const errors: string[] = [];
    try {
      vi.stubEnv(ALLOW_LOCAL_ENV, '1');
      const { id } = await createCampaign(s);
      await s.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { reminders: { webhook: { kind: 'wecom', url: r.url } } } });
      const scheduler = new ReminderScheduler({
        store: s.store,
        timeZone: 'Asia/Shanghai',
        now: () => now,
        send: { allowLocal: true, ...FAST },
        log: { info: () => {}, error: (m) => errors.push(m) },
      });
      await scheduler.tick();
      expect(r.received).toHaveLength(3);
      const robot = (await s.api('GET', `/api/v1/campaigns/${id}/reminders`)).body.robot;
      expect(robot.lastSentDay).toBe('2024-06-21');
      expect(robot.lastSend).toEqual({
        at: new Date(now).toISOString(),
        day: '2024-06-21',
        ok: false,
        attempts: 3,
        error: '机器人返回错误 errcode 300001：token is not exist',
      });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('群机器人提醒发送失败（3 次）');
      // The log names the robot by its masked address only.
      expect(errors[0]).not.toContain('fake-token-0123456789');
      await scheduler.tick();
      expect(r.received).toHaveLength(3);
      await scheduler.stop();
    } finally {
      await s.stop();
    }
  });

  it('a robot that hangs does not hold up the server’s requests; stopping aborts the send and records it', async () => {
    const now = Date.parse('2024-06-21T02:00:00Z');
    const s = await startTestServer({ http: true, disk: true, now: () => now });
    const r = await fakeRobot(() => 'hang');
    robots.push(r);
    try {
      vi.stubEnv(ALLOW_LOCAL_ENV, '1');
      const { id } = await createCampaign(s);
      await s.api('PATCH', `/api/v1/campaigns/${id}/settings`, { body: { reminders: { webhook: { kind: 'wecom', url: r.url } } } });
      const scheduler = new ReminderScheduler({
        store: s.store,
        timeZone: 'Asia/Shanghai',
        now: () => now,
        send: { allowLocal: true, timeoutMs: 60_000, attempts: 1 },
        log: { info: () => {}, error: () => {} },
      });
      const arrived = r.next();
      const pass = scheduler.tick();
      await arrived;
      // The robot holds the request open; the server answers others meanwhile.
      expect(r.held.size).toBe(1);
      expect((await s.api('GET', '/api/v1/me')).status).toBe(200);
      expect((await s.api('GET', `/api/v1/campaigns/${id}/reminders`)).body.robot).toMatchObject({ lastSentDay: '2024-06-21', lastSend: null });
      expect(r.held.size).toBe(1);

      await scheduler.stop();
      const report = await pass;
      expect(report.sent[0]!.result).toMatchObject({ ok: false, error: '服务器关闭，发送中止' });
      expect((await s.api('GET', `/api/v1/campaigns/${id}/reminders`)).body.robot.lastSend).toMatchObject({ ok: false, error: '服务器关闭，发送中止' });
    } finally {
      await s.stop();
    }
  });
});
