/** The HTTP app: sub-apps composed under /api/v1 and /console, one error handler. No ports or files here (see main.ts). */
import { Hono } from 'hono';
import { DEFAULT_TIME_ZONE } from '../shared/calendar';
import type { AppEnv, AppServices } from './api/env';
import { officeApi } from './api/index';
import { DEFAULT_AUTH_RATE_LIMIT, type RateLimitOptions } from './auth/rate-limit';
import { failureLimiterFor } from './auth/pg-failure-limiter';
import { createConsole } from './console/routes';
import type { ExtensionDistribution } from './extension-dist/distribution';
import { extensionRoutes } from './api/extension';
import { limitBody } from './http/body-limit';
import { parseTrustedProxies, requestOrigin, type TrustedProxies } from './http/client-address';
import { notFoundBody, renderError } from './http/errors';
import { securityHeaders } from './http/security-headers';
import { DayTotalsIndex, ScannedDayTotals, type DayTotals } from './ledger/day-totals';
import { OpinionGrouper } from './opinions/opinion-grouper';
import { DEFAULT_QUOTAS, type Quotas } from './quotas/quotas';
import { CampaignQueries } from './reports/campaign-queries';
import type { Store } from './store/store';
import { StampClamp } from './sync/stamp-clamp';

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
  /** The extension packages this server hands out (server/extension-dist/); without it /extension answers 503. */
  extensionDist?: ExtensionDistribution;
  /**
   * How study and talk day totals are kept (ledger/day-totals.ts): `index` (default) keeps them in memory
   * from the change log, for the embedded store; `scan` reads them per question, for PostgreSQL, so the
   * process does not grow with the database.
   */
  dayTotals?: 'index' | 'scan';
}

export function createApp({
  store,
  now = Date.now,
  authRateLimit = DEFAULT_AUTH_RATE_LIMIT,
  quotas = DEFAULT_QUOTAS,
  trustedProxies = parseTrustedProxies(''),
  publicUrl,
  timeZone = DEFAULT_TIME_ZONE,
  grouper = new OpinionGrouper(),
  extensionDist,
  dayTotals: dayTotalsKind = 'index',
}: AppOptions): Hono<AppEnv> {
  let dayTotals: DayTotals;
  if (dayTotalsKind === 'scan') dayTotals = new ScannedDayTotals(store);
  else {
    const index = new DayTotalsIndex(store);
    // Catch up at start (in pages, between requests), so the first /me/tasks after a restart is not the one that waits.
    void index.refresh().catch((err: unknown) => console.error('[ledger] 统计学习记录失败：', err));
    dayTotals = index;
  }
  // Every service once per app, on the app's clock; handlers reach them through c.var (api/env.ts).
  const services: AppServices = {
    store,
    now,
    timeZone,
    authLimiter: failureLimiterFor(store, authRateLimit, now),
    origin: requestOrigin(trustedProxies, publicUrl),
    quotas,
    stampClamp: new StampClamp(now),
    grouper,
    dayTotals,
    queries: new CampaignQueries({ store, grouper, dayTotals, timeZone, now }),
    extensionDist: extensionDist ?? null,
  };

  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(async (c, next) => {
    for (const [name, service] of Object.entries(services)) c.set(name as keyof AppServices, service as never);
    await next();
  });
  app.use(limitBody());
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/api/v1', officeApi);
  app.route('/extension', extensionRoutes);
  app.route('/console', createConsole(now));
  app.notFound((c) => c.json(notFoundBody(), 404));
  app.onError(renderError);
  return app;
}
