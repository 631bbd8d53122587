/**
 * The grouping workers' scheduler (server/opinions/campaign-scheduler.ts): one campaign's long job must not
 * hold another campaign's, one campaign runs one job at a time, and a campaign goes back to the worker that
 * kept its grouping when that one is free. Jobs here are promises the test settles by hand.
 */
import { describe, expect, it } from 'vitest';
import { CampaignScheduler } from '../../server/opinions/campaign-scheduler';

interface Job {
  campaignId: string;
  name: string;
}

/**
 * A scheduler whose jobs finish when the test says so; `started` records (slot, name) in start order. Jobs of
 * campaigns named `heavy…` are heavy.
 */
function harness(slots: number) {
  const started: Array<[number, string]> = [];
  const finish = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  const scheduler = new CampaignScheduler<Job, string>(
    slots,
    (slot, job) => {
      started.push([slot, job.name]);
      return new Promise<string>((resolve, reject) => finish.set(job.name, { resolve, reject }));
    },
    { heavy: (job) => job.campaignId.startsWith('heavy') },
  );
  const done: string[] = [];
  const submit = (campaignId: string, name: string) => {
    const p = scheduler.submit({ campaignId, name });
    p.then(
      () => done.push(name),
      () => done.push(`${name}!`),
    );
    return p;
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { scheduler, started, finish, done, submit, settle };
}

describe('CampaignScheduler', () => {
  it('runs another campaign on the free worker while one campaign’s long job runs', async () => {
    const h = harness(2);
    void h.submit('heavy', 'h1');
    void h.submit('light', 'l1');
    await h.settle();
    expect(h.started).toEqual([
      [0, 'h1'],
      [1, 'l1'],
    ]);
    h.finish.get('l1')!.resolve('ok');
    await h.settle();
    expect(h.done).toEqual(['l1']);
    expect(h.scheduler.load()).toEqual({ running: 1, waiting: 0, heavy: 1 });
  });

  it('with one worker the other campaign waits for the long job (why there are more)', async () => {
    const h = harness(1);
    void h.submit('heavy', 'h1');
    void h.submit('light', 'l1');
    await h.settle();
    expect(h.started).toEqual([[0, 'h1']]);
    expect(h.scheduler.load()).toEqual({ running: 1, waiting: 1, heavy: 1 });
    h.finish.get('h1')!.resolve('ok');
    await h.settle();
    expect(h.started).toEqual([
      [0, 'h1'],
      [0, 'l1'],
    ]);
  });

  it('runs one job per campaign at a time, in the order they came, and others pass a waiting one', async () => {
    const h = harness(2);
    void h.submit('a', 'a1');
    void h.submit('a', 'a2');
    void h.submit('b', 'b1');
    await h.settle();
    // a2 waits for a1 even with a worker free; b1 takes that worker.
    expect(h.started).toEqual([
      [0, 'a1'],
      [1, 'b1'],
    ]);
    h.finish.get('a1')!.resolve('ok');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'a2']);
  });

  it('sends a campaign back to the worker that ran it last when that one is free, else to any free one', async () => {
    const h = harness(2);
    void h.submit('a', 'a1');
    void h.submit('b', 'b1');
    await h.settle();
    h.finish.get('a1')!.resolve('ok');
    h.finish.get('b1')!.resolve('ok');
    await h.settle();
    // Both free: b goes home to 1 though 0 is free too.
    void h.submit('b', 'b2');
    await h.settle();
    expect(h.started.at(-1)).toEqual([1, 'b2']);
    // a's home (0) is free: a goes there.
    void h.submit('a', 'a2');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'a2']);
    h.finish.get('a2')!.resolve('ok');
    await h.settle();
    void h.submit('a', 'a3');
    h.finish.get('b2')!.resolve('ok');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'a3']);
    // A campaign whose home is busy with another campaign takes the free worker rather than wait for it.
    h.finish.get('a3')!.resolve('ok');
    await h.settle();
    void h.submit('d', 'd1');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'd1']);
    void h.submit('a', 'a4');
    await h.settle();
    expect(h.started.at(-1)).toEqual([1, 'a4']);
    void h.submit('c', 'c1');
    await h.settle();
    expect(h.started.at(-1)).toEqual([1, 'a4']);
    expect(h.scheduler.load()).toEqual({ running: 2, waiting: 1, heavy: 0 });
  });

  it('keeps one worker for light campaigns: heavy ones take the others and then wait for each other', async () => {
    const h = harness(3);
    void h.submit('heavy-a', 'ha1');
    void h.submit('heavy-b', 'hb1');
    void h.submit('heavy-c', 'hc1');
    await h.settle();
    // The third slot is free, yet the third heavy campaign waits: it is the light campaigns'.
    expect(h.started).toEqual([
      [0, 'ha1'],
      [1, 'hb1'],
    ]);
    expect(h.scheduler.load()).toEqual({ running: 2, waiting: 1, heavy: 2 });
    void h.submit('light', 'l1');
    void h.submit('light-2', 'm1');
    await h.settle();
    expect(h.started.at(-1)).toEqual([2, 'l1']);
    // Light ones queue for the kept slot (and any other that frees); the waiting heavy one still comes first.
    h.finish.get('ha1')!.resolve('ok');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'hc1']);
    h.finish.get('l1')!.resolve('ok');
    await h.settle();
    expect(h.started.at(-1)).toEqual([2, 'm1']);
    expect(h.scheduler.load()).toEqual({ running: 3, waiting: 0, heavy: 2 });
  });

  it('with two workers two heavy campaigns run one after the other, a light one beside them', async () => {
    const h = harness(2);
    void h.submit('heavy-a', 'ha1');
    void h.submit('heavy-b', 'hb1');
    void h.submit('light', 'l1');
    await h.settle();
    expect(h.started).toEqual([
      [0, 'ha1'],
      [1, 'l1'],
    ]);
    h.finish.get('l1')!.resolve('ok');
    await h.settle();
    expect(h.started.length).toBe(2);
    h.finish.get('ha1')!.resolve('ok');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'hb1']);
  });

  it('a campaign’s later light job waits for its earlier heavy one, which waits for a heavy slot', async () => {
    // Heaviness is a job's (its number of records): one campaign may send a heavy job and then, after withdrawals,
    // a light one. The light one must not overtake it: a campaign's jobs run in the order they came.
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const scheduler = new CampaignScheduler<Job & { heavy: boolean }, string>(
      3,
      (_slot, job) => {
        started.push(job.name);
        return new Promise<string>((resolve) => finish.set(job.name, () => resolve('ok')));
      },
      { heavy: (job) => job.heavy },
    );
    const submit = (campaignId: string, name: string, heavy: boolean) => void scheduler.submit({ campaignId, name, heavy });
    const settle = () => new Promise((r) => setTimeout(r, 0));
    submit('a', 'a1', true);
    submit('b', 'b1', true);
    submit('x', 'x1', true);
    submit('x', 'x2', false);
    submit('l', 'l1', false);
    await settle();
    expect(started).toEqual(['a1', 'b1', 'l1']);
    finish.get('a1')!();
    await settle();
    expect(started.at(-1)).toBe('x1');
    finish.get('x1')!();
    await settle();
    expect(started.at(-1)).toBe('x2');
  });

  it('a failed heavy job frees its heavy place', async () => {
    const h = harness(2);
    const failing = h.submit('heavy-a', 'ha1');
    void h.submit('heavy-b', 'hb1');
    await h.settle();
    expect(h.scheduler.load()).toEqual({ running: 1, waiting: 1, heavy: 1 });
    h.finish.get('ha1')!.reject(new Error('线程退出'));
    await expect(failing).rejects.toThrow('线程退出');
    await h.settle();
    expect(h.started.at(-1)).toEqual([0, 'hb1']);
    expect(h.scheduler.load()).toEqual({ running: 1, waiting: 0, heavy: 1 });
  });

  it('with one worker a heavy job still runs (nothing to keep free)', async () => {
    const h = harness(1);
    void h.submit('heavy-a', 'ha1');
    await h.settle();
    expect(h.started).toEqual([[0, 'ha1']]);
  });

  it('a failed job frees its worker and fails only itself', async () => {
    const h = harness(1);
    const failing = h.submit('a', 'a1');
    void h.submit('b', 'b1');
    await h.settle();
    h.finish.get('a1')!.reject(new Error('线程退出'));
    await expect(failing).rejects.toThrow('线程退出');
    await h.settle();
    expect(h.started).toEqual([
      [0, 'a1'],
      [0, 'b1'],
    ]);
    h.finish.get('b1')!.resolve('ok');
    await h.settle();
    expect(h.done).toEqual(['a1!', 'b1']);
  });

  it('a runner that throws synchronously rejects that job and keeps the slot usable', async () => {
    let calls = 0;
    const scheduler = new CampaignScheduler<Job, string>(1, (_slot, job) => {
      calls++;
      if (job.name === 'bad') throw new Error('无法启动');
      return Promise.resolve(job.name);
    });
    await expect(scheduler.submit({ campaignId: 'a', name: 'bad' })).rejects.toThrow('无法启动');
    await expect(scheduler.submit({ campaignId: 'a', name: 'good' })).resolves.toBe('good');
    expect(calls).toBe(2);
  });

  it('refuses a pool of no workers', () => {
    expect(() => new CampaignScheduler(0, () => Promise.resolve(1))).toThrow(RangeError);
  });
});
