/**
 * The admin CLI through a running server's API (Hono's typed client over the office API's routes), with an
 * admin's token: the server applies the change, audits it under that admin, and serves it at once.
 */
import { hc } from 'hono/client';
import type { AppType } from '../api/app-type';
import type { AdminBackend } from './backend';
import { ApiError } from '../http/errors';

interface Answer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** The answer's body, or the server's own message as an error the CLI prints. */
async function body<T>(answer: Promise<Answer>, url: string): Promise<T> {
  let res: Answer;
  try {
    res = await answer;
  } catch (err) {
    throw new ApiError(
      503,
      'unavailable',
      `无法连接台账服务器 ${url}：${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
    );
  }
  const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (res.ok) return json as T;
  if (res.status === 401) throw new ApiError(401, 'unauthorized', `服务器 ${url} 不认这个令牌：请在环境变量 ADMIN_TOKEN 中给出一位管理员的有效令牌`);
  if (res.status === 403) throw new ApiError(403, 'forbidden', `ADMIN_TOKEN 是普通成员的令牌；这些命令需要管理员的令牌`);
  throw new ApiError(res.status as 400, json?.error?.code ?? 'error', json?.error?.message ?? `服务器回答 ${res.status}`);
}

export function apiBackend(url: string, token: string): AdminBackend {
  const api = hc<AppType>(new URL('/api/v1', url).href, { headers: { authorization: `Bearer ${token}` } });
  return {
    where: `运行中的服务器 ${url}`,
    online: true,
    addUser: (json) => body(api.users.$post({ json }), url),
    listUsers: async () => (await body<{ users: Awaited<ReturnType<AdminBackend['listUsers']>> }>(api.users.$get(), url)).users,
    revokeTokens: async (id, issueNew) =>
      issueNew
        ? body<{ token: string; revoked: number }>(api.users[':id'].token.$post({ param: { id } }), url)
        : { ...(await body<{ revoked: number }>(api.users[':id'].token.$delete({ param: { id } }), url)), token: null },
    setDisabled: async (id, disabled) => {
      const route = disabled ? api.users[':id'].disable : api.users[':id'].enable;
      return (await body<{ user: Awaited<ReturnType<AdminBackend['setDisabled']>> }>(route.$post({ param: { id } }), url)).user;
    },
    createCampaign: async (json) =>
      (await body<{ campaign: Awaited<ReturnType<AdminBackend['createCampaign']>> }>(api.campaigns.$post({ json }), url)).campaign,
    listCampaigns: async () => (await body<{ campaigns: Awaited<ReturnType<AdminBackend['listCampaigns']>> }>(api.campaigns.$get(), url)).campaigns,
    addMembers: async (id, userIds) =>
      (await body<{ campaign: Awaited<ReturnType<AdminBackend['addMembers']>> }>(api.campaigns[':id'].members.$post({ param: { id }, json: { userIds } }), url))
        .campaign,
    close: async () => {},
  };
}
