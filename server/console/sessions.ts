/**
 * Console sign-in sessions. The cookie holds a random session id; the server keeps only its hash,
 * the user, a CSRF token for the session's forms and an expiry. Sessions live in memory: a
 * restart signs everyone out, which is acceptable for an office console and keeps no secret on disk.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'tz_console';
const TTL_MS = 8 * 60 * 60 * 1000;

interface Session {
  userId: string;
  csrf: string;
  expiresAt: number;
}

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(userId: string, now: number): { id: string; csrf: string } {
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.sessions.set(hash(id), { userId, csrf, expiresAt: now + TTL_MS });
    for (const [k, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(k);
    return { id, csrf };
  }

  get(id: string | undefined, now: number): Session | undefined {
    if (!id || id.length > 100) return undefined;
    const s = this.sessions.get(hash(id));
    if (!s || s.expiresAt < now) return undefined;
    return s;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(hash(id));
  }
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
