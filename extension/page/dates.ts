/**
 * Dates as OA pages print them (2013-11-05 09:30, 2013年11月5日, 2013/11/5, 2013.11.05, and the 落款's
 * 二〇一三年十一月五日) → YYYY-MM-DD.
 */
const DATE_RE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
/**
 * Each Chinese digit's value. Nought is 〇 or 零, and where the page's charset lacks 〇 (GB2312) or the
 * typist reached for what looks alike: ○ (a circle), a letter O, a zero, full-width or not.
 */
const DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, O: 0, Ｏ: 0, '0': 0, '０': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_DATE_RE = /([〇零○OＯ0０一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

/** A day with the year in two digits, as the whole value: 26-04-16, 26/4/16. */
const SHORT_YEAR_RE = /^\s*(\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;

/** A year is written digit by digit (二〇二二). */
const chineseYear = (text: string) => Number([...text].map((c) => DIGIT[c]).join(''));

/** A month or a day counts with 十: 六, 十, 十二, 二十六, 三十一. */
function chineseCount(text: string): number {
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens ? DIGIT[tens]! : 1) * 10 : 0) + (ones ? DIGIT[ones]! : 0);
}

/**
 * A field's value as a date: any form normalizeDate reads, or the eight digits a catalogue or archive
 * writes (20260612) when they are the whole value, where nothing else could be meant.
 */
export function fieldDate(value: string | null | undefined): string | null {
  const compact = value ? /^\s*((?:19|20)\d{2})(\d{2})(\d{2})\s*$/.exec(value) : null;
  return compact ? normalizeDate(`${compact[1]}-${compact[2]}-${compact[3]}`) : normalizeDate(value);
}

export function normalizeDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const numeric = DATE_RE.exec(text);
  const written = numeric ? null : CN_DATE_RE.exec(text);
  // A site that writes the year in two digits (日期：26-04-16) means this century.
  const short = numeric || written ? null : SHORT_YEAR_RE.exec(text);
  const m =
    numeric ??
    (written ? [written[0], String(chineseYear(written[1]!)), String(chineseCount(written[2]!)), String(chineseCount(written[3]!))] : null) ??
    (short ? [short[0], `20${short[1]}`, short[2]!, short[3]!] : null);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
