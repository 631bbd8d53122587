/**
 * Keeps the toolbar badge current without anyone opening the sidebar: at browser start and on
 * install or update it is counted at once from the tasks already stored (no network, so an
 * unreachable server cannot leave it blank), then a sync brings it up to date; an alarm recounts it
 * on a schedule, since a task becomes overdue when the day turns, not when something syncs.
 */
import { browser } from 'wxt/browser';
import { PERIODIC_ALARM, RETRY_ALARM, type SyncRunner } from './sync-runner';

export const BADGE_ALARM = 'badge-refresh';
/** Minutes between recounts: the day turns at most this late on the badge. */
export const BADGE_PERIOD_MINUTES = 15;
const SYNC_PERIOD_MINUTES = 5;

type Runner = Pick<SyncRunner, 'updateBadge' | 'run'>;

/** Alarms survive most restarts but not every one (Chrome may drop them with the profile's state): make sure both exist. */
async function ensureAlarms(): Promise<void> {
  if (!(await browser.alarms.get(PERIODIC_ALARM))) await browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  if (!(await browser.alarms.get(BADGE_ALARM))) await browser.alarms.create(BADGE_ALARM, { periodInMinutes: BADGE_PERIOD_MINUTES });
}

/** Browser start, install or update: alarms in place, the badge from what is stored, then a sync. */
export async function wakeUp(runner: Runner): Promise<void> {
  await ensureAlarms();
  await runner.updateBadge().catch(() => undefined);
  await runner.run().catch(() => undefined);
}

/** Registers the listeners; call once, synchronously, at the top of the service worker. */
export function scheduleBadge(runner: Runner): void {
  browser.runtime.onStartup.addListener(() => wakeUp(runner));
  browser.runtime.onInstalled.addListener(() => wakeUp(runner));
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === BADGE_ALARM) await runner.updateBadge().catch(() => undefined);
    else if (alarm.name === RETRY_ALARM || alarm.name === PERIODIC_ALARM) await runner.run().catch(() => undefined);
  });
}
