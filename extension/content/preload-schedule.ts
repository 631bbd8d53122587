/**
 * When a page has settled and is being looked at: the moment the sidebar may load hidden (issue 14,
 * first open). A cadre reads an OA page for a while before capturing from it, so loading then costs
 * the page nothing it would notice and spares the first open the frame's start-up. A page is left to
 * its own start-up first, then an idle moment is awaited; a tab in the background waits until it is
 * shown, so tabs nobody looks at load nothing.
 */

/** What the schedule needs from the page's world: a seam for tests. */
export interface PreloadClock {
  document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  setTimeout(run: () => void, ms: number): unknown;
  requestIdleCallback(run: () => void, options: { timeout: number }): unknown;
}

/** How long a page is left to its own start-up, and the longest wait after that for an idle moment. */
export const PRELOAD_AFTER_MS = 1_000;
export const PRELOAD_IDLE_WAIT_MS = 2_000;

/** Calls `run` once, when the page has settled while visible (see above). */
export function whenSettledAndSeen(clock: PreloadClock, run: () => void): void {
  const { document } = clock;
  const visible = () => document.visibilityState === 'visible';
  const arm = (): void => {
    if (!visible()) {
      const onVisible = () => {
        if (!visible()) return;
        document.removeEventListener('visibilitychange', onVisible);
        arm();
      };
      document.addEventListener('visibilitychange', onVisible);
      return;
    }
    // Hidden again by the time the page is idle: start over when it is next shown.
    clock.setTimeout(() => clock.requestIdleCallback(() => (visible() ? run() : arm()), { timeout: PRELOAD_IDLE_WAIT_MS }), PRELOAD_AFTER_MS);
  };
  arm();
}
