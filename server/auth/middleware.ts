/** Who is asking: bearer-token authentication, admin checks and campaign visibility. */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { CampaignDoc, Store, UserDoc } from '../store/store';
import { ApiError } from '../http/errors';
import { FailureLimiter } from './rate-limit';
import { TOKEN_SHAPE, hashToken, sameHash } from './tokens';

/** Handler context: the caller (after requireUser), the store, the auth limiter and the app's clock (injectable for tests). */
export type AppEnv = { Variables: { user: UserDoc; store: Store; authLimiter: FailureLimiter; now: () => number } };

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

/** Looks up the user a token belongs to; undefined for unknown, revoked or disabled. */
export async function userForToken(store: Store, token: string): Promise<UserDoc | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const hash = hashToken(token);
  const doc = await store.get('tokens', hash);
  if (!doc || !sameHash(doc.id, hash) || doc.revokedAt) return undefined;
  const user = await store.get('users', doc.userId);
  if (!user || user.disabledAt) return undefined;
  return user;
}

/**
 * 401 without or with a bad token; 429 once an address has failed too often. The app applies it
 * to every /api/v1 route; using it again in a sub-app is harmless.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')) return next();
  const limiter = c.get('authLimiter');
  const address = clientAddress(c);
  if (limiter.isBlocked(address)) {
    c.header('Retry-After', String(limiter.retryAfterSeconds(address)));
    throw new ApiError(429, 'rate_limited', '令牌验证失败次数过多，请稍后再试');
  }
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', '未登录：请在请求头中提供 Authorization: Bearer <令牌>');
  const user = await userForToken(c.get('store'), match[1]!);
  if (!user) {
    limiter.recordFailure(address);
    throw new ApiError(401, 'unauthorized', '令牌无效或已被吊销');
  }
  c.set('user', user);
  await next();
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')?.role !== 'admin') throw new ApiError(403, 'forbidden', '只有活动办公室管理员可以执行此操作');
  await next();
};

export function canSeeCampaign(user: UserDoc, campaign: CampaignDoc): boolean {
  return user.role === 'admin' || campaign.memberIds.includes(user.id);
}

/** The campaign if the caller may see it: 404 when missing, 403 when a member is not in it. */
export async function campaignForCaller(c: Context<AppEnv>, campaignId: string): Promise<CampaignDoc> {
  const campaign = await c.get('store').get('campaigns', campaignId);
  if (!campaign) throw new ApiError(404, 'not_found', '活动不存在');
  if (!canSeeCampaign(c.get('user'), campaign)) throw new ApiError(403, 'forbidden', '你不是该活动的成员');
  return campaign;
}
