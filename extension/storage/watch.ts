/**
 * What the pages (the sidebar) read of the background's store and state: each `watch…` calls back
 * at once with the current value, then again on every change, until the returned function is
 * called. The background is the only writer; pages only watch, and never name a key.
 */
import { browser } from 'wxt/browser';
import type { Campaign } from '../../shared/model/campaign';
import type { LocalKey, LocalPrefix, LocalValues, PrefixedValue } from './keys';
import type { LocalItem, LocalRecord, MeCache, OutboxMutation, Rejection, SyncState } from './stored-shapes';
import { LocalArea } from './typed-area';

export type Unwatch = () => void;
type Changes = Record<string, { newValue?: unknown }>;

const area = new LocalArea();

/** Calls `onChange` for changes of the local area touching a key `affects` accepts. */
function onLocalChange(affects: (key: string) => boolean, onChange: (changes: Changes) => void): Unwatch {
  const listener = (changes: Changes, areaName: string) => {
    if (areaName === 'local' && Object.keys(changes).some(affects)) onChange(changes);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

function watchKey<K extends LocalKey>(key: K, cb: (value: LocalValues[K] | undefined) => void): Unwatch {
  let live = true;
  // A change that arrives before the first read has answered is newer than what that read returns.
  let changed = false;
  const stop = onLocalChange(
    (k) => k === key,
    (changes) => {
      changed = true;
      // A removed key reads as undefined (the fake browser in tests says null).
      cb((changes[key]!.newValue ?? undefined) as LocalValues[K] | undefined);
    },
  );
  void area.one(key).then((value) => live && !changed && cb(value));
  return () => {
    live = false;
    stop();
  };
}

/** Entries stored one key each: any change under the prefix reads them all again, the latest read winning. */
function watchPrefixed<P extends LocalPrefix>(prefix: P, cb: (values: PrefixedValue<P>[]) => void): Unwatch {
  let live = true;
  let reads = 0;
  const load = () => {
    const read = ++reads;
    void area.prefixed(prefix).then((values) => live && read === reads && cb(values));
  };
  const stop = onLocalChange((k) => k.startsWith(prefix), load);
  load();
  return () => {
    live = false;
    stop();
  };
}

/** My records, newest change first (tombstones included: the list filters them). */
export const watchRecords = (cb: (records: LocalRecord[]) => void): Unwatch =>
  watchPrefixed('rec:', (records) => cb(records.sort((a, b) => b.updatedAt - a.updatedAt)));

/** Changes not yet acknowledged by the server. */
export const watchOutbox = (cb: (outbox: OutboxMutation[]) => void): Unwatch => watchKey('outbox', (outbox) => cb(outbox ?? []));

/** Campaigns as last pulled (empty before the first pull; `me` lists them earlier). */
export const watchCampaigns = (cb: (campaigns: Campaign[]) => void): Unwatch => watchKey('campaigns', (map) => cb(Object.values(map ?? {})));

/** Task items as pulled, my pending progress on top (what a task card shows the moment I save). */
export const watchItems = (cb: (items: Record<string, LocalItem>) => void): Unwatch => watchKey('items', (map) => cb(map ?? {}));

/** The server's latest refusal per record or item. */
export const watchRejections = (cb: (rejections: Rejection[]) => void): Unwatch => watchKey('rejections', (list) => cb(list ?? []));

/** What the background's last sync did; null before the first. */
export const watchSyncState = (cb: (state: SyncState | null) => void): Unwatch => watchKey('syncState', (state) => cb(state ?? null));

/** The cached `/me`: who I am, my campaigns, the server's zone; null when not connected. */
export const watchMe = (cb: (me: MeCache | null) => void): Unwatch => watchKey('me', (me) => cb(me ?? null));
