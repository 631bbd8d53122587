/**
 * Pulls stamps from fast clocks back to the server's time (more than 60 s ahead). Successive
 * clamped stamps keep rising, so two writes from one fast client never collapse onto one stamp
 * (which would make the later write lose).
 */
import { clampHlc, formatHlc, parseHlc } from '../../shared/hlc';

export class StampClamp {
  private last = { ms: 0, counter: -1 };

  constructor(
    private readonly now: () => number,
    private readonly maxAheadMs = 60_000,
  ) {}

  apply(stamp: string): string {
    const serverNow = this.now();
    if (clampHlc(stamp, serverNow, this.maxAheadMs) === stamp) return stamp;
    const node = parseHlc(stamp)!.node;
    const next = serverNow > this.last.ms ? { ms: serverNow, counter: 0 } : { ms: this.last.ms, counter: this.last.counter + 1 };
    if (next.counter > 0xffff) {
      next.ms += 1;
      next.counter = 0;
    }
    this.last = next;
    return formatHlc({ ms: next.ms, counter: next.counter, node });
  }
}
