/** The HTTP app: sub-apps composed under /api/v1 and /console, one error handler. No ports or files here (see main.ts). */
import { Hono } from 'hono';
import type { Store } from './store/store';
import { requireUser, type AppEnv } from './auth/middleware';
import { DEFAULT_AUTH_RATE_LIMIT, FailureLimiter, type RateLimitOptions } from './auth/rate-limit';
import { limitBody } from './http/body-limit';
import { notFoundBody, renderError } from './http/errors';
import { guardJsonBodies } from './http/json-guard';
import { parseTrustedProxies, requestOrigin, type TrustedProxies } from './http/client-address';
import { securityHeaders } from './http/security-headers';
import { DEFAULT_QUOTAS, type Quotas } from './sync/quotas';
import { FlashMessages } from './console/flash';
import { OpinionGrouper } from './lists/opinion-grouper';
import { DayTotalsIndex } from './ledger/day-totals';
import { DEFAULT_TIME_ZONE } from '../shared/calendar';
import { StampClamp } from './sync/stamp-clamp';
import { peopleRoutes } from './people/routes';
import { campaignRoutes } from './campaigns/routes';
import { syncRoutes } from './sync/routes';
import { listsRoutes } from './lists/routes';
import { consoleRoutes } from './console/routes';

export interface AppOptions {
  store: Store;
  /** The server clock (ms); tests inject one to drive HLC clamping and dates. */
  now?: () => number;
  /** Failed-token limit per address. */
  authRateLimit?: RateLimitOptions;
  quotas?: Quotas;
  /** Reverse proxies whose forwarding headers are believed (TRUST_PROXY). */
  trustedProxies?: TrustedProxies;
  /** The address users reach (PUBLIC_URL); https there makes the console cookie Secure. */
  publicUrl?: string;
  /** The zone dates and times are shown in (TZ_NAME); Asia/Shanghai by default. */
  timeZone?: string;
  /** Opinion grouping; by default one worker thread per app. */
  grouper?: OpinionGrouper;
}

export function createApp({ store, now = Date.now, authRateLimit = DEFAULT_AUTH_RATE_LIMIT, quotas = DEFAULT_QUOTAS, trustedProxies = parseTrustedProxies(''), publicUrl, timeZone = DEFAULT_TIME_ZONE, grouper = new OpinionGrouper() }: AppOptions): Hono<AppEnv> {
  const authLimiter = new FailureLimiter(authRateLimit, now);
  const origin = requestOrigin(trustedProxies, publicUrl);
  const flash = new FlashMessages(now);
  // One per app, on the app's clock: keeps the HLC stamps the server hands out rising.
  const stampClamp = new StampClamp(now);
  const dayTotals = new DayTotalsIndex(store);
  // Catch up at start (in pages, between requests), so the first /me/tasks after a restart is not the one that waits.
  void dayTotals.refresh().catch((err: unknown) => console.error('[ledger] 统计学习记录失败：', err));

  const api = new Hono<AppEnv>()
    .use(guardJsonBodies)
    .use(requireUser)
    .route('/', peopleRoutes)
    .route('/', campaignRoutes)
    .route('/', syncRoutes)
    .route('/', listsRoutes);

  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(async (c, next) => {
    c.set('store', store);
    c.set('now', now);
    c.set('timeZone', timeZone);
    c.set('stampClamp', stampClamp);
    c.set('authLimiter', authLimiter);
    c.set('origin', origin);
    c.set('quotas', quotas);
    c.set('flash', flash);
    c.set('grouper', grouper);
    c.set('dayTotals', dayTotals);
    await next();
  });
  app.use(limitBody());
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/api/v1', api);
  app.route('/console', consoleRoutes);
  app.notFound((c) => c.json(notFoundBody(), 404));
  app.onError(renderError);
  return app;
}
