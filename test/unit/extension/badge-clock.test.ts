/**
 * The badge reads "today" in the server's zone (issue 9: it took UTC, so from 00:00 to 08:00 China
 * time a task due yesterday was not yet overdue). The background's sync runner on WXT's fake browser,
 * with the items pulled from a fake sync server and the system clock set.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { SyncRunner } from '../../../extension/background/sync-runner';
import { saveMe } from '../../../extension/settings/settings';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { SyncEngine } from '../../../extension/sync/engine';
import { LocalStore } from '../../../extension/sync/local-store';
import { FakeSyncServer } from './fake-sync-server';

const RED = [198, 40, 40, 255];

async function badgeAt(utc: string, timeZone?: string) {
  vi.setSystemTime(new Date(utc));
  const store = new LocalStore(chromeLocalArea);
  const server = new FakeSyncServer();
  server.announce = [
    {
      entity: 'item',
      id: 'i1',
      seq: 1,
      data: { id: 'i1', campaignId: 'k1', list: 'task', title: '整改', assigneeId: 'u_me', status: 'in_progress', deadline: '2026-12-02' },
      deleted: false,
    },
  ];
  await new SyncEngine({ store, transport: server }).sync();
  await saveMe({ user: { id: 'u_me', name: '王芳', unit: '学生处', role: 'member' }, campaigns: [], timeZone, fetchedAt: Date.now() });
  await new SyncRunner(store).updateBadge();
  return { text: await browser.action.getBadgeText({}), color: await browser.action.getBadgeBackgroundColor({}), title: await browser.action.getTitle({}) };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

describe('the badge’s today', () => {
  it('at 01:00 in Beijing (17:00 UTC the day before) a task due yesterday is overdue', async () => {
    const badge = await badgeAt('2026-12-02T17:00:00Z');
    expect(badge.text).toBe('1');
    expect(badge.color).toEqual(RED);
    expect(badge.title).toContain('1 项已逾期');
  });

  it('at 23:00 in Beijing the same task is due today, not overdue', async () => {
    const badge = await badgeAt('2026-12-02T15:00:00Z');
    expect(badge.color).not.toEqual(RED);
  });

  it('follows the zone the server says it is in', async () => {
    // 17:00 UTC is still 2 December in London: not overdue there.
    const badge = await badgeAt('2026-12-02T17:00:00Z', 'Europe/London');
    expect(badge.color).not.toEqual(RED);
  });
});
