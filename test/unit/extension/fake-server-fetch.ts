/**
 * `fetch` as the background sees the real server, for tests on WXT's fake browser: `/me` for the
 * tokens it knows, sync push and pull through a FakeSyncServer (with its faults), and no answer at
 * all while `online` is false — the same TypeError a browser throws for an unreachable host.
 */
import type { User } from '../../../shared/model/user';
import { TransportError } from '../../../extension/sync/transport';
import { FakeSyncServer } from './fake-sync-server';

export class FakeServerFetch {
  online = true;
  readonly sync = new FakeSyncServer();
  /** Token → the user `/me` names. */
  readonly users = new Map<string, User>();
  /** Paths asked for, in order (to see that nothing was sent). */
  readonly asked: string[] = [];

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (!this.online) throw new TypeError('Failed to fetch');
    const path = new URL(String(input)).pathname;
    this.asked.push(path);
    const user = this.users.get(String(new Headers(init?.headers).get('authorization')).replace('Bearer ', ''));
    if (!user) return Response.json({ error: { code: 'unauthorized', message: '令牌无效' } }, { status: 401 });
    try {
      if (path === '/api/v1/me') return Response.json({ user, campaigns: [], timeZone: 'Asia/Shanghai' });
      if (path === '/api/v1/sync/push') return Response.json(await this.sync.push(JSON.parse(String(init?.body))));
      if (path === '/api/v1/sync/pull') return Response.json(await this.sync.pull(JSON.parse(String(init?.body))));
    } catch (err) {
      if (err instanceof TransportError && err.failure === 'offline') throw new TypeError('Failed to fetch');
      if (err instanceof TransportError) return Response.json({ error: { code: 'fault', message: err.message } }, { status: err.status ?? 500 });
      throw err;
    }
    return Response.json({ error: { code: 'not_found', message: '没有' } }, { status: 404 });
  };
}
