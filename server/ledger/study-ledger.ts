/** 学习台账: study sessions, minutes and reflections per person and per unit, against the campaign's quotas. */
import type { CampaignDoc, RecordDoc, UserDoc } from '../store/store';
import { inRange, membersOf, type DateRange } from './record-fields';
import { dayTotalsOf, type DayTotal } from './day-totals';

export interface StageProgress {
  stage: string;
  title: string;
  minutes: number;
  /** Required minutes in this stage, or null when the campaign sets none. */
  quotaMinutes: number | null;
  reflections: number;
  quotaReflections: number | null;
}

export interface StudyRow {
  userId: string;
  name: string;
  unit: string;
  sessions: number;
  minutes: number;
  reflections: number;
  /** Total reflection length in characters. */
  reflectionChars: number;
  /** Reflections at least as long as the campaign requires. */
  reflectionsMeetingLength: number;
  stages: StageProgress[];
  /** True when every stage quota with a requirement is met. */
  metQuota: boolean;
}

export interface StudyUnitRow {
  unit: string;
  people: number;
  sessions: number;
  minutes: number;
  reflections: number;
  reflectionChars: number;
  peopleMeetingQuota: number;
}

export interface StudyLedger {
  people: StudyRow[];
  units: StudyUnitRow[];
}

/** The stage a record belongs to: its own stage key when the campaign has it, else by date. */
export function stageOf(campaign: CampaignDoc, stage: string, date: string): string {
  if (campaign.stages.some((s) => s.key === stage)) return stage;
  return campaign.stages.find((s) => date >= s.start && date <= s.end)?.key ?? '';
}

export function studyLedger(campaign: CampaignDoc, users: readonly UserDoc[], records: readonly RecordDoc[], range: DateRange = {}): StudyLedger {
  return studyLedgerFromTotals(campaign, users, dayTotalsOf(records), range);
}

/**
 * The ledger from day totals (day-totals.ts): each person's sums are added up from their day
 * totals, a few hundred at most, however many records they hold.
 */
export function studyLedgerFromTotals(
  campaign: CampaignDoc,
  users: readonly UserDoc[],
  totals: ReadonlyMap<string, readonly DayTotal[]>,
  range: DateRange = {},
): StudyLedger {
  const q = campaign.obligations;
  const minChars = q.reflectionMinChars ?? 0;
  const requiredLength = Math.max(1, minChars);
  const members = membersOf(campaign.memberIds, users);
  const stageKeys = new Set(campaign.stages.map((s) => s.key));

  const people = members.map((u): StudyRow => {
    const perStage = new Map(campaign.stages.map((s) => [s.key, { minutes: 0, reflections: 0 }]));
    let sessions = 0;
    let minutes = 0;
    let reflections = 0;
    let reflectionChars = 0;
    let reflectionsMeetingLength = 0;
    for (const day of totals.get(u.id) ?? []) {
      if (day.kind !== 'study' || !inRange(day.date, range)) continue;
      sessions += day.count;
      minutes += day.minutes;
      let meeting = 0;
      let required = 0;
      for (const [length, n] of day.reflections) {
        reflections += n;
        reflectionChars += length * n;
        if (length >= minChars) meeting += n;
        if (length >= requiredLength) required += n;
      }
      reflectionsMeetingLength += meeting;
      const bucket = perStage.get(stageKeys.has(day.stage) ? day.stage : stageOf(campaign, '', day.date));
      if (bucket) {
        bucket.minutes += day.minutes;
        bucket.reflections += required;
      }
    }
    const stages = campaign.stages.map(
      (s): StageProgress => ({
        stage: s.key,
        title: s.title,
        minutes: perStage.get(s.key)!.minutes,
        quotaMinutes: q.studyMinutesPerStage ?? null,
        reflections: perStage.get(s.key)!.reflections,
        quotaReflections: q.reflectionsPerStage ?? null,
      }),
    );
    const metQuota = stages.every(
      (s) => (s.quotaMinutes === null || s.minutes >= s.quotaMinutes) && (s.quotaReflections === null || s.reflections >= s.quotaReflections),
    );
    return { userId: u.id, name: u.name, unit: u.unit, sessions, minutes, reflections, reflectionChars, reflectionsMeetingLength, stages, metQuota };
  });

  const units = new Map<string, StudyUnitRow>();
  for (const p of people) {
    const u = units.get(p.unit) ?? { unit: p.unit, people: 0, sessions: 0, minutes: 0, reflections: 0, reflectionChars: 0, peopleMeetingQuota: 0 };
    u.people++;
    u.sessions += p.sessions;
    u.minutes += p.minutes;
    u.reflections += p.reflections;
    u.reflectionChars += p.reflectionChars;
    if (p.metQuota) u.peopleMeetingQuota++;
    units.set(p.unit, u);
  }
  return { people, units: [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'zh-Hans')) };
}
