/**
 * 集体学习记录: one row per collective study session (时间, 地点, 学习主题, 主要内容, 参加人员, 记录人),
 * kept beside the per-person 学习台账 (DOMAIN.md).
 *
 * Every cadre who attends a 集中学习 may record it in their own 学习台账, so one session arrives as
 * several records: they are one row when they share the day and the topic (compared without spaces and
 * punctuation, so "《条例》 专题学习" and "《条例》专题学习" are the same session). The attendees are the
 * names listed in 参加人员 and the people who recorded it; 自学 is never a session.
 */
import { isCollectiveMode } from '../../shared/model/vocabulary';
import type { RecordDoc, UserDoc } from '../store/store';
import { mapInSlices } from '../http/yielding';
import { inRange, textField, type DateRange } from './record-fields';

export interface StudySessionRow {
  date: string;
  place: string;
  topic: string;
  mode: string;
  /** 主要内容: the fullest account among the records of the session. */
  content: string;
  participants: string[];
  recorders: string[];
  /** The records the row was made from, oldest first. */
  recordIds: string[];
}

const sessionKey = (date: string, topic: string) => `${date}\u0000${topic.replace(/[\s\p{P}\p{S}]/gu, '')}`;

/** Names in a 参加人员 text: separated by Chinese or Latin commas, 、, semicolons or spaces. */
export function namesIn(text: string): string[] {
  return text
    .split(/[，,、；;\s]+/u)
    .map((n) => n.trim())
    .filter(Boolean);
}

const unique = (names: Iterable<string>) => [...new Set(names)];

/** Records weighed per slice: between slices other requests are served (http/yielding.ts). */
const SLICE = 5000;

/** Whether a record is part of a collective study session held in `range` (what `studySessions` groups). */
export const isSessionRecord = (r: RecordDoc, range: DateRange = {}): boolean =>
  r.fields.kind === 'study' && r.fields.deleted !== true && isCollectiveMode(textField(r, 'mode')) && inRange(textField(r, 'studiedOn'), range);

export async function studySessions(records: readonly RecordDoc[], users: readonly UserDoc[], range: DateRange = {}): Promise<StudySessionRow[]> {
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const sessions = new Map<string, RecordDoc[]>();
  // One pass in slices: a campaign of 100k records (most of them 自学) is read without holding the loop.
  const collective: RecordDoc[] = [];
  await mapInSlices(
    records,
    (r) => {
      if (isSessionRecord(r, range)) collective.push(r);
    },
    SLICE,
  );
  collective.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const r of collective) {
    const key = sessionKey(textField(r, 'studiedOn'), textField(r, 'topic'));
    const same = sessions.get(key);
    if (same) same.push(r);
    else sessions.set(key, [r]);
  }
  const rows = [...sessions.values()].map((group): StudySessionRow => {
    const recorders = unique(group.map((r) => nameOf.get(r.ownerId) ?? '（已删除的用户）'));
    const contents = group.map((r) => textField(r, 'content').trim()).filter(Boolean);
    return {
      date: textField(group[0]!, 'studiedOn'),
      place: unique(group.map((r) => textField(r, 'place').trim()).filter(Boolean)).join('；'),
      topic: textField(group[0]!, 'topic'),
      mode: unique(group.map((r) => textField(r, 'mode'))).join('、'),
      content: contents.reduce((longest, c) => (c.length > longest.length ? c : longest), ''),
      participants: unique([...group.flatMap((r) => namesIn(textField(r, 'participants'))), ...recorders]),
      recorders,
      recordIds: group.map((r) => r.id),
    };
  });
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.topic.localeCompare(b.topic));
}
