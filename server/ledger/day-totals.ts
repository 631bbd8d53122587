/**
 * Study and talk records summed per person, campaign, stage and day: what the 学习台账 and
 * `/me/tasks` count, without walking every record on every request.
 *
 * A member's obligations are sums (minutes, sessions, reflections of some length) per stage, and a
 * stage is decided by the record's own stage key or else by its date. So records are summed into
 * day totals keyed by (kind, stage key, date); a ledger then adds up a person's day totals, a few
 * hundred at most, whatever the number of records, and a stage edit in the campaign settings needs
 * no rebuild (the day totals are re-read against the new stages).
 *
 * Two ways to keep them, one per kind of store (`DayTotals`, chosen by main.ts, built once per app):
 * - `DayTotalsIndex` (the embedded store, which holds every record in memory anyway) keeps them current
 *   from the store's change log (`changedSince`): each refresh applies only the records changed since the
 *   last one, taking back each record's previous share. It reads every record once at start and keeps a
 *   share per study and talk record: memory and start-up work that grow with the records.
 * - `ScannedDayTotals` (PostgreSQL) keeps nothing: each question scans the records it is about (one
 *   member's in one campaign for /me/tasks, a campaign's for the 学习台账) a batch at a time, so a server
 *   process stays the same size whatever the database holds, and a start reads no record. The cost is a
 *   read per question, of the records asked about only.
 * `dayTotalsOf(records)` makes the same totals from a list, for tests and tools.
 */
import type { RecordDoc, Store, Where } from '../store/store';
import { reflectionLength } from './record-fields';

export interface DayTotal {
  kind: 'study' | 'talk';
  /** The record's own stage key ('' when none). */
  stage: string;
  /** studiedOn / talkedOn, YYYY-MM-DD ('' when missing). */
  date: string;
  count: number;
  minutes: number;
  /** Reflection lengths (characters, whitespace not counted) → how many records have that length; only lengths > 0. */
  reflections: Map<number, number>;
}

interface Share {
  /** owner \0 campaign */
  key: string;
  bucket: string;
  kind: DayTotal['kind'];
  stage: string;
  date: string;
  minutes: number;
  reflection: number;
}

const keyOf = (ownerId: string, campaignId: string) => `${ownerId}\u0000${campaignId}`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What one record adds to the totals, or null when it counts for nothing (deleted, an opinion). */
function shareOf(r: RecordDoc): Share | null {
  const f = r.fields;
  if (f.deleted === true || (f.kind !== 'study' && f.kind !== 'talk')) return null;
  const kind = f.kind;
  const stage = str(f.stage);
  const date = str(kind === 'study' ? f.studiedOn : f.talkedOn);
  const minutes = kind === 'study' && typeof f.minutes === 'number' && Number.isFinite(f.minutes) ? f.minutes : 0;
  return {
    key: keyOf(r.ownerId, r.campaignId),
    bucket: `${kind}\u0000${stage}\u0000${date}`,
    kind,
    stage,
    date,
    minutes,
    reflection: kind === 'study' ? reflectionLength(str(f.reflection)) : 0,
  };
}

/** Day totals of one person in one campaign, by bucket. */
type Buckets = Map<string, DayTotal>;

function add(buckets: Buckets, s: Share, sign: 1 | -1): void {
  let t = buckets.get(s.bucket);
  if (!t) buckets.set(s.bucket, (t = { kind: s.kind, stage: s.stage, date: s.date, count: 0, minutes: 0, reflections: new Map() }));
  t.count += sign;
  t.minutes += sign * s.minutes;
  if (s.reflection > 0) {
    const n = (t.reflections.get(s.reflection) ?? 0) + sign;
    if (n > 0) t.reflections.set(s.reflection, n);
    else t.reflections.delete(s.reflection);
  }
  if (t.count === 0) buckets.delete(s.bucket);
}

/** Adds a record's share (if it has one) to its owner's buckets. */
function addToOwner(byOwner: Map<string, Buckets>, r: RecordDoc): void {
  const s = shareOf(r);
  if (!s) return;
  let b = byOwner.get(r.ownerId);
  if (!b) byOwner.set(r.ownerId, (b = new Map()));
  add(b, s, 1);
}

const totalsByOwner = (byOwner: Map<string, Buckets>): Map<string, DayTotal[]> => new Map([...byOwner].map(([owner, b]) => [owner, [...b.values()]]));

/** The same totals from a list of records (no store). */
export function dayTotalsOf(records: readonly RecordDoc[]): Map<string, DayTotal[]> {
  const byOwner = new Map<string, Buckets>();
  for (const r of records) addToOwner(byOwner, r);
  return totalsByOwner(byOwner);
}

/** A person's day totals per campaign, as the 学习台账 and /me/tasks ask for them. */
export interface DayTotals {
  /** A person's day totals in a campaign (current as of the store's durable state). */
  of(ownerId: string, campaignId: string): Promise<DayTotal[]>;
  /** Everyone's day totals in a campaign, by owner. */
  ofCampaign(campaignId: string): Promise<Map<string, DayTotal[]>>;
}

/** Day totals read from the store on each question (see the top of this file: the PostgreSQL store's). */
export class ScannedDayTotals implements DayTotals {
  constructor(private readonly store: Store) {}

  async of(ownerId: string, campaignId: string): Promise<DayTotal[]> {
    return (await this.sum({ ownerId, campaignId })).get(ownerId) ?? [];
  }

  ofCampaign(campaignId: string): Promise<Map<string, DayTotal[]>> {
    return this.sum({ campaignId });
  }

  private async sum(where: Where<'records'>): Promise<Map<string, DayTotal[]>> {
    const byOwner = new Map<string, Buckets>();
    for await (const batch of this.store.scan('records', where)) for (const r of batch) addToOwner(byOwner, r);
    return totalsByOwner(byOwner);
  }
}

/** Records per refresh page: small enough that applying one never holds the event loop for long. */
const PAGE = 2000;

export class DayTotalsIndex implements DayTotals {
  private epoch: string | null = null;
  private lastSeq = 0;
  private readonly shares = new Map<string, Share>();
  private readonly totals = new Map<string, Buckets>();
  private readonly ownersOf = new Map<string, Set<string>>();
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** A person's day totals in a campaign (current as of the store's durable state). */
  async of(ownerId: string, campaignId: string): Promise<DayTotal[]> {
    await this.refresh();
    return [...(this.totals.get(keyOf(ownerId, campaignId))?.values() ?? [])];
  }

  /** Everyone's day totals in a campaign, by owner. */
  async ofCampaign(campaignId: string): Promise<Map<string, DayTotal[]>> {
    await this.refresh();
    const out = new Map<string, DayTotal[]>();
    for (const owner of this.ownersOf.get(campaignId) ?? []) out.set(owner, [...(this.totals.get(keyOf(owner, campaignId))?.values() ?? [])]);
    return out;
  }

  /** Applies every record change since the last refresh; concurrent callers share one. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.catchUp());
    return this.refreshing;
  }

  private async catchUp(): Promise<void> {
    const meta = await this.store.meta();
    if (meta.epoch !== this.epoch) {
      // A restored backup (new epoch): seqs may mean other things now, so start over.
      this.epoch = meta.epoch;
      this.lastSeq = 0;
      this.shares.clear();
      this.totals.clear();
      this.ownersOf.clear();
    }
    for (;;) {
      const changes = await this.store.changedSince(['records'], this.lastSeq, PAGE);
      for (const { doc } of changes) this.apply(doc);
      if (changes.length > 0) this.lastSeq = changes[changes.length - 1]!.doc.seq;
      if (changes.length < PAGE) break;
      // Let other requests in between pages of a long catch-up (the first one after start-up).
      await new Promise((r) => setImmediate(r));
    }
  }

  private apply(r: RecordDoc): void {
    const before = this.shares.get(r.id);
    if (before) add(this.totals.get(before.key)!, before, -1);
    const after = shareOf(r);
    if (after) {
      let buckets = this.totals.get(after.key);
      if (!buckets) this.totals.set(after.key, (buckets = new Map()));
      add(buckets, after, 1);
      this.shares.set(r.id, after);
      let owners = this.ownersOf.get(r.campaignId);
      if (!owners) this.ownersOf.set(r.campaignId, (owners = new Set()));
      owners.add(r.ownerId);
    } else this.shares.delete(r.id);
  }
}
