/**
 * How the sync engine reaches the server. The engine sees only this interface, so unit tests
 * drive it with a fake server that drops, fails and restarts.
 */
import { hc } from 'hono/client';
import type { z } from 'zod';
import type { AppType } from '../../server/api/app-type';
import { PullResponseSchema, PushResponseSchema, type PullRequest, type PullResponse, type PushRequest, type PushResponse } from '../../shared/sync/protocol';

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

/**
 * The office API as Hono's typed client over `AppType`: paths, methods and request bodies are
 * checked against the server's routes at compile time; the answers are checked at run time against
 * the wire schemas in shared/ (a server of another version must not put a malformed reply in the store).
 */
export type OfficeApi = ReturnType<typeof hc<AppType>>;

export function officeApi(settings: ServerSettings): OfficeApi {
  return hc<AppType>(new URL('/api/v1', settings.serverUrl).href, { headers: { authorization: `Bearer ${settings.token}` } });
}

/**
 * One API call: `call` picks the route on the typed client, `schema` checks the answer. Every
 * failure becomes a TransportError in Chinese: offline, a refused token, a server error, or an
 * answer that is not what this version of the extension understands.
 */
export async function askServer<T>(
  settings: ServerSettings,
  call: (api: OfficeApi) => Promise<Response>,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): Promise<T> {
  if (!settings.serverUrl || !settings.token) throw new TransportError('config', '尚未设置服务器地址和令牌');
  let res: Response;
  try {
    res = await call(officeApi(settings));
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
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TransportError(
      'server',
      `服务器的答复格式与本扩展版本不符（${issue ? `${issue.path.join('.') || '整体'}：${issue.message}` : '无法解析'}），请确认服务器与扩展的版本`,
      res.status,
    );
  }
  return parsed.data;
}

export function httpTransport(settings: () => Promise<ServerSettings>): SyncTransport {
  return {
    push: async (req) => askServer(await settings(), (api) => api.sync.push.$post({ json: req }), PushResponseSchema),
    pull: async (req) => askServer(await settings(), (api) => api.sync.pull.$post({ json: req }), PullResponseSchema),
  };
}
