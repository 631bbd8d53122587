/**
 * The toolbar badge without the sidebar (issue 14: it stayed empty after the browser started until
 * the sidebar was opened): counted at browser start and on install from the stored tasks, before and
 * without any network, and recounted by an alarm when the day turns. The background's listeners on
 * WXT's fake browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { BADGE_ALARM, BADGE_PERIOD_MINUTES, scheduleBadge } from '../../../extension/background/badge-schedule';
import { PERIODIC_ALARM, SyncRunner } from '../../../extension/background/sync-runner';
import { saveMe } from '../../../extension/settings/settings';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { SyncEngine } from '../../../extension/sync/engine';
import { LocalStore } from '../../../extension/sync/local-store';
import { FakeSyncServer } from './fake-sync-server';

const RED = [198, 40, 40, 255];
const badge = async () => ({ text: await browser.action.getBadgeText({}), color: await browser.action.getBadgeBackgroundColor({}) });

/** A store holding two open tasks of mine (one due 2026-12-02) and one of someone else, as a pull left it. */
async function storeWithTasks(): Promise<LocalStore> {
  const store = new LocalStore(chromeLocalArea);
  const server = new FakeSyncServer();
  const item = (id: string, assigneeId: string, deadline: string) => ({
    entity: 'item' as const,
    id,
    seq: 1,
    data: { id, campaignId: 'k1', list: 'task', title: `整改 ${id}`, assigneeId, status: 'in_progress', deadline },
    deleted: false,
  });
  server.announce = [item('i1', 'u_me', '2026-12-02'), item('i2', 'u_me', '2027-01-31'), item('i3', 'u_other', '2026-01-01')];
  await new SyncEngine({ store, transport: server }).sync();
  await saveMe({ user: { id: 'u_me', name: '王芳', unit: '学生处', role: 'member' }, campaigns: [], fetchedAt: Date.now() });
  return store;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T04:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('the badge without the sidebar', () => {
  it('at browser start counts the stored tasks at once, even while the server does not answer', async () => {
    const store = await storeWithTasks();
    const runner = new SyncRunner(store);
    // The server never answers: the sync hangs, the badge must not wait for it.
    const run = vi.fn(() => new Promise<never>(() => undefined));
    scheduleBadge({ updateBadge: () => runner.updateBadge(), run });
    expect((await badge()).text).toBe('');

    void fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect((await badge()).text).toBe('2'));
    expect(run).toHaveBeenCalledOnce();
    // Both schedules are in place after a start, whatever the browser kept of them.
    expect(await browser.alarms.get(PERIODIC_ALARM)).toMatchObject({ periodInMinutes: 5 });
    expect(await browser.alarms.get(BADGE_ALARM)).toMatchObject({ periodInMinutes: BADGE_PERIOD_MINUTES });
  });

  it('on install or update too, and then syncs', async () => {
    const store = await storeWithTasks();
    const runner = new SyncRunner(store);
    const run = vi.spyOn(runner, 'run');
    scheduleBadge(runner);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
    expect((await badge()).text).toBe('2');
    // No server is set here: the sync only says so, and the badge stays.
    expect(run).toHaveBeenCalledOnce();
    expect((await browser.storage.local.get('syncState')).syncState).toMatchObject({ status: 'error' });
  });

  it('the alarm recounts it: when the day turns in Beijing, a task due that day turns the badge red', async () => {
    const store = await storeWithTasks();
    scheduleBadge(new SyncRunner(store));
    await fakeBrowser.runtime.onStartup.trigger();
    expect((await badge()).color).not.toEqual(RED);

    // 2026-12-03 00:15 in Beijing; nothing synced, nobody opened the sidebar.
    vi.setSystemTime(new Date('2026-12-02T16:15:00Z'));
    await fakeBrowser.alarms.onAlarm.trigger({ name: BADGE_ALARM, scheduledTime: Date.now(), periodInMinutes: BADGE_PERIOD_MINUTES });
    expect(await badge()).toEqual({ text: '2', color: RED });
    expect(await browser.action.getTitle({})).toBe('台账：2 项任务，1 项已逾期');
  });
});
