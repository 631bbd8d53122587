/** Searching and summarising my records for the list. Pure. */
import type { LocalRecord } from '../sync/local-store';

const TEXT_FIELDS = ['content', 'topic', 'reflection', 'counterpart', 'topics', 'followUp', 'category', 'fromGroup', 'channel', 'mode'];

export function recordSummary(fields: Record<string, unknown>): string {
  const text = String(fields.content ?? fields.topic ?? fields.topics ?? '');
  const who = fields.kind === 'talk' ? `与${String(fields.counterpart ?? '')}：` : '';
  const s = who + text;
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** Every whitespace-separated term must appear in the record's text or its page's title/quote. */
export function searchRecords(records: LocalRecord[], query: string): LocalRecord[] {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return records;
  return records.filter((r) => {
    const page = (r.fields.page ?? {}) as { title?: string; quote?: string; docNumber?: string };
    const hay = [...TEXT_FIELDS.map((f) => r.fields[f]), page.title, page.quote, page.docNumber]
      .filter((v) => typeof v === 'string')
      .join('\n')
      .toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}
