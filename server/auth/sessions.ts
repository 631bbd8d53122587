/**
 * Console sign-in sessions. The cookie holds a random session id; the store keeps only its hash
 * (the `sessions` collection), the user, a CSRF token for the session's forms and an expiry, so a
 * server restart signs no one out and a copy of the data directory signs no one in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionDoc, Store, Transaction } from '../store/store';

export const SESSION_COOKIE = 'tz_console';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export async function createSession(store: Store, userId: string, now: number): Promise<{ id: string; csrf: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await store.transact((tx) =>
    tx.put('sessions', {
      id: hash(id),
      userId,
      csrf,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_TTL_MS).toISOString(),
      endedAt: null,
    }),
  );
  return { id, csrf };
}

export async function findSession(store: Store, id: string | undefined, now: number): Promise<SessionDoc | undefined> {
  if (!id || id.length > 100) return undefined;
  const s = await store.get('sessions', hash(id));
  if (!s || s.endedAt || Date.parse(s.expiresAt) < now) return undefined;
  return s;
}

export async function endSession(store: Store, id: string | undefined, now: number): Promise<void> {
  if (!id || id.length > 100) return;
  await store.transact(async (tx) => {
    const s = await tx.get('sessions', hash(id));
    if (!s || s.endedAt) return;
    const { seq: _seq, ...doc } = s;
    await tx.put('sessions', { ...doc, endedAt: new Date(now).toISOString() });
  });
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Ends every open session of a user, inside the caller's transaction: revoking or rotating their
 * token, or disabling them, must sign them out of the console at once, not when the cookie expires.
 */
export async function endSessionsOf(tx: Transaction, userId: string, at: string): Promise<number> {
  let ended = 0;
  for (const s of await tx.find('sessions', { userId })) {
    if (s.endedAt || s.expiresAt < at) continue;
    const { seq: _seq, ...doc } = s;
    await tx.put('sessions', { ...doc, endedAt: at });
    ended++;
  }
  return ended;
}
