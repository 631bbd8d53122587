/**
 * The export files (◆ `<list>.<xlsx|csv>`, `workbook.xlsx`, `summary.docx`) made from one campaign's
 * view; shared by the API route and the console's download buttons.
 */
import { ApiError } from '../http/errors';
import type { CampaignView } from '../reports/campaign-queries';
import { summaryDocx } from './docx-summary';
import { headingFor, type ExportHeading } from './layouts/heading';
import { effectsSheet, problemsSheet, tasksSheet, type ItemExportContext } from './layouts/items';
import { counselorContactSheet, studySessionsSheet, studySheet, studyUnitSheet, talksSheet } from './layouts/ledgers';
import { opinionsSheet } from './layouts/opinions';
import { STATUS_GROUPS, groupFilter, parseStatusFilter, type StatusFilter } from './layouts/status-split';
import { DOCX_TYPE, bufferResponse, csvResponse, xlsxResponse } from './respond';
import { materialized, type Sheet } from './sheet';

export const EXPORT_LISTS = ['opinions', 'problems', 'tasks', 'effects', 'study', 'study-sessions', 'talks'] as const;
type ExportList = (typeof EXPORT_LISTS)[number];

const LABELS: Record<ExportList, string> = {
  opinions: '意见建议汇总表',
  problems: '问题清单',
  tasks: '任务清单',
  effects: '效果清单',
  study: '学习台账',
  'study-sessions': '集体学习记录',
  talks: '谈心谈话台账',
};

/**
 * The sheets of one export; the view loads each source once however many sheets use it. The lists of
 * items stream: a sheet's rows are read from the store (`Store.scan`) as the file is written, each
 * sheet reading anew, so only the items' titles and sources (`itemRefs`) are held, not their texts.
 */
class ExportSheets {
  readonly heading: ExportHeading;
  constructor(private readonly view: CampaignView) {
    this.heading = headingFor(view.campaign, view.now, view.timeZone);
  }

  private async itemContext(list: 'problems' | 'tasks' | 'effects'): Promise<ItemExportContext> {
    const [byId, users, evidenceFiles] = await Promise.all([this.view.itemRefs(), this.view.users(), this.view.evidenceNames()]);
    // 问题来源 quotes the merged opinions a problem came from: only then is the grouping (which reads every
    // opinion of the campaign) needed; the 任务清单 and 效果清单 never name opinions.
    const fromOpinions = list === 'problems' && [...byId.values()].some((i) => i.list === 'problem' && i.sourceItemIds.length > 0);
    const opinions = fromOpinions ? await this.view.opinions() : [];
    return {
      heading: this.heading,
      byId,
      names: new Map(users.map((u) => [u.id, u.name])),
      opinions: new Map(opinions.map((o) => [o.id, o.content])),
      evidenceFiles,
    };
  }

  /**
   * The list's sheets: the whole list first; for problems and tasks then one sheet per report group
   * (新增 / 推进落实中 / 已办结销号). With a status filter, only the part it selects.
   */
  async of(list: ExportList, filter?: StatusFilter): Promise<Sheet[]> {
    switch (list) {
      case 'opinions':
        return [opinionsSheet(this.heading, await this.view.opinions())];
      case 'problems':
      case 'tasks':
      case 'effects': {
        const ctx = await this.itemContext(list);
        const kind = list === 'problems' ? 'problem' : list === 'tasks' ? 'task' : 'effect';
        // An effect whose task's 销号 was taken back (撤销销号) is not in the 效果清单 until the task is closed again.
        // A new read per sheet, started when the writer reaches that sheet.
        const items = () => this.view.itemsOf(kind, (i) => kind !== 'effect' || i.status === 'closed');
        const sheet = list === 'problems' ? problemsSheet : list === 'tasks' ? tasksSheet : effectsSheet;
        if (filter) return [sheet(ctx, items(), filter)];
        // Every 效果清单 entry is already 销号: splitting it would repeat it.
        if (list === 'effects') return [sheet(ctx, items())];
        return [sheet(ctx, items()), ...STATUS_GROUPS.map((g) => sheet(ctx, items(), groupFilter(g)))];
      }
      case 'study': {
        const [ledger, sessions] = await Promise.all([this.view.studyLedger(), this.view.studySessions()]);
        return [studySheet(this.heading, ledger), studyUnitSheet(this.heading, ledger), studySessionsSheet(this.heading, sessions)];
      }
      case 'study-sessions':
        return [studySessionsSheet(this.heading, await this.view.studySessions())];
      case 'talks': {
        const { year, talks, counselorContact } = await this.view.talks();
        // The 年度汇总表 only where the campaign is the counselor-contact one (ledger/talk-ledger.ts).
        return [talksSheet(this.heading, year, talks), ...(counselorContact.length ? [counselorContactSheet(this.heading, year, counselorContact)] : [])];
      }
    }
  }
}

const FILE = /^([a-z-]+)\.(xlsx|csv)$/;
const FILTERABLE: readonly ExportList[] = ['problems', 'tasks', 'effects'];

export interface ExportQuery {
  /** Report groups or item statuses, comma-separated (layouts/status-split.ts); lists of items only. */
  status?: string;
}

/** The export named `file` as a response; 404 with the names that exist for anything else. */
export async function exportFile(view: CampaignView, file: string, query: ExportQuery = {}): Promise<Response> {
  const sheets = new ExportSheets(view);
  const title = view.campaign.title;
  if (query.status !== undefined && !FILE.test(file)) throw new ApiError(400, 'invalid', `${file} 不能按状态导出；请导出某一张清单`, 'status');
  if (file === 'summary.docx') {
    // The report prints each list once, whole; its status is a column. A .docx is made whole in memory
    // (the docx package packs one document), so the lists are read into arrays here.
    const lists = await Promise.all(
      [...(await sheets.of('problems')).slice(0, 1), ...(await sheets.of('tasks')).slice(0, 1), ...(await sheets.of('effects'))].map(materialized),
    );
    const [figures, opinions, study, sessions, talks] = await Promise.all([
      view.figures(),
      view.opinions(),
      view.studyLedger(),
      view.studySessions(),
      view.talks(),
    ]);
    const data = await summaryDocx({ heading: sheets.heading, figures, opinions, lists, study, sessions, talks });
    return bufferResponse(data, DOCX_TYPE, file, `${title}-工作情况汇总.docx`);
  }
  if (file === 'workbook.xlsx') {
    // Each list's sheets are made when the writer reaches them, so one list's data is loaded at a time.
    async function* all(): AsyncGenerator<Sheet> {
      // study.xlsx already holds the 集体学习记录 sheet.
      for (const list of EXPORT_LISTS) if (list !== 'study-sessions') yield* await sheets.of(list);
    }
    return xlsxResponse(all(), file, `${title}-台账汇总.xlsx`);
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
  let filter: StatusFilter | undefined;
  if (query.status !== undefined) {
    if (!FILTERABLE.includes(list)) throw new ApiError(400, 'invalid', '只有问题清单、任务清单和效果清单可以按状态导出', 'status');
    filter = parseStatusFilter(query.status);
  }
  const label = `${title}-${filter ? `${filter.title}${LABELS[list]}` : LABELS[list]}.${m[2]}`;
  const listSheets = await sheets.of(list, filter);
  // A csv holds one table: the list's main sheet (per person for study, the talk ledger for talks).
  return m[2] === 'xlsx' ? xlsxResponse(listSheets, file, label) : csvResponse(listSheets[0]!, file, label);
}
