/**
 * Hardening findings that were seen on the real server process, tested there: one member filling
 * the heap, a deeply nested page breaking the store, damage to the log or the newest snapshot,
 * half-written files left by crashes, and two servers taking over a stale lock at once.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin/cli';
import { projectRoot } from '../support/paths';
import { spawnServer, spawnServerExpectingExit, tempDataDir, type ServerProcess } from '../support/server-process';

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) await s.stop('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = tempDataDir('taizhang-hardening-');
  dirs.push(d);
  return d;
};
async function start(opts: Parameters<typeof spawnServer>[0] = {}): Promise<ServerProcess> {
  const s = await spawnServer(opts);
  running.push(s);
  return s;
}

async function call(s: ServerProcess, method: string, p: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed };
}

/** A member in a campaign, made through the API. */
async function memberIn(s: ServerProcess): Promise<{ token: string; userId: string; campaignId: string }> {
  const user = await call(s, 'POST', '/api/v1/users', s.adminToken, { name: '成员', unit: '一院' });
  const campaign = await call(s, 'POST', '/api/v1/campaigns', s.adminToken, { title: '下基层', template: 'grassroots', memberIds: [user.body.user.id] });
  return { token: user.body.token, userId: user.body.user.id, campaignId: campaign.body.campaign.id };
}

const opinionFields = (campaignId: string, content: string) => ({
  campaignId,
  kind: 'opinion',
  stage: '',
  content,
  fromGroup: '学生',
  channel: '座谈会',
  category: '后勤服务',
  heardOn: '2025-06-01',
});
const hlc = (n: number, client: string) => `${String(1_750_000_000_000 + n).padStart(13, '0')}-0000-${client}`;

describe('one member cannot exhaust the server’s memory', () => {
  it('pushes of records with 9 KB unknown fields are refused by quota before a 256 MB heap is full; the server serves others and restarts', async () => {
    const dir = dataDir();
    const s = await start({ dataDir: dir, nodeArgs: ['--max-old-space-size=256'] });
    const m = await memberIn(s);
    const other = await memberIn(s);
    const filler = 'x'.repeat(9 * 1024);
    let refusedAt = -1;
    let next = 1;
    for (let push = 0; push < 45 && refusedAt < 0; push++) {
      const mutations = Array.from({ length: 1000 }, (_, i) => ({
        id: next + i,
        entity: 'record',
        entityId: `r-${push}-${i}`,
        hlc: hlc(next + i, 'mem'),
        fields: { ...opinionFields(m.campaignId, `意见 ${push}-${i}`), extraNotes: filler },
      }));
      const res = await call(s, 'POST', '/api/v1/sync/push', m.token, { protocolVersion: 1, clientId: 'mem', mutations });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      next += 1000;
      const quota = (res.body.rejected as { code: string; message: string }[]).find((r) => r.code === 'quota_exceeded');
      if (quota) {
        expect(quota.message).toMatch(/存储量已达到存储上限|存储上限/);
        refusedAt = push;
      }
    }
    expect(refusedAt).toBeGreaterThan(0);
    // Everyone else is still served.
    expect((await call(s, 'GET', '/api/v1/me', other.token)).status).toBe(200);
    expect(
      (
        await call(s, 'POST', '/api/v1/sync/push', other.token, {
          protocolVersion: 1,
          clientId: 'other',
          mutations: [{ id: 1, entity: 'record', entityId: 'r-other', hlc: hlc(1, 'other'), fields: opinionFields(other.campaignId, '别人的意见') }],
        })
      ).body,
    ).toEqual({ lastMutationID: 1, rejected: [] });

    // A restart with a limit below what is stored opens and serves; growth is refused, a delete is not.
    await s.stop('SIGKILL');
    const again = await start({
      dataDir: dir,
      adminToken: s.adminToken,
      nodeArgs: ['--max-old-space-size=256'],
      env: { QUOTA_USER_BYTES: String(1024 * 1024) },
    });
    const grow = await call(again, 'POST', '/api/v1/sync/push', m.token, {
      protocolVersion: 1,
      clientId: 'mem',
      mutations: [{ id: next, entity: 'record', entityId: 'r-new', hlc: hlc(next, 'mem'), fields: opinionFields(m.campaignId, '再来一条') }],
    });
    expect(grow.body.rejected).toEqual([expect.objectContaining({ code: 'quota_exceeded' })]);
    const del = await call(again, 'POST', '/api/v1/sync/push', m.token, {
      protocolVersion: 1,
      clientId: 'mem',
      mutations: [{ id: next + 1, entity: 'record', entityId: 'r-0-0', hlc: hlc(next + 1, 'mem'), fields: { deleted: true } }],
    });
    expect(del.body).toEqual({ lastMutationID: next + 1, rejected: [] });
  }, 180_000);
});

describe('a deeply nested object cannot break the store', () => {
  it('a 5000-level page is refused with 400, and pulls, lists, exports, figures and a clean shutdown all keep working', async () => {
    const dir = dataDir();
    const s = await start({ dataDir: dir });
    const m = await memberIn(s);
    const deepPage = `{"url":"https://oa.example.edu.cn/a","title":"t","x":${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const raw = `{"protocolVersion":1,"clientId":"deep","mutations":[{"id":1,"entity":"record","entityId":"r-deep","hlc":"${hlc(1, 'deep')}","fields":{"campaignId":"${m.campaignId}","kind":"opinion","content":"x","fromGroup":"学生","channel":"座谈会","category":"后勤服务","heardOn":"2025-06-01","page":${deepPage}}}]}`;
    expect(raw.length).toBeLessThan(40_000);
    const res = await call(s, 'POST', '/api/v1/sync/push', m.token, raw);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'too_deep', message: expect.stringContaining('嵌套层级过深') });
    expect(res.body.error.field).toMatch(/^mutations\.0\.fields\.page\.x/);

    // A page nested within the body's bound but past the page's own bound is a rejected mutation.
    const sixDeep = { url: 'https://oa.example.edu.cn/a', title: 't', x: { a: { b: { c: { d: { e: 1 } } } } } };
    const rejected = await call(s, 'POST', '/api/v1/sync/push', m.token, {
      protocolVersion: 1,
      clientId: 'deep',
      mutations: [{ id: 1, entity: 'record', entityId: 'r-deep', hlc: hlc(1, 'deep'), fields: { ...opinionFields(m.campaignId, 'x'), page: sixDeep } }],
    });
    expect(rejected.body.rejected).toEqual([expect.objectContaining({ id: 1, code: 'invalid', message: expect.stringContaining('嵌套层级过深') })]);

    const pull = await Promise.race([
      call(s, 'POST', '/api/v1/sync/pull', m.token, { protocolVersion: 1, clientId: 'deep', cursor: null }),
      new Promise<{ status: number }>((r) => setTimeout(() => r({ status: 0 }), 5000)),
    ]);
    expect(pull.status).toBe(200);
    for (const p of ['opinions', 'figures', 'export/opinions.xlsx', 'export/summary.docx', 'ledger/study']) {
      expect((await call(s, 'GET', `/api/v1/campaigns/${m.campaignId}/${p}`, s.adminToken)).status, p).toBe(200);
    }
    expect(await s.stop('SIGTERM')).toBe(0);
    expect(readdirSync(path.join(dir, 'snapshots')).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('damage to the data directory', () => {
  async function storeWithLog(dir: string): Promise<{ adminToken: string; m: { token: string; campaignId: string } }> {
    const s = await start({ dataDir: dir });
    const m = await memberIn(s);
    for (let i = 1; i <= 6; i++) {
      await call(s, 'POST', '/api/v1/sync/push', m.token, {
        protocolVersion: 1,
        clientId: 'dmg',
        mutations: [{ id: i, entity: 'record', entityId: `r-${i}`, hlc: hlc(i, 'dmg'), fields: opinionFields(m.campaignId, `第${i}条意见`) }],
      });
    }
    // SIGKILL: no clean-shutdown snapshot, so the log holds the pushes.
    await s.stop('SIGKILL');
    return { adminToken: s.adminToken, m };
  }

  it('one flipped byte in the middle of the log: start-up refuses with a plain message; recover keeps every intact entry and reports the lost one', async () => {
    const dir = dataDir();
    const { adminToken, m } = await storeWithLog(dir);
    const log = path.join(dir, 'wal.log');
    const lines = readFileSync(log, 'utf8').split('\n');
    const target = lines.findIndex((l) => l.includes('第3条意见'));
    expect(target).toBeGreaterThan(0);
    lines[target] = lines[target]!.replace('第3条意见', '第9条意见');
    writeFileSync(log, lines.join('\n'));

    const refused = await spawnServerExpectingExit({ dataDir: dir, adminToken });
    expect(refused.code).toBe(65);
    expect(refused.output).toContain(`预写日志 ${log} 第 ${target + 1} 行`);
    expect(refused.output).toContain('校验失败');
    expect(refused.output).toContain('npm run admin -- recover');
    expect(refused.output).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    const out: string[] = [];
    expect(await runAdmin(['recover', '--data-dir', dir], (l) => out.push(l))).toBe(0);
    const report = out.join('\n');
    expect(report).toContain(`第 ${target + 1} 行`);
    expect(report).toMatch(/records\/r-3/);
    expect(report).toContain('新的数据纪元');
    expect(readdirSync(dir).some((n) => n.startsWith('damaged-'))).toBe(true);

    const s = await start({ dataDir: dir, adminToken });
    const records = (await call(s, 'POST', '/api/v1/sync/pull', m.token, { protocolVersion: 1, clientId: 'dmg', cursor: null })).body.entities.filter(
      (e: { entity: string }) => e.entity === 'record',
    );
    expect(records.map((r: { id: string }) => r.id).sort()).toEqual(['r-1', 'r-2', 'r-4', 'r-5', 'r-6']);
  }, 60_000);

  it('a complete last line with a bad checksum is damage, not a torn write: it is never dropped silently', async () => {
    const dir = dataDir();
    const { adminToken } = await storeWithLog(dir);
    const log = path.join(dir, 'wal.log');
    const text = readFileSync(log, 'utf8');
    writeFileSync(log, text.replace(/第6条意见/, '第7条意见'));
    const refused = await spawnServerExpectingExit({ dataDir: dir, adminToken });
    expect(refused.code).toBe(65);
    expect(refused.output).toContain('校验失败');
  }, 60_000);

  it('a damaged newest snapshot: start-up names it; recover falls back to the previous snapshot and keeps what still checks out', async () => {
    const dir = dataDir();
    const s = await start({ dataDir: dir });
    const m = await memberIn(s);
    const push = (id: number, content: string) =>
      call(s, 'POST', '/api/v1/sync/push', m.token, {
        protocolVersion: 1,
        clientId: 'snap',
        mutations: [{ id, entity: 'record', entityId: `r-${id}`, hlc: hlc(id, 'snap'), fields: opinionFields(m.campaignId, content) }],
      });
    await push(1, '第一条');
    // SIGTERM compacts: snapshot A holds r-1.
    await s.stop('SIGTERM');
    const s2 = await start({ dataDir: dir, adminToken: s.adminToken });
    await call(s2, 'POST', '/api/v1/sync/push', m.token, {
      protocolVersion: 1,
      clientId: 'snap',
      mutations: [2, 3].map((id) => ({ id, entity: 'record', entityId: `r-${id}`, hlc: hlc(id, 'snap'), fields: opinionFields(m.campaignId, `第${id}条`) })),
    });
    await s2.stop('SIGTERM');
    const snaps = readdirSync(path.join(dir, 'snapshots')).sort();
    expect(snaps.length).toBeGreaterThanOrEqual(2);
    const newest = path.join(dir, 'snapshots', snaps.at(-1)!);
    writeFileSync(newest, readFileSync(newest, 'utf8').replace('第2条', '第8条'));

    const refused = await spawnServerExpectingExit({ dataDir: dir, adminToken: s.adminToken });
    expect(refused.code).toBe(65);
    expect(refused.output).toContain(`快照 ${newest}`);
    expect(refused.output).toContain('内容与校验和不符');
    expect(refused.output).toContain('records/r-2');

    const out: string[] = [];
    expect(await runAdmin(['recover', '--data-dir', dir], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toMatch(/records\/r-2.*内容与校验和不符：这份文档无法恢复/);
    const s3 = await start({ dataDir: dir, adminToken: s.adminToken });
    const ids = (await call(s3, 'POST', '/api/v1/sync/pull', m.token, { protocolVersion: 1, clientId: 'snap', cursor: null })).body.entities
      .filter((e: { entity: string }) => e.entity === 'record')
      .map((e: { id: string }) => e.id);
    expect(ids.sort()).toEqual(['r-1', 'r-3']);
  }, 60_000);

  it('temporary files a crash left behind are removed at start', async () => {
    const dir = dataDir();
    const { adminToken } = await storeWithLog(dir);
    mkdirSync(path.join(dir, 'snapshots'), { recursive: true });
    const leftovers = [path.join(dir, 'snapshots', '.snapshot-0000000000000042.json.4242.tmp'), path.join(dir, '.wal.log.4242.tmp')];
    for (const f of leftovers) writeFileSync(f, 'x'.repeat(100_000));
    const s = await start({ dataDir: dir, adminToken });
    for (const f of leftovers) expect(existsSync(f), f).toBe(false);
    await s.stop();
  }, 60_000);
});

describe('the one-writer lock', () => {
  it('a stale lock taken over by eight servers starting at the same moment ends with exactly one holder', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = dataDir();
      writeFileSync(path.join(dir, 'LOCK'), JSON.stringify({ pid: 2 ** 22 + 4321, host: hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
      const at = Date.now() + 1500;
      // Every child stays alive until all eight have tried: a holder that exited could rightly be taken
      // over by a child that started late (its lock would be stale), which is not the race under test.
      const script = `
        const { acquireLock } = await import(${JSON.stringify(path.join(projectRoot, 'server/store/lock.ts'))});
        while (Date.now() < ${at}) {}
        try { acquireLock(${JSON.stringify(dir)}); console.log('HELD'); } catch (e) { console.log('REFUSED ' + e.name); }
        process.stdin.on('end', () => process.exit(0));
        process.stdin.resume();
      `;
      const children = Array.from({ length: 8 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          cwd: projectRoot,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        const said = new Promise<string>((resolve) => {
          const hear = (b: Buffer) => {
            out += b.toString();
            if (/^(HELD|REFUSED .*)$/m.test(out)) resolve(out.trim());
          };
          child.stdout.on('data', hear);
          child.stderr.on('data', hear);
          child.on('exit', () => resolve(out.trim()));
        });
        return { child, said, exited: new Promise<void>((resolve) => child.on('exit', () => resolve())) };
      });
      const outcomes = await Promise.all(children.map((c) => c.said));
      for (const c of children) c.child.stdin.end();
      await Promise.all(children.map((c) => c.exited));
      expect(
        outcomes.filter((o) => o === 'HELD'),
        outcomes.join(' | '),
      ).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'REFUSED StoreLockedError')).toHaveLength(7);
    }
  }, 60_000);

  it('a server that found the lock stale and was overtaken by another does not take the lock from it', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'LOCK'), JSON.stringify({ pid: 2 ** 22 + 4321, host: hostname(), startedAt: '2025-01-01T00:00:00.000Z' }));
    const paused = path.join(dir, 'paused');
    const go = path.join(dir, 'go');
    const run = (script: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      return { child, out: () => out.trim(), exited: new Promise<void>((resolve) => child.on('exit', () => resolve())) };
    };
    const lockModule = JSON.stringify(path.join(projectRoot, 'server/store/lock.ts'));
    // A sees the stale lock, then stops until told to go on.
    const a = run(`
      const { acquireLock } = await import(${lockModule});
      const { existsSync, writeFileSync } = await import('node:fs');
      try {
        acquireLock(${JSON.stringify(dir)}, { onStale: () => { writeFileSync(${JSON.stringify(paused)}, ''); while (!existsSync(${JSON.stringify(go)})) {} } });
        console.log('HELD');
      } catch (e) { console.log('REFUSED ' + e.name); }
      setTimeout(() => process.exit(0), 500);
    `);
    await expect.poll(() => existsSync(paused), { timeout: 15_000 }).toBe(true);
    // Meanwhile B takes the stale lock over completely, and keeps running.
    const b = run(`
      const { acquireLock } = await import(${lockModule});
      try { acquireLock(${JSON.stringify(dir)}); console.log('HELD'); } catch (e) { console.log('REFUSED ' + e.name); }
      setTimeout(() => process.exit(0), 4000);
    `);
    await expect.poll(() => b.out(), { timeout: 15_000 }).toBe('HELD');
    writeFileSync(go, '');
    await a.exited;
    expect(a.out()).toBe('REFUSED StoreLockedError');
    expect(JSON.parse(readFileSync(path.join(dir, 'LOCK'), 'utf8')).pid).toBe(b.child.pid);
    await b.exited;
  }, 60_000);
});
