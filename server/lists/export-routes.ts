/**
 * `GET /campaigns/:id/export/<list>.<format>` (◆), `workbook.xlsx` (every list, one sheet each) and
 * `summary.docx`: admins only; xlsx and csv are streamed.
 */
import { Hono } from 'hono';
import { campaignForCaller, requireAdmin, type AppEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { summaryDocx } from '../export/docx-summary';
import { headingFor, type ExportHeading } from '../export/layouts/heading';
import { effectsSheet, problemsSheet, tasksSheet, type ItemExportContext } from '../export/layouts/items';
import { counselorContactSheet, studySheet, studyUnitSheet, talksSheet } from '../export/layouts/ledgers';
import { opinionsSheet } from '../export/layouts/opinions';
import { DOCX_TYPE, bufferResponse, csvResponse, xlsxResponse } from '../export/respond';
import type { Sheet } from '../export/sheet';
import { summaryFigures } from '../ledger/figures';
import { studyLedgerFromTotals } from '../ledger/study-ledger';
import type { DayTotalsIndex } from '../ledger/day-totals';
import { counselorContactSummary, talkLedger } from '../ledger/talk-ledger';
import type { CampaignDoc, ItemDoc, Store } from '../store/store';
import { todayIn } from '../../shared/calendar';
import type { OpinionGrouper } from './opinion-grouper';

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

/** Everything the sheets are made from, loaded once per export. */
class ExportSource {
  private constructor(
    readonly heading: ExportHeading,
    private readonly store: Store,
    private readonly grouper: OpinionGrouper,
    private readonly dayTotals: DayTotalsIndex,
    private readonly campaign: CampaignDoc,
    private readonly today: string,
  ) {}

  static create(store: Store, services: ExportServices, campaign: CampaignDoc, now: Date) {
    return new ExportSource(headingFor(campaign, now, services.timeZone), store, services.grouper, services.dayTotals, campaign, todayIn(services.timeZone, now));
  }

  private cachedItems?: Promise<ItemDoc[]>;
  items() {
    this.cachedItems ??= this.store.find('items', { campaignId: this.campaign.id }).then((all) => all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)));
    return this.cachedItems;
  }

  opinions() {
    return this.grouper.items(this.store, this.campaign.id);
  }

  async records() {
    return this.store.find('records', { campaignId: this.campaign.id });
  }

  async itemContext(): Promise<ItemExportContext> {
    const [items, users, opinions] = await Promise.all([this.items(), this.store.find('users'), this.opinions()]);
    return {
      heading: this.heading,
      byId: new Map(items.map((i) => [i.id, i])),
      names: new Map(users.map((u) => [u.id, u.name])),
      opinions: new Map(opinions.map((o) => [o.id, o.content])),
    };
  }

  async sheets(list: ExportList): Promise<Sheet[]> {
    const year = Number(this.today.slice(0, 4));
    switch (list) {
      case 'opinions':
        return [opinionsSheet(this.heading, await this.opinions())];
      case 'problems':
      case 'tasks':
      case 'effects': {
        const ctx = await this.itemContext();
        const kind = list === 'problems' ? 'problem' : list === 'tasks' ? 'task' : 'effect';
        const items = (await this.items()).filter((i) => i.list === kind);
        return [(list === 'problems' ? problemsSheet : list === 'tasks' ? tasksSheet : effectsSheet)(ctx, items)];
      }
      case 'study': {
        const ledger = studyLedgerFromTotals(this.campaign, await this.store.find('users'), await this.dayTotals.ofCampaign(this.campaign.id));
        return [studySheet(this.heading, ledger), studyUnitSheet(this.heading, ledger)];
      }
      case 'talks': {
        const [users, records] = await Promise.all([this.store.find('users'), this.records()]);
        return [talksSheet(this.heading, year, talkLedger(this.campaign, users, records, year, this.today)), counselorContactSheet(this.heading, year, counselorContactSummary(this.campaign, users, records, year))];
      }
    }
  }

  async figures() {
    const [records, items, opinions] = await Promise.all([this.records(), this.items(), this.opinions()]);
    return summaryFigures(records, items, opinions, {}, this.today);
  }
}

const FILE = /^([a-z]+)\.(xlsx|csv)$/;

/** The export named `file` as a response; shared by the API and the console's download buttons. */
/** What an export reads besides the store, built once per app. */
export interface ExportServices {
  grouper: OpinionGrouper;
  dayTotals: DayTotalsIndex;
  /** TZ_NAME: the zone 填报日期, 销号时间 and "this year" are read in. */
  timeZone: string;
}

export async function exportFile(store: Store, services: ExportServices, campaign: CampaignDoc, file: string, now: Date): Promise<Response> {
  const source = ExportSource.create(store, services, campaign, now);
  if (file === 'summary.docx') {
    const sheets = [...(await source.sheets('problems')), ...(await source.sheets('tasks')), ...(await source.sheets('effects'))];
    const data = await summaryDocx(source.heading, await source.figures(), sheets);
    return bufferResponse(data, DOCX_TYPE, file, `${campaign.title}-工作情况汇总.docx`);
  }
  if (file === 'workbook.xlsx') {
    const sheets: Sheet[] = [];
    for (const list of EXPORT_LISTS) sheets.push(...(await source.sheets(list)));
    return xlsxResponse(sheets, file, `${campaign.title}-台账汇总.xlsx`);
  }
  const m = FILE.exec(file);
  const list = m?.[1] as ExportList | undefined;
  if (!m || !list || !EXPORT_LISTS.includes(list)) {
    throw new ApiError(404, 'not_found', `没有这个导出文件：${file}。可导出 ${EXPORT_LISTS.join('、')} 的 .xlsx 或 .csv，以及 workbook.xlsx 和 summary.docx`, 'file');
  }
  const sheets = await source.sheets(list);
  const label = `${campaign.title}-${LABELS[list]}.${m[2]}`;
  // A csv holds one table: the list's main sheet (per person for study, the talk ledger for talks).
  return m[2] === 'xlsx' ? xlsxResponse(sheets, file, label) : csvResponse(sheets[0]!, file, label);
}

export const exportRoutes = new Hono<AppEnv>().get('/campaigns/:id/export/:file', requireAdmin, async (c) => {
  const campaign = await campaignForCaller(c, c.req.param('id'));
  return exportFile(c.get('store'), { grouper: c.get('grouper'), dayTotals: c.get('dayTotals'), timeZone: c.get('timeZone') }, campaign, c.req.param('file'), new Date(c.get('now')()));
});
