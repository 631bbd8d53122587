/**
 * Pulls stamps from fast clocks back to the server's time (more than 60 s ahead). Successive
 * clamped stamps keep rising, so two writes from one fast client never collapse onto one stamp
 * (which would make the later write lose).
 *
 * "Keep rising" per process is not enough with several servers on one database: the next write of
 * the same client may land on a server whose clock is a few ms behind, and its clamped stamp would
 * sort before the one it replaces. So a clamped stamp is also raised above the newest stamp of the
 * same client already stored on the entity (read inside the push transaction, which runs alone).
 */
import { clampHlc, compareHlc, formatHlc, parseHlc } from '../../shared/hlc';

/** The newest stamp written by `node` among an entity's stored field stamps, if any. */
export function newestStampOf(node: string, stamps: Readonly<Record<string, string>> | undefined): string | undefined {
  let newest: string | undefined;
  for (const stamp of Object.values(stamps ?? {})) if (parseHlc(stamp)?.node === node && (!newest || compareHlc(stamp, newest) > 0)) newest = stamp;
  return newest;
}

export class StampClamp {
  private last = { ms: 0, counter: -1 };

  constructor(
    private readonly now: () => number,
    private readonly maxAheadMs = 60_000,
  ) {}

  /** `stored`: the entity's field stamps as stored, so a clamped stamp sorts after this client's earlier writes to it. */
  apply(stamp: string, stored?: Readonly<Record<string, string>>): string {
    const serverNow = this.now();
    if (clampHlc(stamp, serverNow, this.maxAheadMs) === stamp) return stamp;
    const node = parseHlc(stamp)!.node;
    const floor = parseHlc(newestStampOf(node, stored) ?? '');
    const last = floor && (floor.ms > this.last.ms || (floor.ms === this.last.ms && floor.counter > this.last.counter)) ? floor : this.last;
    const next = serverNow > last.ms ? { ms: serverNow, counter: 0 } : { ms: last.ms, counter: last.counter + 1 };
    if (next.counter > 0xffff) {
      next.ms += 1;
      next.counter = 0;
    }
    this.last = next;
    return formatHlc({ ms: next.ms, counter: next.counter, node });
  }
}
