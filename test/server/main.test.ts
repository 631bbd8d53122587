import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, spawnServerExpectingExit, tempDataDir } from '../support/server-process';
import { readConfig } from '../../server/config';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('server process', () => {
  it('prints one listening line with the real port, refuses a second server on the same DATA_DIR, and releases the lock on SIGTERM', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const s = await spawnServer({ dataDir });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(s.url.endsWith(':0')).toBe(false);
      expect(s.output().match(/Taizhang server listening on/g)).toHaveLength(1);
      const me = await fetch(`${s.url}/api/v1/me`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      expect((await me.json()).user.role).toBe('admin');

      const second = await spawnServerExpectingExit({ dataDir });
      expect(second.code).not.toBe(0);
      expect(second.output).toMatch(/进程 \d+，主机 \S+，/);
      expect(second.output).toMatch(/启动于 \d{4}-\d{2}-\d{2}T/);
    } finally {
      expect(await s.stop('SIGTERM')).toBe(0);
    }
    expect(existsSync(path.join(dataDir, 'LOCK'))).toBe(false);
    // The store written by the first run loads again; the admin token still works.
    const again = await spawnServer({ dataDir, adminToken: 'tz_not-used-because-store-exists' });
    try {
      const me = await fetch(`${again.url}/api/v1/me`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      expect(me.status).toBe(200);
    } finally {
      await again.stop();
    }
  }, 90_000);

  it('without ADMIN_TOKEN, the first start prints a random admin token once', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const s = await spawnServer({ dataDir, env: { ADMIN_TOKEN: '' } });
    try {
      const m = /管理员令牌（只显示这一次，请妥善保存）：(\S+)/.exec(s.output());
      expect(m).not.toBeNull();
      const me = await fetch(`${s.url}/api/v1/me`, { headers: { authorization: `Bearer ${m![1]}` } });
      expect(me.status).toBe(200);
    } finally {
      await s.stop();
    }
  }, 60_000);

  it('an ADMIN_TOKEN outside the rule stops the start with a message naming the variable and the rule', async () => {
    for (const bad of ['short-token', 'x'.repeat(201), '带中文的令牌带中文的令牌带中文的令牌', 'has spaces in it 0123']) {
      expect(() => readConfig({ ADMIN_TOKEN: bad })).toThrow(
        /^环境变量 ADMIN_TOKEN 无效：须为 16–200 个字符，只能包含英文字母、数字和 - _ \. ~ \+ \/ = 这些符号$/,
      );
    }
    expect(readConfig({ ADMIN_TOKEN: 'a'.repeat(16) }).ADMIN_TOKEN).toBe('a'.repeat(16));
    expect(readConfig({ ADMIN_TOKEN: '' }).ADMIN_TOKEN).toBeUndefined();
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const refused = await spawnServerExpectingExit({ dataDir, adminToken: 'too-short' });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('环境变量 ADMIN_TOKEN 无效：须为 16–200 个字符');
    expect(existsSync(path.join(dataDir, 'LOCK'))).toBe(false);
  }, 60_000);
});
