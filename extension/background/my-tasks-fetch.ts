/**
 * The sidebar's task list, fetched by the background: `GET /me/tasks` when the server answers,
 * otherwise the last answer cached for the same user on the same server (storage/user-data.ts),
 * marked stale. Never another user's: the cache is bound to the store's owner.
 */
import { MyTasksSchema, type TasksReply } from '../../shared/model/my-tasks';
import { getSettings } from '../settings/settings';
import { ownerKey, taskCache } from '../storage/user-data';
import type { LocalStore } from '../sync/local-store';
import { askServer, TransportError } from '../sync/transport';

export async function fetchMyTasks(store: LocalStore): Promise<TasksReply> {
  const owner = await store.owner();
  const key = owner ? ownerKey(owner.server, owner.userId) : null;
  try {
    const tasks = await askServer(await getSettings(), (api) => api.me.tasks.$get(), MyTasksSchema);
    if (key) await taskCache.set(key, tasks);
    return { tasks, stale: false };
  } catch (err) {
    // Only an unreachable server falls back to the cache; a refused token must be seen as such.
    const offline = err instanceof TransportError && (err.failure === 'offline' || err.failure === 'server');
    const cached = offline && key ? await taskCache.get(key) : null;
    if (!cached) throw err;
    return { tasks: cached, stale: true, reason: (err as Error).message };
  }
}
