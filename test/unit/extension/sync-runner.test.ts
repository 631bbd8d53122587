/**
 * The background's sync runner (extension/background/sync-runner.ts) on WXT's fake browser, with
 * the network replaced by a fake server: the state it publishes for the badge and the sidebar
 * (pending at once, offline with the backoff, synced, refused settings), and the retry alarm.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { RETRY_ALARM, SyncRunner } from '../../../extension/background/sync-runner';
import { saveSettings } from '../../../extension/settings/settings';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { watchSyncState } from '../../../extension/storage/watch';
import type { SyncState } from '../../../extension/sync/engine';
import { LocalStore } from '../../../extension/sync/local-store';
import { hashToken } from '../../../extension/sync/owner';
import { FakeServerFetch } from './fake-server-fetch';
import { opinionFields } from './fixtures';

const SERVER = 'https://tz.example.edu.cn';
const TOKEN = 'tok-alice-0123456789';
const opinion = opinionFields;

let net: FakeServerFetch;
let store: LocalStore;
let runner: SyncRunner;

/** What the sidebar sees: the state the runner last published. */
async function published(): Promise<SyncState | null> {
  let seen: SyncState | null = null;
  const stop = watchSyncState((s) => (seen = s));
  await new Promise((r) => setTimeout(r, 0));
  stop();
  return seen;
}

const retryAlarm = () => browser.alarms.get(RETRY_ALARM);

beforeEach(async () => {
  fakeBrowser.reset();
  net = new FakeServerFetch();
  net.users.set(TOKEN, { id: 'u_alice', name: '王芳', unit: '学生处', role: 'member' });
  vi.stubGlobal('fetch', net.fetch);
  store = new LocalStore(chromeLocalArea);
  runner = new SyncRunner(store);
  await saveSettings({ serverUrl: SERVER, token: TOKEN });
  await store.bindOwner({ server: SERVER, userId: 'u_alice', tokenHash: await hashToken(TOKEN) });
});
afterEach(() => vi.unstubAllGlobals());

describe('the sync runner', () => {
  it('says 待同步 with the count as soon as a change is saved, before any network', async () => {
    net.online = false;
    await store.saveRecord(null, opinion('食堂'));
    await store.saveRecord(null, opinion('宿舍'));
    await runner.markPending();
    expect(await published()).toMatchObject({ status: 'pending', pending: 2 });
    expect(net.asked).toEqual([]);
  });

  it('offline: publishes the reason and the count, and retries by alarm with a growing delay', async () => {
    await store.saveRecord(null, opinion('食堂'));
    net.online = false;
    const before = Date.now();
    expect(await runner.run()).toMatchObject({ status: 'offline', pending: 1, reason: '无法连接服务器', retryInMs: 1_000 });
    expect(await published()).toMatchObject({ status: 'offline', pending: 1, reason: '无法连接服务器' });
    expect((await retryAlarm())?.scheduledTime).toBeGreaterThanOrEqual(before + 1_000);

    await runner.run();
    expect(await published()).toMatchObject({ status: 'offline', retryInMs: 2_000 });

    // A save meanwhile keeps saying offline, with the new count: the next try is still the alarm's.
    await store.saveRecord(null, opinion('宿舍'));
    await runner.markPending();
    expect(await published()).toMatchObject({ status: 'offline', pending: 2 });
  });

  it('back online: delivers, publishes 已同步 with the time, and drops the retry alarm', async () => {
    await store.saveRecord(null, opinion('食堂'));
    net.online = false;
    await runner.run();
    expect(await retryAlarm()).toBeDefined();

    net.online = true;
    const state = await runner.run();
    expect(state).toMatchObject({ status: 'synced', pending: 0, lastSyncedAt: expect.any(Number) });
    expect(await published()).toEqual(state);
    expect(await retryAlarm()).toBeUndefined();
    expect(net.sync.state.records.size).toBe(1);
    expect(await store.outbox()).toEqual([]);
  });

  it('without a server address and token: an error telling where to set them, and nothing sent', async () => {
    await saveSettings({ serverUrl: '', token: '' });
    await store.saveRecord(null, opinion('食堂'));
    expect(await runner.run()).toEqual({ status: 'error', pending: 1, reason: '尚未设置服务器地址和令牌（请在设置页填写）' });
    expect(await published()).toMatchObject({ status: 'error' });
    expect(await retryAlarm()).toBeUndefined();
    expect(net.asked).toEqual([]);
  });

  it('refuses to send the store under a token it is not bound to', async () => {
    await store.saveRecord(null, opinion('食堂'));
    // Saved without going through 测试连接并保存: the store still belongs to the old token.
    net.users.set('tok-other-0123456789', { id: 'u_bob', name: '李强', unit: '后勤处', role: 'member' });
    await saveSettings({ serverUrl: SERVER, token: 'tok-other-0123456789' });
    const state = await runner.run();
    expect(state).toMatchObject({ status: 'error', pending: 1, reason: '服务器地址或令牌已更改，请在设置页点击“测试连接并保存”后再同步' });
    expect(await published()).toMatchObject({ status: 'error', pending: 1 });
    expect(net.asked).toEqual([]);
    expect(net.sync.state.records.size).toBe(0);
  });

  it('a refused token is an error, not offline', async () => {
    await store.saveRecord(null, opinion('食堂'));
    net.sync.faults = ['http-401'];
    expect(await runner.run()).toMatchObject({ status: 'error', pending: 1, reason: expect.stringContaining('令牌无效') });
    expect(await retryAlarm()).toBeDefined();
  });
});
