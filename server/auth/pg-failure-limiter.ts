/**
 * Failed token attempts counted in PostgreSQL, so several servers behind one balancer share one count
 * per address (in memory each would allow the limit again). Plain statements outside the store's
 * transactions: a flood of bad tokens never queues behind, or holds, the write lock. Two servers
 * counting the same moment may let an address one or two attempts past the limit; that is all.
 */
import type { Pool } from 'pg';
import { FailureLimiter, type AuthFailureLimiter, type RateLimitOptions } from './rate-limit';
import type { Store } from '../store/store';
import { PostgresStore } from '../store/postgres/pg-store';
import { run } from '../store/postgres/run';
import { AUTH_FAILURES } from '../store/postgres/schema';
import { toTextColumn } from '../store/postgres/text-column';

/** Old attempts are deleted every this many counted failures (per process). */
const PRUNE_EVERY = 200;

export class PgFailureLimiter implements AuthFailureLimiter {
  private counted = 0;

  constructor(
    private readonly pool: Pool,
    private readonly opts: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  async fail(address: string): Promise<number | null> {
    const now = this.now();
    const cutoff = now - this.opts.windowMs;
    const key = toTextColumn(address);
    const [recent] = await run<{ n: string; oldest: string | null }>(
      this.pool,
      `SELECT count(*) AS n, min(at) AS oldest FROM ${AUTH_FAILURES} WHERE address = $1 AND at > $2`,
      [key, cutoff],
      'auth-failures-count',
    );
    if (Number(recent!.n) >= this.opts.maxFailures) return Math.max(1, Math.ceil((Number(recent!.oldest) + this.opts.windowMs - now) / 1000));
    await run(this.pool, `INSERT INTO ${AUTH_FAILURES} (address, at) VALUES ($1, $2)`, [key, now], 'auth-failures-add');
    if (++this.counted % PRUNE_EVERY === 0) await run(this.pool, `DELETE FROM ${AUTH_FAILURES} WHERE at <= $1`, [cutoff]);
    return null;
  }
}

/** The limiter for the app's store: shared in the database on PostgreSQL, in memory on the embedded store (one server). */
export function failureLimiterFor(store: Store, opts: RateLimitOptions, now: () => number): AuthFailureLimiter {
  return store instanceof PostgresStore ? new PgFailureLimiter(store.pool, opts, now) : new FailureLimiter(opts, now);
}
