/**
 * The sidebar's ticket is asked for again while the background does not answer (a service worker the
 * browser stopped takes a while to wake), and given up only after the last try.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askWithRetries } from '../../../extension/content/ticket-retry';

describe('asking for the sidebar ticket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tries again after a failed or refused try, and gives the first ticket', async () => {
    const answers: Array<() => Promise<string | null>> = [
      () => Promise.reject(new Error('Could not establish connection')),
      () => Promise.resolve(null),
      () => Promise.resolve('t-1'),
    ];
    const ask = vi.fn(() => answers.shift()!());
    const result = askWithRetries(ask, [100, 200, 400], 1_000);
    await vi.advanceTimersByTimeAsync(99);
    expect(ask).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1 + 200);
    await expect(result).resolves.toBe('t-1');
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('counts a try nobody answers as failed, and gives up with null after the last', async () => {
    const ask = vi.fn(() => new Promise<string | null>(() => undefined));
    const result = askWithRetries(ask, [100, 200], 1_000);
    let settled: string | null | undefined;
    void result.then((r) => (settled = r));
    await vi.advanceTimersByTimeAsync(1_000 + 100 + 1_000 + 200 + 999);
    expect(settled).toBeUndefined();
    expect(ask).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBeNull();
  });

  it('asks once when the first try answers', async () => {
    const ask = vi.fn(() => Promise.resolve('t-2'));
    await expect(askWithRetries(ask)).resolves.toBe('t-2');
    expect(ask).toHaveBeenCalledTimes(1);
  });
});
