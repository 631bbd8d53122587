/** Preact hooks over the store's read API (storage/watch.ts): a component re-renders when what it shows changes. */
import { useEffect, useState } from 'preact/hooks';
import type { Campaign } from '../../shared/model/campaign';
import type { LocalItem, LocalRecord, MeCache, OutboxMutation, Rejection, SyncState } from '../storage/stored-shapes';
import { type Unwatch, watchCampaigns, watchItems, watchMe, watchOutbox, watchRecords, watchRejections, watchSyncState } from '../storage/watch';

function useWatched<T>(watch: (cb: (value: T) => void) => Unwatch, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => watch(setValue), [watch]);
  return value;
}

const NO_RECORDS: LocalRecord[] = [];
const NO_CAMPAIGNS: Campaign[] = [];
const NO_MUTATIONS: OutboxMutation[] = [];
const NO_REJECTIONS: Rejection[] = [];
const NO_ITEMS: Record<string, LocalItem> = {};

export const useRecords = () => useWatched(watchRecords, NO_RECORDS);
export const useOutbox = () => useWatched(watchOutbox, NO_MUTATIONS);
export const useCampaigns = () => useWatched(watchCampaigns, NO_CAMPAIGNS);
export const useItems = () => useWatched(watchItems, NO_ITEMS);
export const useRejections = () => useWatched(watchRejections, NO_REJECTIONS);
export const useSyncState = () => useWatched<SyncState | null>(watchSyncState, null);
export const useMe = () => useWatched<MeCache | null>(watchMe, null);
