/**
 * What every handler can reach: the caller (set by requireUser) and the services `createApp` builds
 * once per app and injects — nothing is looked up from module state. Sub-apps type their context by it.
 */
import type { AuthFailureLimiter } from '../auth/rate-limit';
import type { RequestOrigin } from '../http/client-address';
import type { ExtensionDistribution } from '../extension-dist/distribution';
import type { DayTotals } from '../ledger/day-totals';
import type { OpinionGrouper } from '../opinions/opinion-grouper';
import type { Quotas } from '../quotas/quotas';
import type { CampaignQueries } from '../reports/campaign-queries';
import type { Store, UserDoc } from '../store/store';
import type { StampClamp } from '../sync/stamp-clamp';

export interface AppServices {
  store: Store;
  /** The app's clock (epoch ms), injectable for tests. */
  now: () => number;
  /** TZ_NAME: the zone every date and time a person sees is in. */
  timeZone: string;
  /** Failed sign-ins per client address. */
  authLimiter: AuthFailureLimiter;
  /** Who is asking from where (behind the trusted proxies). */
  origin: RequestOrigin;
  quotas: Quotas;
  /** Keeps the HLC stamps the server hands out rising. */
  stampClamp: StampClamp;
  /** Opinion grouping, off the event loop. */
  grouper: OpinionGrouper;
  /** Study and talk day totals, kept up to date from the store. */
  dayTotals: DayTotals;
  /** A campaign's records, lists, figures and ledgers, each loaded once per request. */
  queries: CampaignQueries;
  /** This deployment's extension packages and policies; null when the server does not distribute it. */
  extensionDist: ExtensionDistribution | null;
}

export type AppEnv = { Variables: AppServices & { user: UserDoc } };
