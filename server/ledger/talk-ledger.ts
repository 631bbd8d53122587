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

function talksIn(records: readonly RecordDoc[], year: number): RecordDoc[] {
  return liveOfKind(records, 'talk').filter((r) => textField(r, 'talkedOn').startsWith(`${year}-`));
}

/** `today` decides which quarters have ended or are running, so future quarters are not "short". */
export function talkLedger(campaign: CampaignDoc, users: readonly UserDoc[], records: readonly RecordDoc[], year: number, today: string): TalkRow[] {
  const quota = campaign.obligations.talksPerQuarter ?? null;
  const talks = byOwner(talksIn(records, year));
  const lastQuarter = Number(today.slice(0, 4)) > year ? 4 : Number(today.slice(0, 4)) < year ? 0 : quarterOf(today);
  return membersOf(campaign.memberIds, users).map((u) => {
    const quarters = quartersOf(talks.get(u.id) ?? []);
    const quartersShort = quota === null ? [] : [1, 2, 3, 4].filter((q) => q <= lastQuarter && quarters[q - 1]! < quota);
    return { userId: u.id, name: u.name, unit: u.unit, quarters, total: quarters.reduce((a, b) => a + b, 0), quotaPerQuarter: quota, quartersShort };
  });
}

export interface CounselorContactRow {
  userId: string;
  name: string;
  unit: string;
  /** Distinct counselors talked with this year. */
  counselorsContacted: number;
  counselors: string[];
  quarters: [number, number, number, number];
  /** Talks whose topics name work guidance (工作指导 / 指导). */
  guidance: number;
  /** Talks with a follow-up recorded: help given (帮助解决). */
  help: number;
}

const GUIDANCE = /指导/;

export function counselorContactSummary(campaign: CampaignDoc, users: readonly UserDoc[], records: readonly RecordDoc[], year: number): CounselorContactRow[] {
  const talks = byOwner(talksIn(records, year));
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
