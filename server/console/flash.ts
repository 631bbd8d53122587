/**
 * The console's one-time notices ("已合并", or why an action was refused). A page never shows text
 * that came in its own address: an action stores its notice here under a random id, redirects with
 * only that id, and the next page of the same session takes it once. A forged link shows nothing.
 */
import { randomBytes } from 'node:crypto';

export interface Notice {
  error?: string;
  ok?: string;
}

interface Entry {
  notice: Notice;
  session: string;
  expires: number;
}

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

export class FlashMessages {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a notice for one later page of `session`; returns the id to put in the redirect. */
  put(session: string, notice: Notice): string {
    if (this.entries.size >= MAX_ENTRIES) this.prune();
    const id = randomBytes(12).toString('base64url');
    this.entries.set(id, { notice, session, expires: this.now() + TTL_MS });
    return id;
  }

  /** The notice, once, if it was made for this session and has not expired. */
  take(session: string, id: string | undefined): Notice {
    if (!id) return {};
    const entry = this.entries.get(id);
    if (!entry || entry.session !== session) return {};
    this.entries.delete(id);
    return entry.expires >= this.now() ? entry.notice : {};
  }

  private prune(): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expires < now) this.entries.delete(id);
    // Still full: the oldest go (a Map iterates in insertion order).
    for (const id of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(id);
    }
  }
}
