/**
 * What extension storage holds for the signed-in user outside the local store (sync/local-store.ts):
 * the cached `/me` answer, the sync state the badge and sidebar show, the last task list fetched,
 * and unsaved form drafts. This module names those keys; `forgetUserData` removes them all at once
 * when the store starts over for another user or server, so nothing of the previous user survives
 * an account switch (a component that wrote its own cache key once did: the next user, offline,
 * saw the previous user's tasks).
 */
import { browser } from 'wxt/browser';

/** Keys whose value belongs to one user. Every key written for a user must be listed here. */
export const USER_KEYS = { me: 'me', syncState: 'syncState', tasks: 'tasksCache' } as const;
/** Drafts are one key per form and page: `draft:<kind>:<url>`. */
export const DRAFT_PREFIX = 'draft:';

const area = () => browser.storage.local;

/** Removes everything tied to the current user (not the settings, the OA sites or the local store). */
export async function forgetUserData(): Promise<void> {
  const drafts = Object.keys(await area().get(null)).filter((k) => k.startsWith(DRAFT_PREFIX));
  await area().remove([...drafts, ...Object.values(USER_KEYS)]);
}

/** A value cached for one user on one server; read back only for the same owner. */
interface OwnedValue<T> {
  owner: string;
  value: T;
}

/** `server origin + user id`: who a cached value belongs to. */
export const ownerKey = (server: string, userId: string) => `${server} ${userId}`;

/** The last `/me/tasks` answer, for showing offline. Written and read only by the background. */
export const taskCache = {
  async get<T>(owner: string): Promise<T | null> {
    const got = (await area().get(USER_KEYS.tasks))[USER_KEYS.tasks] as OwnedValue<T> | undefined;
    // A cache of someone else is never shown, even if a clean-up was missed.
    return got && typeof got === 'object' && got.owner === owner ? got.value : null;
  },
  async set<T>(owner: string, value: T): Promise<void> {
    await area().set({ [USER_KEYS.tasks]: { owner, value } satisfies OwnedValue<T> });
  },
};
