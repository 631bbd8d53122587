/**
 * 谈心谈话台账 with the quarterly obligation, and the counselor-contact 年度汇总表 (seed 002):
 * per leader, counselors contacted, talks per quarter, guidance given, help given.
 */
import type { CampaignDoc, RecordDoc, UserDoc } from '../store/store';
import { byOwner, liveOfKind, membersOf, quarterOf, textField } from './record-fields';

export interface TalkRow {
  userId: string;
  name: string;
  unit: string;
  /** Talks held in each calendar quarter of the year, Q1..Q4. */
  quarters: [number, number, number, number];
  total: number;
  /** Talks required per quarter, or null when the campaign sets none. */
  quotaPerQuarter: number | null;
  /** Quarters (up to the current one) that fell short of the quota. */
  quartersShort: number[];
}

function quartersOf(talks: readonly RecordDoc[]): [number, number, number, number] {
  const q: [number, number, number, number] = [0, 0, 0, 0];
  for (const r of talks) q[quarterOf(textField(r, 'talkedOn')) - 1]!++;
  return q;
}

/** Whether a record is a talk held in `year` (not deleted): all the talk ledgers of that year read. */
export const isTalkIn = (r: RecordDoc, year: number): boolean =>
  r.fields.kind === 'talk' && r.fields.deleted !== true && textField(r, 'talkedOn').startsWith(`${year}-`);

function talksIn(records: readonly RecordDoc[], year: number): RecordDoc[] {
  return liveOfKind(records, 'talk').filter((r) => isTalkIn(r, year));
}

/** The first and last day of a quarter of `year`. */
const quarterSpan = (year: number, q: number) => {
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const end = `${year}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? '31' : '30'}`;
  return { start, end };
};

/**
 * The quarters of `year` the obligation runs in: those that have begun by `today` and overlap the
 * campaign (its first stage's start to its last stage's end). A quarter before the campaign began or
 * after it ended owes nothing; a campaign without stages owes every quarter.
 */
export function owedQuarters(campaign: Pick<CampaignDoc, 'stages'>, year: number, today: string): number[] {
  const starts = campaign.stages.map((s) => s.start).sort();
  const ends = campaign.stages.map((s) => s.end).sort();
  const from = starts[0] ?? '0000-01-01';
  const to = ends.at(-1) ?? '9999-12-31';
  return [1, 2, 3, 4].filter((q) => {
    const span = quarterSpan(year, q);
    return span.start <= today && span.end >= from && span.start <= to;
  });
}

/** `today` decides which quarters have ended or are running, so future quarters are not "short". */
export function talkLedger(campaign: CampaignDoc, users: readonly UserDoc[], records: readonly RecordDoc[], year: number, today: string): TalkRow[] {
  const quota = campaign.obligations.talksPerQuarter ?? null;
  const talks = byOwner(talksIn(records, year));
  const owed = owedQuarters(campaign, year, today);
  return membersOf(campaign.memberIds, users).map((u) => {
    const quarters = quartersOf(talks.get(u.id) ?? []);
    const quartersShort = quota === null ? [] : owed.filter((q) => quarters[q - 1]! < quota);
    return { userId: u.id, name: u.name, unit: u.unit, quarters, total: quarters.reduce((a, b) => a + b, 0), quotaPerQuarter: quota, quartersShort };
  });
}

export interface CounselorContactRow {
  userId: string;
  name: string;
  unit: string;
  /** Distinct counselors talked with this year (of those assigned, when the campaign defines 联系对象). */
  counselorsContacted: number;
  /** The counselors assigned (联系对象), or else those talked with. */
  counselors: string[];
  quarters: [number, number, number, number];
  /** Talks whose topics name work guidance (工作指导 / 指导). */
  guidance: number;
  /** Talks with a follow-up recorded: help given (帮助解决). */
  help: number;
}

const GUIDANCE = /指导/;

/**
 * The 年度汇总表 belongs to the 领导干部直接联系服务辅导员 campaign (seed 002) alone: in any other
 * campaign talks are not counselor contacts, and the table would list whoever was talked to.
 */
export function counselorContactSummary(campaign: CampaignDoc, users: readonly UserDoc[], records: readonly RecordDoc[], year: number): CounselorContactRow[] {
  if (campaign.template !== 'counselor-contact') return [];
  const talks = byOwner(talksIn(records, year));
  // With 联系对象 defined, the table is those pairs: each leader, and only talks with their counselors.
  if (campaign.contacts?.length) {
    const byId = new Map(users.map((u) => [u.id, u]));
    return campaign.contacts.flatMap((pair) => {
      const u = byId.get(pair.leaderId);
      if (!u) return [];
      const assigned = new Set(pair.counselors.map((c) => c.trim()));
      const mine = (talks.get(u.id) ?? []).filter((r) => assigned.has(textField(r, 'counterpart').trim()));
      const met = new Set(mine.map((r) => textField(r, 'counterpart').trim()));
      return [
        {
          userId: u.id,
          name: u.name,
          unit: u.unit,
          counselorsContacted: met.size,
          counselors: pair.counselors,
          quarters: quartersOf(mine),
          guidance: mine.filter((r) => GUIDANCE.test(textField(r, 'topics'))).length,
          help: mine.filter((r) => textField(r, 'followUp').trim() !== '').length,
        },
      ];
    });
  }
  return membersOf(campaign.memberIds, users).map((u) => {
    const mine = talks.get(u.id) ?? [];
    const counselors = [...new Set(mine.map((r) => textField(r, 'counterpart').trim()).filter(Boolean))];
    return {
      userId: u.id,
      name: u.name,
      unit: u.unit,
      counselorsContacted: counselors.length,
      counselors,
      quarters: quartersOf(mine),
      guidance: mine.filter((r) => GUIDANCE.test(textField(r, 'topics'))).length,
      help: mine.filter((r) => textField(r, 'followUp').trim() !== '').length,
    };
  });
}
