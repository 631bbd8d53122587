/**
 * When the sidebar preloads (issue 14, first open): only after the page's own start-up and an idle
 * moment, only while the tab is seen, once. A tab in the background loads nothing until it is shown.
 * (Headless Chromium reports every tab visible, so the hidden case is tested here, on a fake clock.)
 */
import { describe, expect, it } from 'vitest';
import { PRELOAD_AFTER_MS, type PreloadClock, whenSettledAndSeen } from '../../../extension/content/preload-schedule';

/** A page whose visibility the test sets, with timers and idle callbacks it runs by hand. */
function fakePage(visibility: DocumentVisibilityState) {
  const listeners = new Set<() => void>();
  const timers: { run: () => void; ms: number }[] = [];
  const idle: { run: () => void; timeout: number }[] = [];
  const page = {
    visibility,
    listeners,
    timers,
    idle,
    clock: {
      document: {
        get visibilityState() {
          return page.visibility;
        },
        addEventListener: (_type: string, l: () => void) => listeners.add(l),
        removeEventListener: (_type: string, l: () => void) => listeners.delete(l),
      },
      setTimeout: (run: () => void, ms: number) => timers.push({ run, ms }),
      requestIdleCallback: (run: () => void, o: { timeout: number }) => idle.push({ run, timeout: o.timeout }),
    } as unknown as PreloadClock,
    show(v: DocumentVisibilityState) {
      page.visibility = v;
      for (const l of [...listeners]) l();
    },
    /** Runs the pending timer, then the idle callback it asked for. */
    settle() {
      timers.shift()!.run();
      idle.shift()!.run();
    },
  };
  return page;
}

describe('the sidebar preload schedule', () => {
  it('a page being read preloads once, after its start-up and an idle moment', () => {
    const page = fakePage('visible');
    let runs = 0;
    whenSettledAndSeen(page.clock, () => runs++);
    expect(runs).toBe(0);
    expect(page.timers).toHaveLength(1);
    expect(page.timers[0]!.ms).toBe(PRELOAD_AFTER_MS);
    page.timers.shift()!.run();
    // Waiting for an idle moment, with a bound.
    expect(runs).toBe(0);
    expect(page.idle[0]!.timeout).toBeGreaterThan(0);
    page.idle.shift()!.run();
    expect(runs).toBe(1);
    expect(page.timers).toHaveLength(0);
    expect(page.idle).toHaveLength(0);
  });

  it('a tab opened in the background loads nothing until it is shown', () => {
    const page = fakePage('hidden');
    let runs = 0;
    whenSettledAndSeen(page.clock, () => runs++);
    expect(page.timers).toHaveLength(0);
    page.show('hidden');
    expect(page.timers).toHaveLength(0);
    page.show('visible');
    expect(page.listeners.size).toBe(0);
    page.settle();
    expect(runs).toBe(1);
  });

  it('a tab hidden again before the page was idle waits to be shown again', () => {
    const page = fakePage('visible');
    let runs = 0;
    whenSettledAndSeen(page.clock, () => runs++);
    page.timers.shift()!.run();
    page.visibility = 'hidden';
    page.idle.shift()!.run();
    expect(runs).toBe(0);
    expect(page.listeners.size).toBe(1);
    page.show('visible');
    page.settle();
    expect(runs).toBe(1);
  });
});
