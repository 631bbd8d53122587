/**
 * The one clock people read. Every date and time a person sees (console, sidebar, badge, exports,
 * audit log) is in the deployment's time zone — `TZ_NAME` on the server, Asia/Shanghai by default —
 * while storage stays UTC ISO. "Today" decides what is overdue, so both sides must take it from here:
 * a UTC "today" is a day behind in China from 00:00 to 08:00.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether `zone` is an IANA zone this runtime knows (a misspelt TZ_NAME must stop the start, not shift dates). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

function wallClock(at: Date, zone: string): { day: string; time: string } {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(zone).formatToParts(at)) p[part.type] = part.value;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** Today (YYYY-MM-DD) in `zone`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return wallClock(now, zone).day;
}

/** The calendar day (YYYY-MM-DD) in `zone` of a stored UTC instant; '' for none or an unreadable one. */
export function dayOf(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : wallClock(at, zone).day;
}

/** `YYYY-MM-DD HH:mm:ss` in `zone` of a stored UTC instant, for logs and tables people read. */
export function dateTimeOf(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const { day, time } = wallClock(at, zone);
  return `${day} ${time}`;
}

/** `day` (YYYY-MM-DD) plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
