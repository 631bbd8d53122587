/**
 * What belongs to the signed-in user, and forgetting it. Every `user` key of keys.ts — the local
 * store (records, outbox, cursor, campaigns, items, refusals), the cached `/me`, the sync state, the
 * task cache, the drafts — goes in one call when the store starts over for another user or server,
 * so nothing of the previous user survives an account switch (a component that once wrote a cache
 * key of its own did: the next user, offline, saw the previous user's tasks). The scope is read from
 * the key table, so a key declared there is covered without being listed here.
 */
import type { MyTasks } from '../../shared/model/my-tasks';
import { chromeLocalArea, type KvArea } from './kv-area';
import { type LocalKey, type LocalPatch, scopeOf } from './keys';
import { LocalArea, localItem } from './typed-area';

/**
 * Removes every value tied to the user; `replacement` is written afterwards in place of what it
 * names. The local store passes its new meta (bound to the new owner) there: written last, so a
 * switch cut short leaves the store bound to the old owner, and the next connection starts over again.
 */
export async function forgetUserData(kv: KvArea = chromeLocalArea, replacement: LocalPatch = {}): Promise<void> {
  const area = new LocalArea(kv);
  const gone = (await area.keys()).filter((k) => scopeOf(k) === 'user' && !Object.hasOwn(replacement, k)) as LocalKey[];
  await area.remove(gone);
  if (Object.keys(replacement).length > 0) await area.set(replacement);
}

/** `server origin + user id`: who a cached value belongs to. */
export const ownerKey = (server: string, userId: string) => `${server} ${userId}`;

const tasksCache = localItem('tasksCache');

/** The last `/me/tasks` answer, for showing offline. Written and read only by the background. */
export const taskCache = {
  async get(owner: string): Promise<MyTasks | null> {
    const got = await tasksCache.get();
    // A cache of someone else is never shown, even if a clean-up was missed.
    return got && typeof got === 'object' && got.owner === owner ? got.value : null;
  },
  set: (owner: string, value: MyTasks): Promise<void> => tasksCache.set({ owner, value }),
};
