/**
 * A server restored from a backup, against the real store and the real admin CLI: the extension
 * sees the new epoch, re-pushes what the backup lacks, and the server ends with every record
 * exactly once. The user does nothing but what a user does (open the sidebar, press 同步).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSnapshots } from '../../server/store/snapshots';
import { realDisk } from '../../server/store/disk';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { ownOaFixtures, projectRoot } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { captureOpinion, configure, localStorageOf, poll, startRelay, syncStatus, type Relay } from './extension-harness';

describe.skipIf(!browserAvailable())('server restored from a backup (new epoch)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-epoch-'));
  let server: TestServer;
  let fixtures: FixtureServer;
  let relay: Relay;
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    server = await startTestServer({ http: true, dataDir });
    fixtures = await startFixtureServer(ownOaFixtures);
    relay = await startRelay(server.url);
    ext = await launchWithExtension();
  });

  afterAll(async () => {
    await ext?.close();
    await relay?.close();
    await fixtures?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-pushes every record after restore-backup and the server holds each exactly once', async () => {
    const member = await server.createUser('赵磊', '机械工程学院');
    const res = await server.api('POST', '/api/v1/campaigns', {
      body: { title: '下基层察民情解民忧暖民心实践活动', template: 'grassroots', memberIds: [member.user.id] },
    });
    expect(res.status).toBe(201);
    await configure(ext, relay.url, member.token, fixtures.origin);
    const page = await ext.context.newPage();
    await page.goto(fixtures.urlOf(fixtures.pages.find((p) => p.file === 'tongda-notify.html')!));

    // Record one reaches the server, then the backup is taken.
    const frame = await captureOpinion(page, '各支部党员深入学院、宿舍、食堂听取师生意见建议');
    await poll(async () => (await server.store.find('records')).length, { timeout: 15_000 }).toBe(1);
    await server.embedded().compact();
    const backup = (await listSnapshots(realDisk, dataDir))[0]!;
    const epochBefore = (await server.store.meta()).epoch;

    // Record two reaches the server after the backup.
    await captureOpinion(page, '纳入问题清单统筹推进');
    await poll(async () => (await server.store.find('records')).length, { timeout: 15_000 }).toBe(2);
    await poll(() => syncStatus(frame), { timeout: 15_000 }).toBe('synced');

    // The operator stops the server and restores the backup with the admin CLI; record two is gone there.
    await server.stop();
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/admin/cli.ts'), 'restore-backup', backup], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(out).toContain('已从备份恢复');
    server = await startTestServer({ http: true, dataDir });
    relay.retarget(server.url);
    expect((await server.store.meta()).epoch).not.toBe(epochBefore);
    expect(await server.store.find('records')).toHaveLength(1);

    // The user presses 同步 (or waits for the periodic alarm); the extension sees `reset` and re-pushes.
    await frame.getByTestId('tz-sync-state').click();
    await poll(async () => (await server.store.find('records')).length, { timeout: 20_000, interval: 250 }).toBe(2);
    await poll(() => syncStatus(frame), { timeout: 15_000 }).toBe('synced');
    // Once more: nothing arrives twice.
    await frame.getByTestId('tz-sync-state').click();
    await poll(() => syncStatus(frame)).toBe('synced');

    const local = Object.entries(await localStorageOf(ext))
      .filter(([k]) => k.startsWith('rec:'))
      .map(([k]) => k.slice(4))
      .sort();
    const records = await server.store.find('records');
    expect(records.map((r) => r.id).sort()).toEqual(local);
    expect(records.map((r) => r.fields.content).sort()).toEqual(['各支部党员深入学院、宿舍、食堂听取师生意见建议', '纳入问题清单统筹推进'].sort());
    // The cursor is written when the sync that follows the re-push ends: waited for, not raced (a clean-clone
    // run once read the storage between the two writes).
    const epoch = (await server.store.meta()).epoch;
    await poll(async () => ((await localStorageOf(ext)).meta as { cursor?: { epoch: string } | null } | undefined)?.cursor?.epoch, {
      timeout: 15_000,
    }).toBe(epoch);
    await page.close();
  }, 90_000);
});
