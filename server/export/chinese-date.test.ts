import { describe, expect, it } from 'vitest';
import { chineseDate } from './chinese-date';

describe('chineseDate', () => {
  it.each([
    ['2026-12-03', '二〇二六年十二月三日'],
    ['2024-10-20', '二〇二四年十月二十日'],
    ['2025-01-31', '二〇二五年一月三十一日'],
    ['2030-11-10', '二〇三〇年十一月十日'],
    ['2019-02-15', '二〇一九年二月十五日'],
  ])('writes %s as %s (the year digit by digit, month and day counted)', (day, words) => {
    expect(chineseDate(day)).toBe(words);
  });

  it('leaves anything that is not a date as it is', () => {
    expect(chineseDate('')).toBe('');
    expect(chineseDate('2026-13-01')).toBe('2026-13-01');
    expect(chineseDate('明天')).toBe('明天');
  });
});
