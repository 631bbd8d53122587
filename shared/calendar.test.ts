import { describe, expect, it } from 'vitest';
import { addDays, dateTimeOf, dayOf, isKnownTimeZone, todayIn } from './calendar';
import { isDueSoon, isOverdue, statusLabel } from './model/item-status';

describe('the deployment clock', () => {
  it('reads one instant as the day and time of the zone', () => {
    const instant = new Date('2026-12-31T16:30:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2027-01-01');
    expect(todayIn('UTC', instant)).toBe('2026-12-31');
    expect(dayOf('2026-12-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2027-01-01');
    expect(dateTimeOf('2026-12-31T16:30:05Z', 'Asia/Shanghai')).toBe('2027-01-01 00:30:05');
    expect(dateTimeOf('2026-06-30T23:00:00Z', 'Europe/London')).toBe('2026-07-01 00:00:00');
  });

  it('says nothing for no date or a date it cannot read, rather than "Invalid Date"', () => {
    expect(dayOf(null, 'Asia/Shanghai')).toBe('');
    expect(dayOf('yesterday', 'Asia/Shanghai')).toBe('');
    expect(dateTimeOf(undefined, 'Asia/Shanghai')).toBe('');
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Asia/Beijing')).toBe(false);
  });

  it('adds days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('one reading of overdue and due soon', () => {
  const today = '2026-12-03';
  it('only open work can be overdue or due soon', () => {
    expect(isOverdue({ status: 'in_progress', deadline: '2026-12-02' }, today)).toBe(true);
    expect(isOverdue({ status: 'done', deadline: '2026-12-02' }, today)).toBe(false);
    expect(isOverdue({ status: 'open', deadline: today }, today)).toBe(false);
    expect(isDueSoon({ status: 'open', deadline: '2026-12-10' }, today)).toBe(true);
    expect(isDueSoon({ status: 'open', deadline: '2026-12-11' }, today)).toBe(false);
    expect(isDueSoon({ status: 'closed', deadline: today }, today)).toBe(false);
    expect(isDueSoon({ status: 'open', deadline: null }, today)).toBe(false);
  });

  it('labels statuses with the words of the ledgers, and shows an unknown one as it is', () => {
    expect(['open', 'in_progress', 'done', 'closed'].map(statusLabel)).toEqual(['未开始', '整改中', '已完成待销号', '已销号']);
    expect(statusLabel('paused')).toBe('paused');
    expect(statusLabel('toString')).toBe('toString');
  });
});
