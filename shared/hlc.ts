/**
 * Hybrid logical clock stamps (sync protocol v1, ◆ DESIGN.md):
 * `<ms since epoch, 13 digits>-<counter, 4 hex digits>-<clientId>`.
 * Stamps compare correctly as plain strings, which is what per-field last-writer-wins relies on.
 */

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

const HLC_RE = /^(\d{13})-([0-9a-f]{4})-([A-Za-z0-9_-]{1,64})$/;
const MAX_COUNTER = 0xffff;

export function formatHlc({ ms, counter, node }: HlcParts): string {
  return `${String(ms).padStart(13, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(stamp: string): HlcParts | null {
  const m = HLC_RE.exec(stamp);
  if (!m) return null;
  return { ms: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export function isHlc(stamp: unknown): stamp is string {
  return typeof stamp === 'string' && HLC_RE.test(stamp);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A clock for one node (client or server). `now` is injectable so tests can drive time. */
export class HlcClock {
  private last: HlcParts;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {
    this.last = { ms: 0, counter: 0, node };
  }

  /** A new stamp for a local event: strictly greater than every stamp this clock has issued or seen. */
  tick(): string {
    const wall = this.now();
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0, node: this.node };
    else this.last = this.bump(this.last.ms, this.last.counter);
    return formatHlc(this.last);
  }

  /** Fold in a stamp received from elsewhere so later local stamps sort after it. */
  receive(stamp: string): void {
    const seen = parseHlc(stamp);
    if (!seen) return;
    if (seen.ms > this.last.ms || (seen.ms === this.last.ms && seen.counter > this.last.counter)) {
      this.last = { ms: seen.ms, counter: seen.counter, node: this.node };
    }
  }

  private bump(ms: number, counter: number): HlcParts {
    // Counter overflow within one millisecond borrows the next millisecond rather than wrapping,
    // so ordering is never violated.
    return counter >= MAX_COUNTER ? { ms: ms + 1, counter: 0, node: this.node } : { ms, counter: counter + 1, node: this.node };
  }
}

/**
 * The server's guard against clients whose clocks run fast: a stamp more than `maxAheadMs`
 * ahead of the server's clock is pulled back to the server's time, keeping counter and node
 * so it still sorts deterministically.
 */
export function clampHlc(stamp: string, serverNow: number, maxAheadMs = 60_000): string {
  const p = parseHlc(stamp);
  if (!p) return stamp;
  if (p.ms <= serverNow + maxAheadMs) return stamp;
  return formatHlc({ ms: serverNow, counter: p.counter, node: p.node });
}
