/**
 * Whose data the local store holds: the server (origin) and the user `/me` named when the store
 * was bound, plus a hash of the token it was bound with. Records, outbox, cursor and client id
 * belong to that pair; a different user or server must start from a fresh store, or the old
 * user's unsynced records (private speaker names) would be pushed as someone else's.
 */
import type { StoreOwner } from '../storage/stored-shapes';

export type { StoreOwner } from '../storage/stored-shapes';

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function serverOrigin(serverUrl: string): string {
  return new URL(serverUrl).origin;
}

/** Same user on the same server: the store (and its client id) carries over, e.g. after a token renewal. */
export function sameOwner(a: Pick<StoreOwner, 'server' | 'userId'>, b: Pick<StoreOwner, 'server' | 'userId'>): boolean {
  return a.server === b.server && a.userId === b.userId;
}

/**
 * What connecting as `next` means for a store bound to `current` holding `pending` unsynced
 * changes: keep it (same owner, or nobody yet), start over (someone else, nothing unsynced), or
 * ask first (someone else, and starting over would throw away unsynced records).
 */
export type OwnerDecision = 'keep' | 'start-over' | 'confirm';

export function decideOwnerChange(
  current: Pick<StoreOwner, 'server' | 'userId'> | null,
  next: Pick<StoreOwner, 'server' | 'userId'>,
  pending: number,
): OwnerDecision {
  if (!current || sameOwner(current, next)) return 'keep';
  return pending > 0 ? 'confirm' : 'start-over';
}
