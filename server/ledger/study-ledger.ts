/** 学习台账: study sessions, minutes and reflections per person and per unit, against the campaign's quotas. */
import type { CampaignDoc, RecordDoc, UserDoc } from '../store/store';
import { inRange, liveOfKind, numberField, reflectionLength, textField, type DateRange } from './record-fields';

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
  const q = campaign.obligations;
  const minChars = q.reflectionMinChars ?? 0;
  const members = users.filter((u) => campaign.memberIds.includes(u.id));
  const studies = liveOfKind(records, 'study').filter((r) => inRange(textField(r, 'studiedOn'), range));
  const byOwner = new Map<string, RecordDoc[]>();
  for (const r of studies) byOwner.set(r.ownerId, [...(byOwner.get(r.ownerId) ?? []), r]);

  const people = members.map((u): StudyRow => {
    const mine = byOwner.get(u.id) ?? [];
    const reflections = mine.map((r) => reflectionLength(textField(r, 'reflection'))).filter((n) => n > 0);
    const stages = campaign.stages.map((s): StageProgress => {
      const inStage = mine.filter((r) => stageOf(campaign, textField(r, 'stage'), textField(r, 'studiedOn')) === s.key);
      return {
        stage: s.key,
        title: s.title,
        minutes: inStage.reduce((n, r) => n + numberField(r, 'minutes'), 0),
        quotaMinutes: q.studyMinutesPerStage ?? null,
        reflections: inStage.filter((r) => reflectionLength(textField(r, 'reflection')) >= Math.max(1, minChars)).length,
        quotaReflections: q.reflectionsPerStage ?? null,
      };
    });
    const metQuota = stages.every((s) => (s.quotaMinutes === null || s.minutes >= s.quotaMinutes) && (s.quotaReflections === null || s.reflections >= s.quotaReflections));
    return {
      userId: u.id,
      name: u.name,
      unit: u.unit,
      sessions: mine.length,
      minutes: mine.reduce((n, r) => n + numberField(r, 'minutes'), 0),
      reflections: reflections.length,
      reflectionChars: reflections.reduce((a, b) => a + b, 0),
      reflectionsMeetingLength: reflections.filter((n) => n >= minChars).length,
      stages,
      metQuota,
    };
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
