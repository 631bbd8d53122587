/**
 * Counts failed token attempts per client address in a sliding window. Once an address passes the
 * limit, its further failed attempts are answered 429 until the window moves on. Valid tokens are
 * never held back: behind campus NAT or a reverse proxy many people share one address, and one
 * stranger's guessing must not lock them all out.
 */
export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_AUTH_RATE_LIMIT: RateLimitOptions = { maxFailures: 30, windowMs: 5 * 60_000 };

/** What the sign-in paths ask: one failed attempt from an address, counted or refused. */
export interface AuthFailureLimiter {
  /** null when the failure was counted; the seconds to wait when the address is already blocked (then it is not counted). */
  fail(address: string): Promise<number | null>;
}

/** In this process's memory: the embedded store's one server. Several servers count together in PostgreSQL (pg-failure-limiter.ts). */
export class FailureLimiter implements AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  async fail(address: string): Promise<number | null> {
    if (this.isBlocked(address)) return this.retryAfterSeconds(address);
    this.recordFailure(address);
    return null;
  }

  isBlocked(address: string): boolean {
    return this.recent(address).length >= this.opts.maxFailures;
  }

  /** Seconds until the address may try again. */
  retryAfterSeconds(address: string): number {
    const oldest = this.recent(address)[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.opts.windowMs - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    const list = this.recent(address);
    list.push(this.now());
    this.failures.set(address, list);
    if (this.failures.size > 10_000) this.prune();
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - this.opts.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(address);
    else this.failures.set(address, list);
    return list;
  }

  private prune(): void {
    for (const address of [...this.failures.keys()]) this.recent(address);
  }
}

/** Minutes (at least 1) until an address may try again, for messages. */
export const retryMinutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
