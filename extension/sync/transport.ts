/**
 * How the sync engine reaches the server. The engine sees only this interface, so unit tests
 * drive it with a fake server that drops, fails and restarts.
 */
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol';

export interface SyncTransport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(req: PullRequest): Promise<PullResponse>;
}

/** Why a request failed: `offline` (no answer at all), `auth` (401/403), `server` (other HTTP errors). */
export type TransportFailure = 'offline' | 'auth' | 'server' | 'config';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ServerSettings {
  serverUrl: string;
  token: string;
}

/** Calls a JSON API route with the bearer token; turns every failure into a TransportError in Chinese. */
export async function callApi<T>(settings: ServerSettings, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  if (!settings.serverUrl || !settings.token) throw new TransportError('config', '尚未设置服务器地址和令牌');
  let res: Response;
  try {
    res = await fetch(new URL(path, settings.serverUrl), {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${settings.token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new TransportError('offline', '无法连接服务器');
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) {
    const reason = body?.error?.message ?? `HTTP ${res.status}`;
    if (res.status === 401) throw new TransportError('auth', `令牌无效或已失效：${reason}`, res.status);
    if (res.status === 403) throw new TransportError('auth', `没有权限：${reason}`, res.status);
    throw new TransportError('server', `服务器返回错误：${reason}`, res.status);
  }
  return body as T;
}

export function httpTransport(settings: () => Promise<ServerSettings>): SyncTransport {
  return {
    push: async (req) => callApi<PushResponse>(await settings(), '/api/v1/sync/push', { method: 'POST', body: req }),
    pull: async (req) => callApi<PullResponse>(await settings(), '/api/v1/sync/pull', { method: 'POST', body: req }),
  };
}
