/**
 * The read side of a campaign — records, list items, merged opinions, figures and ledgers — built
 * once per app and asked once per request: the API's ledger routes, the console's pages and every
 * export read a campaign through a `CampaignView`, which loads each source at most once.
 */
import { byUpload } from '../evidence/evidence';
import { todayIn } from '../../shared/calendar';
import type { DayTotals } from '../ledger/day-totals';
import { summaryFigures } from '../ledger/figures';
import type { DateRange } from '../ledger/record-fields';
import { studyLedgerFromTotals } from '../ledger/study-ledger';
import { studySessions } from '../ledger/study-sessions';
import { counselorContactSummary, talkLedger } from '../ledger/talk-ledger';
import type { OpinionGrouper } from '../opinions/opinion-grouper';
import type { CampaignDoc, FileDoc, ItemDoc, Store } from '../store/store';

export interface QueryDeps {
  store: Store;
  grouper: OpinionGrouper;
  dayTotals: DayTotals;
  /** TZ_NAME: the zone "today" and "this year" are read in. */
  timeZone: string;
  now: () => number;
}

export class CampaignQueries {
  constructor(private readonly deps: QueryDeps) {}

  /** One request's view of one campaign, at the app clock's "now". */
  of(campaign: CampaignDoc): CampaignView {
    return new CampaignView(this.deps, campaign, new Date(this.deps.now()));
  }
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let cached: Promise<T> | undefined;
  return () => (cached ??= load());
};

export class CampaignView {
  /** YYYY-MM-DD in the deployment's zone. */
  readonly today: string;
  readonly timeZone: string;

  constructor(
    private readonly deps: QueryDeps,
    readonly campaign: CampaignDoc,
    readonly now: Date,
  ) {
    this.timeZone = deps.timeZone;
    this.today = todayIn(deps.timeZone, now);
  }

  get thisYear(): number {
    return Number(this.today.slice(0, 4));
  }

  readonly records = once(() => this.deps.store.find('records', { campaignId: this.campaign.id }));
  readonly users = once(() => this.deps.store.find('users'));
  /** In creation order (ties by id), the order the lists are shown and exported in. */
  readonly items = once(
    async (): Promise<ItemDoc[]> =>
      (await this.deps.store.find('items', { campaignId: this.campaign.id })).sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      ),
  );
  /** The campaign's 佐证材料 files that are not deleted, in upload order (exports list them by name). */
  readonly evidenceFiles = once(
    async (): Promise<FileDoc[]> => (await this.deps.store.find('files', { campaignId: this.campaign.id })).filter((f) => !f.deletedAt).sort(byUpload),
  );
  /** The 意见建议汇总表: opinions grouped (in the grouping worker) with the office's decisions applied. */
  readonly opinions = once(() => this.deps.grouper.items(this.deps.store, this.campaign.id));

  async figures(range: DateRange = {}) {
    const [records, items, opinions] = await Promise.all([this.records(), this.items(), this.opinions()]);
    return summaryFigures(records, items, opinions, range, this.today);
  }

  async studyLedger(range: DateRange = {}) {
    const [users, totals] = await Promise.all([this.users(), this.deps.dayTotals.ofCampaign(this.campaign.id)]);
    return studyLedgerFromTotals(this.campaign, users, totals, range);
  }

  /** 集体学习记录: the campaign's collective study sessions, one row each. */
  async studySessions(range: DateRange = {}) {
    const [users, records] = await Promise.all([this.users(), this.records()]);
    return studySessions(records, users, range);
  }

  /** The 谈心谈话台账 and the counselor-contact 年度汇总表 of `year` (this year by default). */
  async talks(year = this.thisYear) {
    const [users, records] = await Promise.all([this.users(), this.records()]);
    return {
      year,
      talks: talkLedger(this.campaign, users, records, year, this.today),
      counselorContact: counselorContactSummary(this.campaign, users, records, year),
    };
  }
}
