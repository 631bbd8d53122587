/**
 * Runs the sync engine for the background: after each save, on alarms and on start-up; publishes
 * the state where every page can see it (`syncState`, storage/keys.ts); schedules the retry alarm
 * with the engine's backoff; keeps the toolbar badge counting my open tasks.
 */
import { browser } from 'wxt/browser';
import type { LocalStore } from '../sync/local-store';
import { SyncEngine, type SyncState } from '../sync/engine';
import { hashToken, serverOrigin } from '../sync/owner';
import { httpTransport, TransportError } from '../sync/transport';
import { getMe, getSettings, type Settings } from '../settings/settings';
import { countMyTasks } from '../tasks/task-status';
import { localItem } from '../storage/typed-area';
import { DEFAULT_TIME_ZONE, isKnownTimeZone, todayIn } from '../../shared/calendar';

export const RETRY_ALARM = 'sync-retry';
export const PERIODIC_ALARM = 'sync-periodic';

/** Published for the badge and the sidebar (storage/watch.ts `watchSyncState`). */
const published = localItem('syncState');

export class SyncRunner {
  readonly engine: SyncEngine;

  constructor(private readonly store: LocalStore) {
    this.engine = new SyncEngine({ store, transport: httpTransport(() => this.boundSettings()), baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 });
  }

  /**
   * The saved server and token, but only while they are the ones the local store is bound to:
   * the store's client id, records and cursor never travel to another server or user.
   */
  private async boundSettings(): Promise<Settings> {
    const settings = await getSettings();
    const owner = await this.store.owner();
    if (owner && settings.serverUrl && (serverOrigin(settings.serverUrl) !== owner.server || (await hashToken(settings.token)) !== owner.tokenHash)) {
      throw new TransportError('config', '服务器地址或令牌已更改，请在设置页点击“测试连接并保存”后再同步');
    }
    return settings;
  }

  /** Shows "待同步 N" at once, before the network is tried. */
  async markPending(): Promise<void> {
    const pending = (await this.store.outbox()).length;
    const prev = await published.get();
    await published.set({ ...(prev ?? {}), status: prev?.status === 'offline' ? 'offline' : 'pending', pending });
  }

  async run(): Promise<SyncState> {
    const settings = await getSettings();
    let state: SyncState;
    if (!settings.serverUrl || !settings.token) {
      const pending = (await this.store.outbox()).length;
      state = { status: 'error', pending, reason: '尚未设置服务器地址和令牌（请在设置页填写）' };
    } else {
      state = await this.engine.sync();
    }
    await published.set(state);
    if (state.retryInMs !== undefined) await browser.alarms.create(RETRY_ALARM, { when: Date.now() + state.retryInMs });
    else await browser.alarms.clear(RETRY_ALARM);
    await this.updateBadge();
    return state;
  }

  async updateBadge(): Promise<void> {
    const me = await getMe();
    const items = await this.store.items();
    const { open, overdue } = countMyTasks(
      items.map((i) => i.fields),
      me?.user.id ?? null,
      // The server's zone, not UTC: from 00:00 to 08:00 in China a UTC "today" is still yesterday.
      todayIn(me?.timeZone && isKnownTimeZone(me.timeZone) ? me.timeZone : DEFAULT_TIME_ZONE),
    );
    await browser.action.setBadgeText({ text: open > 0 ? String(open) : '' });
    await browser.action.setBadgeBackgroundColor({ color: overdue > 0 ? '#c62828' : '#546e7a' });
    await browser.action.setTitle({ title: overdue > 0 ? `台账：${open} 项任务，${overdue} 项已逾期` : open > 0 ? `台账：${open} 项任务` : '台账' });
  }
}
