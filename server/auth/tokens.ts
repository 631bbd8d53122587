/** Bearer tokens: 256 random bits shown once; only their sha-256 is stored (and is the token doc's id). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store, UserDoc } from '../store/store';

export function generateToken(): string {
  return `tz_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex hashes without leaking where they differ. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A plausible token shape; anything else is refused before touching the store. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_.~+/=-]{16,200}$/;

/** Looks up the user a token belongs to; undefined for unknown, revoked or disabled. */
export async function userForToken(store: Store, token: string): Promise<UserDoc | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const hash = hashToken(token);
  const doc = await store.get('tokens', hash);
  if (!doc || !sameHash(doc.id, hash) || doc.revokedAt) return undefined;
  const user = await store.get('users', doc.userId);
  if (!user || user.disabledAt) return undefined;
  return user;
}
