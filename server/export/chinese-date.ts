/** Dates as a 公文 writes them in its 落款: 2026-12-03 → 二〇二六年十二月三日 (GB/T 9704-2012 7.3.5: 年份写全，月日不编虚位). */

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..31 in words: 十, 十二, 二十, 三十一. */
function count(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units === 0 ? '' : DIGITS[units]}`;
}

/** `YYYY-MM-DD` in Chinese characters; anything else is returned unchanged. */
export function chineseDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [month, date] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || date < 1 || date > 31) return day;
  const year = [...m[1]!].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${count(month)}月${count(date)}日`;
}
