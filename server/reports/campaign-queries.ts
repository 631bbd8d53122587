/**
 * The read side of a campaign — records, list items, merged opinions, figures and ledgers — built
 * once per app and asked once per request: the API's ledger routes, the console's pages and every
 * export read a campaign through a `CampaignView`, which loads each source at most once.
 *
 * What an export reads whole and what it reads a batch at a time (`Store.scan`) is said per source
 * below; the exports' README has the list. No source reads a campaign's records (up to 200k) whole: the
 * ledgers and figures count them a batch at a time, and the opinion grouping keeps only the live opinions.
 */
import { byUpload } from '../evidence/evidence';
import { todayIn } from '../../shared/calendar';
import type { DayTotals } from '../ledger/day-totals';
import { RecordFigures, figuresOf } from '../ledger/figures';
import type { DateRange } from '../ledger/record-fields';
import { studyLedgerFromTotals } from '../ledger/study-ledger';
import { studySessions } from '../ledger/study-sessions';
import { counselorContactSummary, talkLedger } from '../ledger/talk-ledger';
import type { OpinionGrouper } from '../opinions/opinion-grouper';
import { isSessionRecord } from '../ledger/study-sessions';
import { isTalkIn } from '../ledger/talk-ledger';
import type { CampaignDoc, CollectionName, Collections, FileDoc, ItemDoc, RecordDoc, Store, Where } from '../store/store';

/** What an export row needs of the other items of the campaign: to name them, and a problem's tasks. */
export type ItemRef = Pick<ItemDoc, 'id' | 'list' | 'title' | 'sourceItemIds' | 'createdAt'>;

/** An item's reference, without its long texts (description, progress, evidence). */
const refOf = (i: ItemDoc): ItemRef => ({ id: i.id, list: i.list, title: i.title, sourceItemIds: i.sourceItemIds, createdAt: i.createdAt });

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

  readonly users = once(() => this.deps.store.find('users'));
  /** In creation order (ties by id), the order the lists are shown and exported in. */
  readonly items = once(
    async (): Promise<ItemDoc[]> =>
      (await this.deps.store.find('items', { campaignId: this.campaign.id })).sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      ),
  );
  /**
   * The campaign's items of one list, read from the store a batch at a time as they are taken, in the
   * order they were first written (creation order): each call is a new read, for one sheet.
   */
  async *itemsOf(list: ItemDoc['list'], keep: (i: ItemDoc) => boolean = () => true): AsyncGenerator<ItemDoc> {
    for await (const batch of this.deps.store.scan('items', { campaignId: this.campaign.id })) {
      for (const i of batch) if (i.list === list && keep(i)) yield i;
    }
  }

  /** Every item of the campaign by id, titles and sources only (what rows name other items by), read in batches. */
  readonly itemRefs = once(async (): Promise<Map<string, ItemRef>> => {
    const refs = new Map<string, ItemRef>();
    for await (const batch of this.deps.store.scan('items', { campaignId: this.campaign.id })) for (const i of batch) refs.set(i.id, refOf(i));
    return refs;
  });

  /** Item id → the names of its 佐证材料 files (not deleted), in upload order; the files' other fields are not kept. */
  readonly evidenceNames = once(async (): Promise<Map<string, string[]>> => {
    const kept: Pick<FileDoc, 'itemId' | 'name' | 'createdAt' | 'seq'>[] = [];
    for await (const batch of this.deps.store.scan('files', { campaignId: this.campaign.id }))
      for (const f of batch) if (!f.deletedAt) kept.push({ itemId: f.itemId, name: f.name, createdAt: f.createdAt, seq: f.seq });
    const names = new Map<string, string[]>();
    for (const f of kept.sort(byUpload)) names.set(f.itemId, [...(names.get(f.itemId) ?? []), f.name]);
    return names;
  });

  /**
   * The campaign's records that `keep` selects, read a batch at a time: only those are held (the
   * collective study records of a 集体学习记录, one year's talks), not the campaign's other records.
   */
  private async recordsWhere(keep: (r: RecordDoc) => boolean): Promise<RecordDoc[]> {
    return collect(this.deps.store, 'records', { campaignId: this.campaign.id }, keep);
  }

  /** The 意见建议汇总表: opinions grouped (in the grouping worker) with the office's decisions applied. */
  readonly opinions = once(() => this.deps.grouper.items(this.deps.store, this.campaign.id));

  /** The records are counted a batch at a time (only counts and the opinions' ids are kept). */
  async figures(range: DateRange = {}) {
    const counted = new RecordFigures(range);
    const count = async () => {
      for await (const batch of this.deps.store.scan('records', { campaignId: this.campaign.id })) for (const r of batch) counted.add(r);
    };
    const [items, opinions] = await Promise.all([this.items(), this.opinions(), count()]);
    return figuresOf(counted, items, opinions, this.today);
  }

  async studyLedger(range: DateRange = {}) {
    const [users, totals] = await Promise.all([this.users(), this.deps.dayTotals.ofCampaign(this.campaign.id)]);
    return studyLedgerFromTotals(this.campaign, users, totals, range);
  }

  /** 集体学习记录: the campaign's collective study sessions, one row each. */
  async studySessions(range: DateRange = {}) {
    const [users, records] = await Promise.all([this.users(), this.recordsWhere((r) => isSessionRecord(r, range))]);
    return studySessions(records, users, range);
  }

  /** The 谈心谈话台账 and the counselor-contact 年度汇总表 of `year` (this year by default). */
  async talks(year = this.thisYear) {
    const [users, records] = await Promise.all([this.users(), this.recordsWhere((r) => isTalkIn(r, year))]);
    return {
      year,
      talks: talkLedger(this.campaign, users, records, year, this.today),
      counselorContact: counselorContactSummary(this.campaign, users, records, year),
    };
  }
}

/** The documents of a scan that `keep` selects; the others are let go batch by batch. */
async function collect<C extends CollectionName>(store: Store, c: C, where: Where<C>, keep: (doc: Collections[C]) => boolean): Promise<Collections[C][]> {
  const out: Collections[C][] = [];
  for await (const batch of store.scan(c, where)) for (const doc of batch) if (keep(doc)) out.push(doc);
  return out;
}
