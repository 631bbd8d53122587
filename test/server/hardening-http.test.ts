/**
 * Hardening findings, each over real HTTP against the app on a real data directory: slow paths
 * that held everyone, lock-out by strangers, sessions outliving their token, removed members still
 * writing, text that breaks exports, half-checked records, formula cells, cookies, notices from the
 * address bar, and addresses and field names that should never be stored.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '../../server/http/client-address';
import { runAdmin } from '../../server/admin/cli';
import { consoleClient } from '../support/console-client';
import { adversarialOpinions } from '../support/distinct-opinions';
import { startTestServer, type TestServer } from '../support/server';
import { addMember, createCampaign, opinion, pushRecord, type Member } from './lists-support';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ http: true });
});
afterAll(() => t.stop());

const at = '2025-06-01T00:00:00.000Z';
const hlc = (n: number, client: string) => `${String(1_750_000_000_000 + n).padStart(13, '0')}-0000-${client}`;
const push = (m: Member, mutations: unknown[]) =>
  t.api('POST', '/api/v1/sync/push', { token: m.token, body: { protocolVersion: 1, clientId: m.clientId, mutations } });
/** Stamped now, like the extension does (pushRecord's stamps are the wall clock too, so these win). */
const recordMutation = (m: Member, entityId: string, fields: Record<string, unknown>) => ({
  id: m.nextMutation++,
  entity: 'record',
  entityId,
  hlc: `${Date.now() + m.nextMutation}-0000-${m.clientId}`,
  fields,
});

/** Each test's own campaign, with 王老师 as its member, pushing from a client of his own. */
async function campaignWithMember(title = '下基层察民情解民忧暖民心'): Promise<{ campaignId: string; wang: Member }> {
  const campaignId = (await createCampaign(t, { title })).id;
  return { campaignId, wang: await addMember(t, campaignId, '王老师') };
}

/**
 * Seeds records straight into the store, as years of use would have left them. The store runs in
 * this process, beside the server: each batch yields to the event loop, as real traffic would. A
 * seed that never yields freezes the server's timers for seconds (longer on a busy machine); a
 * keep-alive socket whose 5 s timeout fell in the freeze is then closed under the test's next
 * request, which fails with ECONNRESET before the server has seen it.
 */
async function seed(ownerId: string, campaign: string, count: number, fields: (i: number) => Record<string, unknown>): Promise<void> {
  const batch = 5_000;
  for (let start = 0; start < count; start += batch) {
    await t.store.transact(async (tx) => {
      for (let i = start; i < Math.min(count, start + batch); i++) {
        await tx.put('records', {
          id: `seed-${campaign}-${ownerId}-${i}`,
          ownerId,
          campaignId: campaign,
          fields: { campaignId: campaign, stage: '', ...fields(i) },
          stamps: {},
          createdAt: at,
          updatedAt: at,
        });
      }
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('slow paths do not hold the server', () => {
  it('/me/tasks, the study ledger and its export answer for a member with 100,000 study records (linear, not quadratic)', async () => {
    const k = (await createCampaign(t, { title: '学习量很大的活动', template: 'excellence', year: 2025 })).id;
    const m = await addMember(t, k, '勤学者');
    await seed(m.id, k, 100_000, (i) => ({
      kind: 'study',
      topic: `第${i}次学习`,
      mode: '自学',
      studiedOn: `2025-0${(i % 9) + 1}-1${i % 10}`,
      minutes: 30,
      reflection: i % 3 === 0 ? '心得体会'.repeat(20) : null,
    }));
    const tasks = await t.api('GET', '/api/v1/me/tasks', { token: m.token });
    expect(tasks.status).toBe(200);
    const study = tasks.body.campaigns.find((c: { id: string }) => c.id === k).obligations.study;
    expect(study.reduce((n: number, s: { minutes: number }) => n + s.minutes, 0)).toBeGreaterThan(0);
    const ledger = await t.api('GET', `/api/v1/campaigns/${k}/ledger/study`);
    expect(ledger.body.ledger.people.find((p: { userId: string }) => p.userId === m.id)).toMatchObject({ sessions: 100_000, minutes: 3_000_000 });
    const file = await t.fetch(`${t.url}/api/v1/campaigns/${k}/export/study.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }, 60_000);

  it('while an office view regroups thousands of distinct opinions, other requests are answered first', async () => {
    const k = (await createCampaign(t, { title: '意见很多的活动' })).id;
    const m = await addMember(t, k, '意见收集员');
    const opinions = adversarialOpinions(4000);
    await seed(m.id, k, opinions.length, (i) => ({
      kind: 'opinion',
      content: opinions[i]!.content,
      fromGroup: '学生',
      channel: '座谈会',
      category: opinions[i]!.category,
      heardOn: '2025-06-01',
    }));
    const order: string[] = [];
    const grouping = t.api('GET', `/api/v1/campaigns/${k}/opinions`).then((r) => {
      expect(r.status).toBe(200);
      order.push('opinions');
    });
    await new Promise((r) => setTimeout(r, 100));
    const meanwhile = Promise.all([t.api('GET', '/healthz', { token: null }), t.api('GET', '/api/v1/me', { token: m.token })]).then((rs) => {
      for (const r of rs) expect(r.status).toBe(200);
      order.push('others');
    });
    await Promise.all([grouping, meanwhile]);
    expect(order).toEqual(['others', 'opinions']);
  }, 60_000);
});

describe('sign-in cannot be locked by strangers', () => {
  const trusted = parseTrustedProxies('127.0.0.1, ::1');

  it('behind a trusted proxy, failures count per client address from X-Forwarded-For; a valid token always works', async () => {
    const s = await startTestServer({ http: true, authRateLimit: { maxFailures: 30, windowMs: 300_000 }, app: { trustedProxies: trusted } });
    try {
      const from = (address: string) => ({ 'x-forwarded-for': `${address}, 127.0.0.1` });
      for (let i = 0; i < 30; i++)
        expect((await s.api('GET', '/api/v1/me', { token: `tz_guess-${i}-aaaaaaaaaaaaaaaa`, headers: from('10.0.0.66') })).status).toBe(401);
      const blocked = await s.api('GET', '/api/v1/me', { token: 'tz_guess-x-aaaaaaaaaaaaaaaa', headers: from('10.0.0.66') });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.message).toMatch(/请 5 分钟后再试/);
      // The guesser's own valid token, and everyone else's, still work; another address is not blocked.
      expect((await s.api('GET', '/api/v1/me', { headers: from('10.0.0.66') })).status).toBe(200);
      expect((await s.api('GET', '/api/v1/me', { token: 'tz_typo-aaaaaaaaaaaaaaaaaa', headers: from('10.0.0.67') })).status).toBe(401);
    } finally {
      await s.stop();
    }
  });

  it('without a trusted proxy, X-Forwarded-For is not believed: spoofed addresses do not escape the limit', async () => {
    const s = await startTestServer({ http: true, authRateLimit: { maxFailures: 5, windowMs: 300_000 } });
    try {
      for (let i = 0; i < 5; i++) await s.api('GET', '/api/v1/me', { token: `tz_guess-${i}-aaaaaaaaaaaaaaaa`, headers: { 'x-forwarded-for': `10.9.9.${i}` } });
      expect((await s.api('GET', '/api/v1/me', { token: 'tz_guess-9-aaaaaaaaaaaaaaaa', headers: { 'x-forwarded-for': '10.9.9.200' } })).status).toBe(429);
    } finally {
      await s.stop();
    }
  });

  it('the console signs in with a valid token after many failures, and says in Chinese why a wrong one is refused and when to retry', async () => {
    const s = await startTestServer({ http: true, authRateLimit: { maxFailures: 3, windowMs: 600_000 } });
    try {
      const office = consoleClient(() => s);
      for (let i = 0; i < 3; i++) expect((await office.login(`tz_guess-${i}-aaaaaaaaaaaaaaaa`)).location).toBe('/console/login?error=bad_token');
      const refused = await office.login('tz_guess-4-aaaaaaaaaaaaaaaa');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.text).toMatch(/登录失败次数过多.*请在 10 分钟后再试/);
      const ok = await office.login(s.adminToken);
      expect(ok.status).toBe(303);
      expect(ok.location).toBe('/console');
      expect((await office.get('/console')).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('taking access away takes it away at once', () => {
  it('revoking, rotating or disabling ends the user’s console sessions; the last admin cannot be disabled', async () => {
    const second = await t.api('POST', '/api/v1/users', { body: { name: '第二位管理员', unit: '办公室', role: 'admin' } });
    const id = second.body.user.id as string;
    for (const [label, action] of [
      ['revoke', () => t.api('DELETE', `/api/v1/users/${id}/token`)],
      ['rotate', () => t.api('POST', `/api/v1/users/${id}/token`)],
      ['disable', () => t.api('POST', `/api/v1/users/${id}/disable`)],
    ] as const) {
      const token = (await t.api('POST', `/api/v1/users/${id}/token`)).body.token as string;
      await t.api('POST', `/api/v1/users/${id}/enable`);
      const office = consoleClient(() => t);
      expect((await office.signIn(token)).status, label).toBe(200);
      expect((await action()).status, label).toBe(200);
      const after = await office.get('/console');
      expect(after.status, label).toBe(303);
      expect(after.location, label).toBe('/console/login');
    }
    // Disabled: the token no longer works either, until enabled again.
    const token = (await t.api('POST', `/api/v1/users/${id}/token`)).body.token as string;
    await t.api('POST', `/api/v1/users/${id}/disable`);
    expect((await t.api('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await t.api('POST', `/api/v1/users/${id}/enable`)).status).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token })).status).toBe(200);
    // The first admin is the only other; with the second disabled, the first cannot be.
    await t.api('POST', `/api/v1/users/${id}/disable`);
    const last = await t.api('POST', `/api/v1/users/${t.admin.id}/disable`);
    expect(last.status).toBe(409);
    expect(last.body.error.message).toContain('唯一一位在用的管理员');
  });

  it('the admin CLI disables and enables users, ending their sessions', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-cli-'));
    const s = await startTestServer({ http: true, dataDir: dir, cleanup: false });
    const member = await s.createUser('停用者', '三院');
    await s.stop();
    const out: string[] = [];
    expect(await runAdmin(['disable-user', member.user.id, '--data-dir', dir], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toContain('已停用用户 停用者');
    const again = await startTestServer({ http: true, dataDir: dir });
    try {
      expect((await again.api('GET', '/api/v1/me', { token: member.token })).status).toBe(401);
    } finally {
      await again.stop();
    }
    expect(await runAdmin(['enable-user', member.user.id, '--data-dir', dir], () => {})).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a member taken off a campaign can no longer change their records there, nor update its items, on either path', async () => {
    const k = (await createCampaign(t, { title: '将被移出的活动' })).id;
    const m = await addMember(t, k, '被移出者');
    const recordId = await pushRecord(t, m, opinion(k, '宿舍楼热水不稳定'));
    const problem = await t.api('POST', `/api/v1/campaigns/${k}/items`, { body: { list: 'problem', title: '热水' } });
    const task = await t.api('POST', `/api/v1/campaigns/${k}/items`, {
      body: {
        list: 'task',
        title: '修热水',
        responsibleLeader: '张副校长',
        responsibleUnit: '后勤处',
        sourceItemIds: [problem.body.item.id],
        assigneeId: m.id,
        deadline: '2030-01-01',
      },
    });
    await t.api('PUT', `/api/v1/campaigns/${k}/members`, { body: { userIds: [] } });

    const edit = await push(m, [recordMutation(m, recordId, { content: '改写' })]);
    expect(edit.body.rejected).toEqual([expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('已被移出') })]);
    const del = await push(m, [recordMutation(m, recordId, { deleted: true })]);
    expect(del.body.rejected).toEqual([expect.objectContaining({ code: 'forbidden' })]);
    const viaSync = await push(m, [
      { id: m.nextMutation++, entity: 'item', entityId: task.body.item.id, hlc: hlc(99, m.clientId), fields: { progress: '还在改' } },
    ]);
    expect(viaSync.body.rejected).toEqual([expect.objectContaining({ code: 'forbidden', message: '你已不是该活动的成员，不能再更新其中的事项' })]);
    const viaRest = await t.api('POST', `/api/v1/campaigns/${k}/items/${task.body.item.id}/progress`, { token: m.token, body: { progress: '还在改' } });
    expect(viaRest.status).toBe(403);
    expect((await t.store.get('records', recordId))?.fields.content).toBe('宿舍楼热水不稳定');
    expect((await t.store.get('items', task.body.item.id))?.progress).toBe('');
  });
});

describe('text that cannot be stored is refused, and exports stay valid whatever is stored', () => {
  it.each([
    ['a bidi override in a name', 'POST', '/api/v1/users', () => ({ name: '张\u202E三', unit: '一院' }), 'name'],
    ['a C0 control in a unit', 'POST', '/api/v1/users', () => ({ name: '张三', unit: '一\u0001院' }), 'unit'],
    ['a non-character in a campaign title', 'POST', '/api/v1/campaigns', () => ({ title: '活动\uFDD0' }), 'title'],
    [
      'a lone surrogate in a stage title',
      'POST',
      '/api/v1/campaigns',
      () => ({ title: '活动', stages: [{ key: 's', title: '动员\uD800', start: '2025-01-01', end: '2025-02-01' }] }),
      'stages.0.title',
    ],
  ])('%s → 400 naming the field, nothing stored', async (_name, method, path, body, field) => {
    const before = await t.store.tally('users');
    const res = await t.api(method, path, { body: body() });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/不允许的字符/);
    expect(await t.store.tally('users')).toEqual(before);
  });

  it.each([
    ['U+FFFE in an opinion', (k: string) => opinion(k, '食堂\uFFFE太贵'), 'fields.content'],
    ['a lone surrogate in an opinion', (k: string) => opinion(k, '食堂\uD800太贵'), 'fields.content'],
    ['U+FFFF in an unknown field key', (k: string) => ({ ...opinion(k, '好'), 'note\uFFFF': 1 }), 'fields.note\uFFFF'],
    [
      'a bidi override deep inside a page',
      (k: string) => ({ ...opinion(k, '好'), page: { url: 'https://oa.example.edu.cn/a', title: '通知', extra: { by: '\u202E某人' } } }),
      'fields.page.extra.by',
    ],
    [
      '__proto__ inside a page',
      (k: string) => ({ ...opinion(k, '好'), page: JSON.parse('{"url":"https://oa.example.edu.cn/a","title":"t","__proto__":{"x":1}}') }),
      'fields.page.__proto__',
    ],
  ])("%s in a push is that mutation's rejection, with the field; the rest of the push still applies", async (_name, fields, field) => {
    const { campaignId, wang } = await campaignWithMember();
    const bad = recordMutation(wang, `r-bad-${Math.random().toString(36).slice(2)}`, fields(campaignId));
    const good = recordMutation(wang, `r-good-${Math.random().toString(36).slice(2)}`, opinion(campaignId, '同一次推送里的好记录'));
    const res = await push(wang, [bad, good]);
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([expect.objectContaining({ id: bad.id, code: 'invalid', field: expect.stringContaining(field) })]);
    expect(await t.store.get('records', bad.entityId)).toBeUndefined();
    expect(await t.store.get('records', good.entityId)).toBeDefined();
  });

  it('tab and line breaks are text, and are kept', async () => {
    const { campaignId, wang } = await campaignWithMember();
    await pushRecord(t, wang, opinion(campaignId, '第一行\n第二行\t缩进\r\n第三行'), 'r-lines');
    expect((await t.store.get('records', 'r-lines'))?.fields.content).toBe('第一行\n第二行\t缩进\r\n第三行');
  });

  it('every export is valid XML and readable even when older data holds such characters', async () => {
    const { campaignId: k, wang } = await campaignWithMember('旧数据活动');
    await t.store.transact(async (tx) => {
      const c = (await tx.get('campaigns', k))!;
      const { seq: _s, ...rest } = c;
      await tx.put('campaigns', { ...rest, title: '旧数据\uFFFE活动', unit: '化学\u0001学院' });
    });
    await seed(wang.id, k, 3, (i) => ({
      kind: i === 2 ? 'study' : 'opinion',
      content: `食堂\uFFFF太贵\u0007${i}\uD800`,
      fromGroup: '学\u202E生',
      channel: '座谈会',
      category: '后勤\u0000服务',
      heardOn: '2025-06-01',
      topic: '学习\uFFFE',
      mode: '自学',
      studiedOn: '2025-06-01',
      minutes: 30,
    }));
    const invalidXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
    for (const file of ['opinions.xlsx', 'workbook.xlsx', 'study.xlsx', 'summary.docx']) {
      const res = await t.fetch(`${t.url}/api/v1/campaigns/${k}/export/${file}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status, file).toBe(200);
      const buf = Buffer.from(await res.arrayBuffer());
      const zip = await JSZip.loadAsync(buf);
      for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
        const xml = await zip.file(name)!.async('string');
        expect(invalidXml.exec(xml)?.[0], `${file} ${name}`).toBeUndefined();
        expect(xml, `${file} ${name}`).not.toMatch(/[\u202A-\u202E]/);
      }
      if (file.endsWith('.xlsx')) await new ExcelJS.Workbook().xlsx.load(buf as unknown as ArrayBuffer);
    }
    const csv = await (await t.fetch(`${t.url}/api/v1/campaigns/${k}/export/opinions.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } })).text();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be in the file.
    expect(csv).not.toMatch(/[\u0000-\u0008\uFFFE\uFFFF]/);
  });
});

describe('records are valid as a whole, not only field by field', () => {
  it.each([
    ['an opinion with only campaignId and kind', (k: string) => ({ campaignId: k, kind: 'opinion' }), /意见建议不完整或有误/],
    ['an opinion whose content is only spaces', (k: string) => opinion(k, '   '), /content/],
    [
      'a study of more than 600 minutes',
      (k: string) => ({ campaignId: k, kind: 'study', topic: '党史', mode: '自学', studiedOn: '2025-06-01', minutes: 601 }),
      /600 分钟/,
    ],
  ])('%s is rejected with a reason', async (_name, fields, reason) => {
    const { campaignId, wang } = await campaignWithMember();
    const res = await push(wang, [recordMutation(wang, `r-whole-${Math.random().toString(36).slice(2)}`, fields(campaignId))]);
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([expect.objectContaining({ code: 'invalid', message: expect.stringMatching(reason) })]);
  });

  it('an opinion turned into a study with no topic is rejected and stays an opinion', async () => {
    const { campaignId, wang } = await campaignWithMember();
    const id = await pushRecord(t, wang, opinion(campaignId, '图书馆座位不够'));
    const res = await push(wang, [recordMutation(wang, id, { kind: 'study', minutes: 600 })]);
    expect(res.body.rejected).toEqual([expect.objectContaining({ code: 'invalid', message: expect.stringContaining('学习记录不完整') })]);
    expect((await t.store.get('records', id))?.fields.kind).toBe('opinion');
    const ok = await push(wang, [
      recordMutation(wang, `r-study-600`, { campaignId, kind: 'study', topic: '党史', mode: '集中学习', studiedOn: '2025-06-01', minutes: 600 }),
    ]);
    expect(ok.body.rejected).toEqual([]);
  });
});

describe('exported cells never become formulas', () => {
  it.each(['＝1+1', '＋1', '－1', '＠SUM(A1)', '﹦1', '  =1+1', '\u00A0=1', '\u3000+1', '\n=1', '\t-1', '=HYPERLINK("http://x")'])(
    '%j stays text in csv and xlsx',
    async (content) => {
      const { campaignId: k, wang } = await campaignWithMember('公式活动');
      await seed(wang.id, k, 1, () => ({ kind: 'opinion', content, fromGroup: '学生', channel: '座谈会', category: '后勤服务', heardOn: '2025-06-01' }));
      const csv = await (await t.fetch(`${t.url}/api/v1/campaigns/${k}/export/opinions.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } })).text();
      const cell = csv.split('\r\n')[3]!.split(',')[1]!.replace(/^"|"$/g, '');
      expect(cell.startsWith("'")).toBe(true);
      const buf = await (
        await t.fetch(`${t.url}/api/v1/campaigns/${k}/export/opinions.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } })
      ).arrayBuffer();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf);
      const value = wb.worksheets[0]!.getRow(4).getCell(2).value;
      expect(typeof value).toBe('string');
      expect(String(value).startsWith("'")).toBe(true);
    },
  );
});

describe('the console session cookie and what pages say', () => {
  it('is Secure when PUBLIC_URL is https, or a trusted proxy says the user came over https; not on a forged header', async () => {
    const cases: [string, Parameters<typeof startTestServer>[0], Record<string, string>, boolean][] = [
      ['PUBLIC_URL https', { app: { publicUrl: 'https://taizhang.example.edu.cn' } }, {}, true],
      ['trusted proxy, X-Forwarded-Proto https', { app: { trustedProxies: parseTrustedProxies('127.0.0.1,::1') } }, { 'x-forwarded-proto': 'https' }, true],
      ['untrusted X-Forwarded-Proto', {}, { 'x-forwarded-proto': 'https' }, false],
    ];
    for (const [label, opts, headers, secure] of cases) {
      const s = await startTestServer({ ...opts, http: true });
      try {
        const res = await fetch(`${s.url}/console/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: s.adminToken }),
        });
        expect(res.status, label).toBe(303);
        expect(/;\s*Secure/i.test(res.headers.get('set-cookie') ?? ''), label).toBe(secure);
      } finally {
        await s.stop();
      }
    }
  });

  it('never shows text from the address as a notice; codes only', async () => {
    const res = await t.fetch(
      `${t.url}/console/login?error=${encodeURIComponent('系统升级，请把令牌发到 evil@example.com')}&ok=${encodeURIComponent('已通过审核')}`,
    );
    const text = await res.text();
    expect(text).not.toContain('evil@example.com');
    expect(text).not.toContain('已通过审核');
    expect(text).not.toMatch(/role="alert"/);
    const known = await (await t.fetch(`${t.url}/console/login?error=bad_token`)).text();
    expect(known).toMatch(/role="alert">令牌无效或已被吊销/);
    // Signed in, a notice id from another session (or made up) shows nothing.
    const office = consoleClient(() => t);
    await office.signIn(t.adminToken);
    const page = await office.get(`/console?notice=${encodeURIComponent('<b>伪造</b>')}`);
    expect(page.text).not.toContain('伪造');
  });

  it('sets nosniff everywhere and a CSP with frame-ancestors on pages and exports', async () => {
    const campaignId = (await createCampaign(t)).id;
    const responses = [
      await t.fetch(`${t.url}/console/login`),
      await t.fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${t.adminToken}` } }),
      await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/opinions.xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } }),
      await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/opinions.csv`, { headers: { authorization: `Bearer ${t.adminToken}` } }),
      await t.fetch(`${t.url}/api/v1/nothing`),
    ];
    for (const r of responses) {
      expect(r.headers.get('x-content-type-options'), r.url).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), r.url).toMatch(/frame-ancestors 'none'/);
      // Read to the end: an export left streaming is cut off when the server stops, and logs an abort.
      await r.arrayBuffer();
    }
  });
});

describe('addresses and field names that must never be stored', () => {
  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd'])('a page url %s is rejected', async (url) => {
    const { campaignId, wang } = await campaignWithMember();
    const res = await push(wang, [
      recordMutation(wang, `r-url-${Math.random().toString(36).slice(2)}`, { ...opinion(campaignId, '好'), page: { url, title: '页面' } }),
    ]);
    expect(res.body.rejected).toEqual([expect.objectContaining({ code: 'invalid', field: 'fields.page', message: expect.stringMatching(/http/) })]);
  });

  it.each(['https://a b@c/*', 'https://user@oa.example.edu.cn/*', 'https://oa.example.edu.cn\\evil/*', 'https://oa.example.edu.cn/a b'])(
    'an OA site pattern %j is refused',
    async (pattern) => {
      const res = await t.api('POST', '/api/v1/campaigns', { body: { title: '网址', oaOrigins: [pattern] } });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('oaOrigins.0');
    },
  );

  it('a field named __proto__ anywhere in a body is refused by name, not dropped', async () => {
    const res = await t.api('POST', '/api/v1/users', { rawBody: '{"name":"张三","unit":"一院","__proto__":{"role":"admin"}}' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid', field: '__proto__' });
  });
});
