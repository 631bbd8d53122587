import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin/cli';
import { openFileStore } from '../../server/store/open';
import { userForToken } from '../../server/auth/tokens';
import { endpointPath, readEndpoint } from '../../server/admin/endpoint';
import { backupDataDir, copyBlobs } from '../../server/store/backup';
import { createUser } from '../../server/people/service';
import { sha256Of } from '../../server/store/blobs';
import { spawnServer } from '../support/server-process';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-admin-'));
const dirs: string[] = [dataDir];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function admin(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runAdmin([...argv, '--data-dir', dataDir], (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('npm run admin', () => {
  it('adds users, creates a campaign from a template, adds members, rotates and revokes tokens', async () => {
    const added = await admin('add-user', '--name', '张老师', '--unit', '学工部');
    expect(added.code).toBe(0);
    const userId = /ID：(\S+)/.exec(added.out)![1]!;
    const token = /令牌（只显示这一次）：(\S+)/.exec(added.out)![1]!;

    const created = await admin('create-campaign', '--title', '下基层', '--template', 'grassroots', '--year', '2025');
    expect(created.out).toContain('动员部署：2025-05-01 至 2025-05-31');
    const campaignId = /ID：(\S+)/.exec(created.out)![1]!;
    expect((await admin('add-members', campaignId, userId)).out).toContain('现有成员 1 人');
    expect((await admin('list-users')).out).toContain(`${userId}\t张老师\t学工部\tmember`);

    const rotated = await admin('rotate-token', userId);
    const newToken = /新令牌（只显示这一次）：(\S+)/.exec(rotated.out)![1]!;
    let store = await openFileStore(dataDir);
    expect(await userForToken(store, token)).toBeUndefined();
    expect((await userForToken(store, newToken))?.id).toBe(userId);
    expect((await store.get('campaigns', campaignId))?.memberIds).toEqual([userId]);
    await store.close();

    expect((await admin('revoke-token', userId)).out).toContain('已吊销 1 个令牌');
    store = await openFileStore(dataDir);
    expect(await userForToken(store, newToken)).toBeUndefined();
    await store.close();
  });

  it('applies the API’s rules: bad input is refused with a Chinese message and nothing is written', async () => {
    await expect(admin('add-user', '--name', '', '--unit', '学工部')).rejects.toThrow(/不能为空/);
    await expect(admin('add-members', 'k-x', '../etc')).rejects.toThrow(/只能包含/);
    await expect(admin('create-campaign', '--title', 'x', '--template', 'nope')).rejects.toThrow(/模板/);
    expect((await admin('no-such-command')).code).toBe(2);
  });

  it('refuses when something holds the data dir without saying where a server listens (another admin command, a server starting)', async () => {
    const store = await openFileStore(dataDir);
    try {
      await expect(admin('list-users')).rejects.toThrow(/已被另一个台账服务器占用[\s\S]*没有登记服务地址/);
    } finally {
      await store.close();
    }
  });
});

describe('npm run admin while the server runs', () => {
  it('goes through the API with ADMIN_TOKEN: the user it adds signs in at once, campaigns and tokens change on the server, and offline again once it stops', async () => {
    const server = await spawnServer();
    dirs.push(server.dataDir);
    const env = { ADMIN_TOKEN: server.adminToken };
    const run = async (...argv: string[]) => {
      const lines: string[] = [];
      const code = await runAdmin([...argv, '--data-dir', server.dataDir], (l) => lines.push(l), env);
      return { code, out: lines.join('\n') };
    };
    const get = (path: string, token: string) => fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    try {
      expect(readEndpoint(server.dataDir)?.url).toBe(server.url);
      const added = await run('add-user', '--name', '李老师', '--unit', '研究生院');
      expect(added.out).toContain(`经由运行中的服务器 ${server.url}`);
      const userId = /ID：(\S+)/.exec(added.out)![1]!;
      const token = /令牌（只显示这一次）：(\S+)/.exec(added.out)![1]!;
      // The server holds the store in memory: it knows the user because it made the user.
      const me = await get('/me', token);
      expect(me.status).toBe(200);
      expect((await me.json()).user).toEqual({ id: userId, name: '李老师', unit: '研究生院', role: 'member' });
      expect((await run('list-users')).out).toContain(`${userId}\t李老师\t研究生院\tmember`);

      const created = await run('create-campaign', '--title', '主题教育', '--template', 'mass-line', '--year', '2025');
      const campaignId = /ID：(\S+)/.exec(created.out)![1]!;
      expect((await run('add-members', campaignId, userId)).out).toContain('现有成员 1 人');
      expect((await (await get('/me', token)).json()).campaigns.map((k: { id: string }) => k.id)).toEqual([campaignId]);
      expect((await run('list-campaigns')).out).toContain(`${campaignId}\t主题教育\t成员 1 人`);
      // Adds to the members the server has, rather than replacing them.
      const second = /ID：(\S+)/.exec((await run('add-user', '--name', '王老师', '--unit', '团委')).out)![1]!;
      expect((await run('add-members', campaignId, second)).out).toContain('现有成员 2 人');
      // Audited under the admin whose token the CLI used, like a change made in the console.
      const audit = await (await get(`/campaigns/${campaignId}/audit`, server.adminToken)).json();
      expect(audit.entries.some((e: { action: string; actorId: string }) => e.action === 'campaign.members' && e.actorId !== 'system')).toBe(true);

      const rotated = await run('rotate-token', userId);
      expect(rotated.out).toContain('已吊销 1 个令牌');
      const newToken = /新令牌（只显示这一次）：(\S+)/.exec(rotated.out)![1]!;
      expect((await get('/me', token)).status).toBe(401);
      expect((await get('/me', newToken)).status).toBe(200);
      expect((await run('disable-user', userId)).out).toContain('已停用用户 李老师');
      expect((await get('/me', newToken)).status).toBe(401);
      expect((await run('enable-user', userId)).out).toContain('已重新启用用户 李老师');

      // What needs an admin's token says so; what rewrites the directory waits for the server to stop.
      await expect(runAdmin(['list-users', '--data-dir', server.dataDir], () => {}, {})).rejects.toThrow(/ADMIN_TOKEN/);
      await expect(runAdmin(['list-users', '--data-dir', server.dataDir], () => {}, { ADMIN_TOKEN: 'tz_wrong-token-0123456789' })).rejects.toThrow(
        /不认这个令牌/,
      );
      await expect(runAdmin(['list-users', '--data-dir', server.dataDir], () => {}, { ADMIN_TOKEN: newToken })).rejects.toThrow(/管理员的令牌/);
      await expect(run('recover')).rejects.toThrow(/只能在服务器停止后运行/);
      await expect(run('add-members', campaignId, 'u-nobody')).rejects.toThrow(/用户 u-nobody 不存在/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(endpointPath(server.dataDir))).toBe(false);
    const offline: string[] = [];
    await runAdmin(['list-users', '--data-dir', server.dataDir], (l) => offline.push(l), {});
    expect(offline.join('\n')).toContain('李老师\t研究生院\tmember');
    expect(offline.join('\n')).not.toContain('经由');
  }, 60_000);

  it('takes a backup while the server takes writes; the backup restores into an empty directory with the same users', async () => {
    const server = await spawnServer();
    dirs.push(server.dataDir);
    const backups = mkdtempSync(path.join(os.tmpdir(), 'taizhang-backups-'));
    const restored = mkdtempSync(path.join(os.tmpdir(), 'taizhang-restored-'));
    dirs.push(backups, restored);
    const post = (name: string) =>
      fetch(`${server.url}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, unit: '学工部' }),
      });
    let backupOut = '';
    try {
      for (let i = 0; i < 5; i++) expect((await post(`先加的${i}`)).status).toBe(201);
      // Writes keep coming while the copy is taken: the backup holds a prefix of them, whole.
      const writing = Promise.all(Array.from({ length: 20 }, (_, i) => post(`同时加的${i}`)));
      const lines: string[] = [];
      await runAdmin(['backup', backups, '--keep', '2', '--data-dir', server.dataDir], (l) => lines.push(l), {});
      await writing;
      backupOut = lines.join('\n');
    } finally {
      await server.stop();
    }
    const dir = /已备份到 (\S+)：/.exec(backupOut)![1]!;
    expect(path.basename(dir)).toMatch(/^taizhang-\d{8}T\d{6}Z$/);
    expect(existsSync(path.join(dir, 'LOCK'))).toBe(false);

    const lines: string[] = [];
    await runAdmin(['restore-backup', dir, '--data-dir', path.join(restored, 'data')], (l) => lines.push(l), {});
    expect(lines.join('\n')).toContain('已从备份恢复');
    const original = await openFileStore(server.dataDir);
    const originalUsers = new Map((await original.find('users')).map((u) => [u.id, u]));
    const originalEpoch = (await original.meta()).epoch;
    await original.close();
    const store = await openFileStore(path.join(restored, 'data'));
    try {
      const users = await store.find('users');
      for (let i = 0; i < 5; i++) expect(users.map((u) => u.name)).toContain(`先加的${i}`);
      // Whatever of the concurrent writes made it in is whole: every document as the server has it.
      for (const u of users) expect(u).toEqual(originalUsers.get(u.id));
      expect((await store.meta()).epoch).not.toBe(originalEpoch);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('a backup while compactions keep switching the snapshot and the log', () => {
  it('is always a state the store was in: users added one after another are there up to some point, none missing before it', async () => {
    const live = mkdtempSync(path.join(os.tmpdir(), 'taizhang-compacting-'));
    const backups = mkdtempSync(path.join(os.tmpdir(), 'taizhang-compacting-backups-'));
    dirs.push(live, backups);
    // A log of 4 KB: a compaction every dozen users or so, many of them during each copy.
    const store = await openFileStore(live, { walMaxBytes: 4096, keepSnapshots: 2 });
    let stop = false;
    let added = 0;
    const writer = (async () => {
      while (!stop) await createUser(store, { name: `第${String(++added).padStart(4, '0')}位`, unit: '学工部', role: 'member' });
    })();
    const taken: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 30));
        taken.push((await backupDataDir(live, backups, new Date(Date.UTC(2025, 0, 1, 0, 0, i)))).dir);
      }
    } finally {
      stop = true;
      await writer;
    }
    const final = new Map((await store.find('users')).map((u) => [u.id, u]));
    await store.close();
    expect(added).toBeGreaterThan(30);
    let previous = 0;
    for (const dir of taken) {
      const copy = await openFileStore(dir);
      const users = (await copy.find('users')).filter((u) => u.role === 'member');
      await copy.close();
      for (const u of users) expect(u).toEqual(final.get(u.id));
      const numbers = users.map((u) => Number(/\d+/.exec(u.name)![0])).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect(numbers.length).toBeGreaterThanOrEqual(previous);
      previous = numbers.length;
    }
    expect(previous).toBeGreaterThan(0);
  }, 60_000);
});

describe('backups of 佐证材料 files', () => {
  it('copies every blob once, hard-links what the previous backup already has, and skips temp files', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'taizhang-blobs-'));
    dirs.push(root);
    const put = (dir: string, content: string) => {
      const hash = sha256Of(Buffer.from(content));
      mkdirSync(path.join(dir, 'blobs', hash.slice(0, 2)), { recursive: true });
      writeFileSync(path.join(dir, 'blobs', hash.slice(0, 2), hash), content);
      return path.join('blobs', hash.slice(0, 2), hash);
    };
    const data = path.join(root, 'data');
    const first = put(data, 'scan-1');
    put(data, 'scan-2');
    writeFileSync(path.join(data, first.replace(/[0-9a-f]{64}$/, '.abc.tmp')), 'half');
    expect(await copyBlobs(data, path.join(root, 'b1'))).toEqual({ copied: 2, linked: 0 });
    put(data, 'scan-3');
    expect(await copyBlobs(data, path.join(root, 'b2'), path.join(root, 'b1'))).toEqual({ copied: 1, linked: 2 });
    expect(statSync(path.join(root, 'b2', first)).ino).toBe(statSync(path.join(root, 'b1', first)).ino);
    expect(readFileSync(path.join(root, 'b2', first), 'utf8')).toBe('scan-1');
  });
});
