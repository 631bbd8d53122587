/**
 * Switching accounts leaves nothing of the previous user behind (issue 9: an offline user saw the
 * previous user's tasks after a switch, because the sidebar wrote its own task cache that no
 * clean-up knew of). Runs the background's own modules on WXT's fake browser; only the network
 * is replaced, by a fetch that answers as the server would or fails as when offline.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { connectAccount } from '../../../extension/background/account-connect';
import { fetchMyTasks } from '../../../extension/background/my-tasks-fetch';
import type { SyncRunner } from '../../../extension/background/sync-runner';
import { chromeLocalArea } from '../../../extension/storage/kv-area';
import { LocalStore } from '../../../extension/sync/local-store';

const SERVER = 'https://tz.example.edu.cn';
const people = {
  'tok-alice-0123456789': { user: { id: 'u_alice', name: '王芳', unit: '学生处', role: 'member' }, task: '食堂排队时间过长问题整改' },
  'tok-bob-0123456789ab': { user: { id: 'u_bob', name: '李强', unit: '后勤处', role: 'member' }, task: '图书馆空调维修' },
} as const;
type Token = keyof typeof people;

let online = true;
function serverFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (!online) return Promise.reject(new TypeError('Failed to fetch'));
  const token = String(new Headers(init?.headers).get('authorization')).replace('Bearer ', '') as Token;
  const who = people[token];
  if (!who) return Promise.resolve(Response.json({ error: { code: 'unauthorized', message: '令牌无效' } }, { status: 401 }));
  const path = new URL(String(input)).pathname;
  if (path === '/api/v1/me') return Promise.resolve(Response.json({ user: who.user, campaigns: [], timeZone: 'Asia/Shanghai' }));
  if (path === '/api/v1/me/tasks') {
    const task = {
      id: `i_${who.user.id}`,
      campaignId: 'k1',
      campaignTitle: '主题教育',
      list: 'task',
      title: who.task,
      description: '',
      deadline: '2026-12-01',
      status: 'open',
      progress: '',
      evidence: '',
      overdue: true,
      dueSoon: false,
    };
    return Promise.resolve(Response.json({ today: '2026-12-03', tasks: [task], campaigns: [] }));
  }
  return Promise.resolve(Response.json({ error: { code: 'not_found', message: '没有' } }, { status: 404 }));
}

const runner = { engine: { idle: async () => {} }, updateBadge: async () => {} } as unknown as SyncRunner;
const connect = (store: LocalStore, token: Token) => connectAccount(store, runner, { serverUrl: SERVER, token }, true);
const stored = async () => JSON.stringify(await browser.storage.local.get(null));

beforeEach(() => {
  fakeBrowser.reset();
  online = true;
  vi.stubGlobal('fetch', serverFetch);
});
afterEach(() => vi.unstubAllGlobals());

describe('switching accounts', () => {
  it('an offline user never sees the previous user’s tasks', async () => {
    const store = new LocalStore(chromeLocalArea);
    await connect(store, 'tok-alice-0123456789');
    expect((await fetchMyTasks(store)).tasks.tasks[0]!.title).toBe(people['tok-alice-0123456789'].task);

    await connect(store, 'tok-bob-0123456789ab');
    online = false;
    await expect(fetchMyTasks(store)).rejects.toThrow('无法连接服务器');
    expect(await stored()).not.toContain(people['tok-alice-0123456789'].task);
  });

  it('the same user offline sees their own last list, marked stale', async () => {
    const store = new LocalStore(chromeLocalArea);
    await connect(store, 'tok-bob-0123456789ab');
    await fetchMyTasks(store);
    online = false;
    const reply = await fetchMyTasks(store);
    expect(reply.stale).toBe(true);
    expect(reply.tasks.tasks[0]!.title).toBe(people['tok-bob-0123456789ab'].task);
  });

  it('every key tied to a user goes with the switch, whoever wrote it', async () => {
    const store = new LocalStore(chromeLocalArea);
    await connect(store, 'tok-alice-0123456789');
    // What a component of an older version left behind under the same keys.
    await browser.storage.local.set({
      tasksCache: { tasks: [{ title: '旧任务缓存' }] },
      syncState: { status: 'idle', pending: 3 },
      'draft:opinion:https://oa/x': { values: { content: '草稿' } },
    });
    await connect(store, 'tok-bob-0123456789ab');
    const after = await stored();
    expect(after).not.toContain('旧任务缓存');
    expect(after).not.toContain('草稿');
    expect(after).not.toContain('"pending":3');
    expect(after).toContain('u_bob');
  });

  it('a cache written for another owner is not shown even if a clean-up was missed', async () => {
    const store = new LocalStore(chromeLocalArea);
    await connect(store, 'tok-alice-0123456789');
    await fetchMyTasks(store);
    const { tasksCache: aliceCache } = await browser.storage.local.get('tasksCache');
    await connect(store, 'tok-bob-0123456789ab');
    await browser.storage.local.set({ tasksCache: aliceCache });
    online = false;
    await expect(fetchMyTasks(store)).rejects.toThrow();
  });
});
