import { describe, expect, it } from 'vitest';
import type { ItemDoc } from '../store/store';
import { NO_UNIT, unitDashboard } from './unit-dashboard';

let n = 0;
const item = (unit: string, status: ItemDoc['status'], deadline: string | null, list: ItemDoc['list'] = 'task'): ItemDoc =>
  ({ id: `i${++n}`, seq: n, list, status, deadline, responsibleUnit: unit }) as ItemDoc;

describe('the dashboard by unit', () => {
  it('counts each unit’s items, 销号率 and overdue, its people’s study and talks this quarter', () => {
    const rows = unitDashboard({
      items: [
        item('后勤处', 'closed', '2026-05-01'),
        item('后勤处', 'in_progress', '2026-05-01'),
        item('后勤处', 'open', '2026-12-31'),
        item('后勤处', 'closed', null, 'effect'),
        item('', 'open', '2026-01-01'),
      ],
      study: {
        people: [],
        units: [{ unit: '后勤处', people: 3, sessions: 4, minutes: 240, reflections: 2, reflectionChars: 900, peopleMeetingQuota: 1 }],
      },
      talks: [
        { userId: 'u1', name: '甲', unit: '后勤处', quarters: [1, 0, 0, 2], total: 3, quotaPerQuarter: 1, quartersShort: [] },
        { userId: 'u2', name: '乙', unit: '教务处', quarters: [0, 0, 0, 0], total: 0, quotaPerQuarter: 1, quartersShort: [4] },
      ],
      today: '2026-12-03',
    });
    expect(rows.map((r) => r.unit)).toEqual(['后勤处', '教务处', NO_UNIT]);
    expect(rows[0]).toMatchObject({ items: 3, closed: 1, overdue: 1, people: 3, studyMinutes: 240, peopleMeetingStudy: 1, talksThisQuarter: 2, talksOwed: 1 });
    expect(rows[0]!.closeRate).toBeCloseTo(1 / 3);
    expect(rows[1]).toMatchObject({ items: 0, closeRate: null, talksThisQuarter: 0, talksOwed: 1 });
    expect(rows[2]).toMatchObject({ items: 1, overdue: 1 });
  });
});
