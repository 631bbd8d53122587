/** 意见建议汇总表: one row per grouped opinion, with how often and where it was heard. */
import type { OpinionItem } from '../../opinions/opinion-items';
import type { SyncSheet } from '../sheet';
import { sheetHeading, type ExportHeading } from './heading';

export function opinionsSheet(heading: ExportHeading, items: readonly OpinionItem[]): SyncSheet {
  return {
    ...sheetHeading(heading, '意见建议汇总表'),
    columns: [
      { header: '内容', width: 50, kind: 'text' },
      { header: '类别', width: 12, kind: 'text' },
      { header: '反映人群', width: 14, kind: 'text' },
      { header: '渠道', width: 14, kind: 'text' },
      { header: '日期', width: 12, kind: 'date' },
      { header: '来源页面', width: 40, kind: 'text' },
      { header: '反映次数', width: 10, kind: 'number' },
    ],
    rows: (function* () {
      for (const item of items) {
        const pages = [...new Set(item.sources.flatMap((s) => (s.page ? [s.page.title ? `${s.page.title} ${s.page.url}` : s.page.url] : [])))];
        yield [item.content, item.category, item.fromGroups.join('、'), item.channels.join('、'), item.firstHeardOn, pages.join('\n'), item.mentions];
      }
    })(),
  };
}
