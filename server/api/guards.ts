/** Who is asking: bearer-token authentication, admin checks and campaign visibility, for every /api/v1 route. */
import type { Context, MiddlewareHandler } from 'hono';
import { retryMinutes } from '../auth/rate-limit';
import { userForToken } from '../auth/tokens';
import { canSeeCampaign } from '../campaigns/service';
import { ApiError } from '../http/errors';
import type { CampaignDoc } from '../store/store';
import type { AppEnv } from './env';

/**
 * 401 without or with a bad token. A valid token always works; only failed attempts count, per
 * client address (behind campus NAT or the reverse proxy many people share one), and once an
 * address has failed too often its further failures answer 429 with Retry-After. The app applies
 * it to every /api/v1 route; using it again in a sub-app is harmless.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')) return next();
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', '未登录：请在请求头中提供 Authorization: Bearer <令牌>');
  const user = await userForToken(c.get('store'), match[1]!);
  if (!user) {
    const seconds = await c.get('authLimiter').fail(c.get('origin').address(c));
    if (seconds !== null) {
      c.header('Retry-After', String(seconds));
      throw new ApiError(429, 'rate_limited', `令牌验证失败次数过多，请 ${retryMinutes(seconds)} 分钟后再试`);
    }
    throw new ApiError(401, 'unauthorized', '令牌无效或已被吊销');
  }
  c.set('user', user);
  await next();
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')?.role !== 'admin') throw new ApiError(403, 'forbidden', '只有活动办公室管理员可以执行此操作');
  await next();
};

/** The campaign if the caller may see it: 404 when missing, 403 when a member is not in it. */
export async function campaignForCaller(c: Context<AppEnv>, campaignId: string): Promise<CampaignDoc> {
  const campaign = await c.get('store').get('campaigns', campaignId);
  if (!campaign) throw new ApiError(404, 'not_found', '活动不存在');
  if (!canSeeCampaign(c.get('user'), campaign)) throw new ApiError(403, 'forbidden', '你不是该活动的成员');
  return campaign;
}
