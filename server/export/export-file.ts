/**
 * The export files (◆ `<list>.<xlsx|csv>`, `workbook.xlsx`, `summary.docx`) made from one campaign's
 * view; shared by the API route and the console's download buttons.
 */
import { ApiError } from '../http/errors';
import type { CampaignView } from '../reports/campaign-queries';
import { summaryDocx } from './docx-summary';
import { headingFor, type ExportHeading } from './layouts/heading';
import { effectsSheet, problemsSheet, tasksSheet, type ItemExportContext } from './layouts/items';
import { counselorContactSheet, studySheet, studyUnitSheet, talksSheet } from './layouts/ledgers';
import { opinionsSheet } from './layouts/opinions';
import { DOCX_TYPE, bufferResponse, csvResponse, xlsxResponse } from './respond';
import type { Sheet } from './sheet';

export const EXPORT_LISTS = ['opinions', 'problems', 'tasks', 'effects', 'study', 'talks'] as const;
type ExportList = (typeof EXPORT_LISTS)[number];

const LABELS: Record<ExportList, string> = {
  opinions: '意见建议汇总表',
  problems: '问题清单',
  tasks: '任务清单',
  effects: '效果清单',
  study: '学习台账',
  talks: '谈心谈话台账',
};

/** The sheets of one export; the view loads each source once however many sheets use it. */
class ExportSheets {
  readonly heading: ExportHeading;
  constructor(private readonly view: CampaignView) {
    this.heading = headingFor(view.campaign, view.now, view.timeZone);
  }

  private async itemContext(): Promise<ItemExportContext> {
    const [items, users, opinions] = await Promise.all([this.view.items(), this.view.users(), this.view.opinions()]);
    return {
      heading: this.heading,
      byId: new Map(items.map((i) => [i.id, i])),
      names: new Map(users.map((u) => [u.id, u.name])),
      opinions: new Map(opinions.map((o) => [o.id, o.content])),
    };
  }

  async of(list: ExportList): Promise<Sheet[]> {
    switch (list) {
      case 'opinions':
        return [opinionsSheet(this.heading, await this.view.opinions())];
      case 'problems':
      case 'tasks':
      case 'effects': {
        const ctx = await this.itemContext();
        const kind = list === 'problems' ? 'problem' : list === 'tasks' ? 'task' : 'effect';
        const items = (await this.view.items()).filter((i) => i.list === kind);
        return [(list === 'problems' ? problemsSheet : list === 'tasks' ? tasksSheet : effectsSheet)(ctx, items)];
      }
      case 'study': {
        const ledger = await this.view.studyLedger();
        return [studySheet(this.heading, ledger), studyUnitSheet(this.heading, ledger)];
      }
      case 'talks': {
        const { year, talks, counselorContact } = await this.view.talks();
        return [talksSheet(this.heading, year, talks), counselorContactSheet(this.heading, year, counselorContact)];
      }
    }
  }
}

const FILE = /^([a-z]+)\.(xlsx|csv)$/;

/** The export named `file` as a response; 404 with the names that exist for anything else. */
export async function exportFile(view: CampaignView, file: string): Promise<Response> {
  const sheets = new ExportSheets(view);
  const title = view.campaign.title;
  if (file === 'summary.docx') {
    const lists = [...(await sheets.of('problems')), ...(await sheets.of('tasks')), ...(await sheets.of('effects'))];
    const [figures, opinions, study, talks] = await Promise.all([view.figures(), view.opinions(), view.studyLedger(), view.talks()]);
    const data = await summaryDocx({ heading: sheets.heading, figures, opinions, lists, study, talks });
    return bufferResponse(data, DOCX_TYPE, file, `${title}-工作情况汇总.docx`);
  }
  if (file === 'workbook.xlsx') {
    const all: Sheet[] = [];
    for (const list of EXPORT_LISTS) all.push(...(await sheets.of(list)));
    return xlsxResponse(all, file, `${title}-台账汇总.xlsx`);
  }
  const m = FILE.exec(file);
  const list = m?.[1] as ExportList | undefined;
  if (!m || !list || !EXPORT_LISTS.includes(list)) {
    throw new ApiError(
      404,
      'not_found',
      `没有这个导出文件：${file}。可导出 ${EXPORT_LISTS.join('、')} 的 .xlsx 或 .csv，以及 workbook.xlsx 和 summary.docx`,
      'file',
    );
  }
  const label = `${title}-${LABELS[list]}.${m[2]}`;
  const listSheets = await sheets.of(list);
  // A csv holds one table: the list's main sheet (per person for study, the talk ledger for talks).
  return m[2] === 'xlsx' ? xlsxResponse(listSheets, file, label) : csvResponse(listSheets[0]!, file, label);
}
