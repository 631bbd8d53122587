import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin/cli';
import { openFileStore } from '../../server/store/open';
import { userForToken } from '../../server/auth/tokens';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-admin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

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

  it('refuses to run while a server holds the data dir', async () => {
    const store = await openFileStore(dataDir);
    try {
      await expect(admin('list-users')).rejects.toThrow(/已被另一个台账服务器占用/);
    } finally {
      await store.close();
    }
  });
});
