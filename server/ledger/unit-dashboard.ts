/**
 * The office's view by unit (按单位): per unit, how its rectification stands (销号率, overdue items, by
 * 责任部门) and how its people keep the campaign's obligations (study minutes against the quota, talks
 * this quarter against the quota, by the people's own unit). Pure: the overview page and tests call it.
 */
import { isOverdue } from '../../shared/model/item-status';
import type { ItemDoc } from '../store/store';
import { quarterOf } from './record-fields';
import type { StudyLedger } from './study-ledger';
import type { TalkRow } from './talk-ledger';

export interface UnitRow {
  unit: string;
  /** Problems and tasks the unit is responsible for (责任部门). */
  items: number;
  closed: number;
  /** closed / items, or null when the unit has none. */
  closeRate: number | null;
  overdue: number;
  /** Members whose own unit this is. */
  people: number;
  studyMinutes: number;
  /** Members meeting every study quota. */
  peopleMeetingStudy: number;
  talksThisQuarter: number;
  /** Talks the unit's members owe this quarter (people × quota), or null without a quota. */
  talksOwed: number | null;
}

export const NO_UNIT = '（未指定部门）';

export function unitDashboard(input: { items: readonly ItemDoc[]; study: StudyLedger; talks: readonly TalkRow[]; today: string }): UnitRow[] {
  const rows = new Map<string, UnitRow>();
  const row = (unit: string) => {
    const key = unit.trim() || NO_UNIT;
    let r = rows.get(key);
    if (!r) {
      r = {
        unit: key,
        items: 0,
        closed: 0,
        closeRate: null,
        overdue: 0,
        people: 0,
        studyMinutes: 0,
        peopleMeetingStudy: 0,
        talksThisQuarter: 0,
        talksOwed: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const i of input.items) {
    if (i.list === 'effect') continue;
    const r = row(i.responsibleUnit);
    r.items++;
    if (i.status === 'closed') r.closed++;
    if (isOverdue(i, input.today)) r.overdue++;
  }
  for (const u of input.study.units) {
    const r = row(u.unit);
    r.people = u.people;
    r.studyMinutes = u.minutes;
    r.peopleMeetingStudy = u.peopleMeetingQuota;
  }
  const quarter = quarterOf(input.today);
  for (const t of input.talks) {
    const r = row(t.unit);
    r.talksThisQuarter += t.quarters[quarter - 1] ?? 0;
    if (t.quotaPerQuarter !== null) r.talksOwed = (r.talksOwed ?? 0) + t.quotaPerQuarter;
  }
  for (const r of rows.values()) r.closeRate = r.items ? r.closed / r.items : null;
  return [...rows.values()].sort((a, b) => (a.unit === NO_UNIT ? 1 : b.unit === NO_UNIT ? -1 : a.unit.localeCompare(b.unit, 'zh-CN')));
}
