/**
 * The xlsx exports as files: what Excel or WPS reads when an official opens one to print it. Every
 * list (and the workbook of all of them) from a campaign with fifty long tasks; the render project
 * checks the same files on paper (test/render/xlsx-print.test.ts).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_PT, MARGINS, wrappedLines } from '../../server/export/xlsx-layout';
import { DATE_FORMAT, PAGE_FOOTER } from '../../server/export/xlsx-writer';
import { EXPORT_LIST_FILES, seedExportCampaign } from '../support/export-campaign';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
const books = new Map<string, ExcelJS.Workbook>();

beforeAll(async () => {
  t = await startTestServer();
  const campaign = await seedExportCampaign(t, { tasks: 50 });
  for (const file of [...EXPORT_LIST_FILES.map((l) => `${l}.xlsx`), 'workbook.xlsx']) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await campaign.download(file)) as never);
    books.set(file, wb);
  }
});
afterAll(() => t?.stop());

/** Every sheet of every export, named for the messages. */
const sheets = () => [...books].flatMap(([file, wb]) => wb.worksheets.map((ws) => ({ name: `${file} ${ws.name}`, ws })));

const HEADER = 3;
const columnsOf = (ws: ExcelJS.Worksheet) => ws.getRow(HEADER).cellCount;
/** The table's body: from under the header to the row above 制表人 / 审核人. */
const bodyRows = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - HEADER - 1 }, (_, i) => ws.getRow(HEADER + 1 + i));
const text = (cell: ExcelJS.Cell) => (cell.value instanceof Date ? '2026-01-01' : cell.value === null ? '' : String(cell.value));

describe('xlsx exports, page setup', () => {
  it('prints every sheet on A4, one page wide, landscape when it has more than six columns, the header row on every page', () => {
    // Per list: opinions 1, problems and tasks 4 (whole, 新增, 推进中, 已销号), effects 1, study 3 (with
    // 集体学习记录), study-sessions 1, talks 1 (a 下基层 campaign has no 年度汇总表); the workbook all of
    // them but study-sessions (study holds it).
    expect(sheets()).toHaveLength(15 + 14);
    for (const { name, ws } of sheets()) {
      const setup = ws.pageSetup;
      expect(setup.paperSize, name).toBe(9);
      expect(setup.orientation, name).toBe(columnsOf(ws) > 6 ? 'landscape' : 'portrait');
      expect(setup, name).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER}:${HEADER}` });
      expect(setup.margins, name).toEqual(MARGINS);
      expect(ws.headerFooter.oddFooter, name).toBe(PAGE_FOOTER);
      expect(PAGE_FOOTER).toContain('第 &P 页 共 &N 页');
      expect(ws.views[0], name).toMatchObject({ state: 'frozen', ySplit: HEADER, topLeftCell: `A${HEADER + 1}` });
    }
    const orientations = Object.fromEntries(sheets().map(({ name, ws }) => [name, ws.pageSetup.orientation]));
    expect(orientations['effects.xlsx 效果清单']).toBe('portrait');
    expect(orientations['tasks.xlsx 任务清单']).toBe('landscape');
  });
});

describe('xlsx exports, the table', () => {
  it('titles the sheet in one merged, centred, bold 宋体 row over the table, then 填报单位 / 填报日期', () => {
    for (const { name, ws } of sheets()) {
      const title = ws.getCell(1, 1);
      expect(String(title.value), name).toMatch(/^下基层察民情解民忧暖民心 /);
      expect(ws.getCell(1, columnsOf(ws)).isMerged, name).toBe(true);
      expect(ws.getCell(1, columnsOf(ws)).master.address, name).toBe('A1');
      expect(title.alignment, name).toMatchObject({ horizontal: 'center', vertical: 'middle' });
      expect(title.font, name).toMatchObject({ name: '宋体', bold: true });
      expect(title.font.size, name).toBeGreaterThanOrEqual(16);
      expect(title.font.size, name).toBeLessThanOrEqual(18);
      expect(String(ws.getCell(2, 1).value), name).toMatch(/^填报单位：化学学院党委\s+填报日期：\d{4}-\d{2}-\d{2}$/);
      expect(ws.getCell(2, columnsOf(ws)).master.address, name).toBe('A2');
    }
  });

  it('sets the header bold on grey, every table cell in 宋体 11 pt with thin borders and wrapped text', () => {
    for (const { name, ws } of sheets()) {
      const header = ws.getRow(HEADER);
      expect(header.getCell(1).value, name).toBe('序号');
      for (let c = 1; c <= columnsOf(ws); c++) {
        const cell = header.getCell(c);
        expect(cell.font, `${name} ${cell.address}`).toMatchObject({ name: '宋体', size: 11, bold: true });
        expect(cell.fill, `${name} ${cell.address}`).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
      }
      const rows = bodyRows(ws);
      // A status part may be empty (no problem is 推进中 yet); every whole list has rows.
      if (!/-(新增|推进中|已销号)$/.test(ws.name)) expect(rows.length, name).toBeGreaterThan(0);
      for (const row of [header, ...rows])
        for (let c = 1; c <= columnsOf(ws); c++) {
          const cell = row.getCell(c);
          for (const side of ['top', 'left', 'bottom', 'right'] as const) expect(cell.border?.[side]?.style, `${name} ${cell.address} ${side}`).toBe('thin');
          expect(cell.alignment?.wrapText, `${name} ${cell.address}`).toBe(true);
          expect(cell.font?.name, `${name} ${cell.address}`).toBe('宋体');
          expect(cell.font?.size, `${name} ${cell.address}`).toBe(11);
        }
    }
  });

  it('makes every row tall enough for its longest wrapped cell, and every header line fit its column', () => {
    for (const { name, ws } of sheets()) {
      const widths = Array.from({ length: columnsOf(ws) }, (_, i) => ws.getColumn(i + 1).width!);
      for (const row of [ws.getRow(HEADER), ...bodyRows(ws)]) {
        const lines = Math.max(...widths.map((w, i) => wrappedLines(text(row.getCell(i + 1)), w)));
        expect(row.height, `${name} row ${row.number}`).toBeGreaterThanOrEqual(Math.min(409, lines * LINE_PT));
      }
      ws.getRow(HEADER).eachCell((cell, c) => {
        for (const line of text(cell).split('\n')) expect(wrappedLines(line, widths[c - 1]!), `${name} ${line}`).toBe(1);
      });
    }
    // The long task rows really wrap: the heights are not all one line.
    const tasks = books.get('tasks.xlsx')!.worksheets[0]!;
    expect(Math.min(...bodyRows(tasks).map((r) => r.height))).toBeGreaterThan(3 * LINE_PT);
  });

  it('writes dates as dates shown yyyy-mm-dd', () => {
    const tasks = books.get('tasks.xlsx')!.worksheets[0]!;
    const deadline = 8; // 序号, 问题描述, 整改措施, 整改目标, 责任领导, 责任部门, 责任人, 完成时限
    expect(tasks.getRow(HEADER).getCell(deadline).value).toBe('完成时限');
    const rows = bodyRows(tasks);
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(row.getCell(deadline).value, `row ${row.number}`).toBeInstanceOf(Date);
      expect(row.getCell(deadline).numFmt).toBe(DATE_FORMAT);
    }
    expect(DATE_FORMAT).toBe('yyyy-mm-dd');
    const closedOn = rows.map((r) => r.getCell(12)).filter((c) => c.value !== null);
    expect(closedOn.length).toBeGreaterThan(0);
    for (const cell of closedOn) expect(cell.value).toBeInstanceOf(Date);
  });

  it('splits problems and tasks by status into 新增, 推进落实中 and 已办结销号, each row in exactly one part', () => {
    for (const file of ['problems.xlsx', 'tasks.xlsx']) {
      const [whole, ...parts] = books.get(file)!.worksheets;
      expect(parts.map((ws) => String(ws.getCell(1, 1).value).split(' ').pop())).toEqual(
        file === 'tasks.xlsx' ? ['新增任务清单', '推进落实中任务清单', '已办结销号任务清单'] : ['新增问题清单', '推进落实中问题清单', '已办结销号问题清单'],
      );
      const status = (ws: ExcelJS.Worksheet) => {
        const col = (ws.getRow(HEADER).values as unknown[]).indexOf('完成情况');
        return bodyRows(ws).map((r) => String(r.getCell(col).value));
      };
      expect(parts.flatMap(status).sort(), file).toEqual(status(whole!).sort());
      expect(new Set(status(parts[0]!)), file).toEqual(new Set(status(parts[0]!).length ? ['未开始'] : []));
      for (const s of status(parts[1]!)) expect(['整改中', '已完成待销号'], file).toContain(s);
      for (const s of status(parts[2]!)) expect(s, file).toBe('已销号');
    }
    expect(bodyRows(books.get('tasks.xlsx')!.worksheets[3]!).length).toBeGreaterThan(0);
  });

  it('lists each collective study session once, with its place, content, attendees and recorders', () => {
    const ws = books.get('study-sessions.xlsx')!.worksheets[0]!;
    expect((ws.getRow(HEADER).values as unknown[]).slice(1)).toEqual(['序号', '时间', '地点', '学习主题', '主要内容', '参加人员', '记录人']);
    const rows = bodyRows(ws).map((r) => (r.values as unknown[]).slice(1));
    // One 集中学习 all twelve attended, three 专题党课; 自学 is no session.
    expect(rows).toHaveLength(4);
    const plenary = rows.find((r) => r[3] === '《论群众路线——重要论述摘编》')!;
    expect(plenary[2]).toBe('行政楼第一会议室');
    expect(String(plenary[4])).toMatch(/^传达学习上级关于开展实践活动的部署要求/);
    const attendees = String(plenary[5]).split('、');
    expect(attendees).toHaveLength(13);
    expect(attendees).toContain('特邀：离退休教职工代表张老师');
    expect(String(plenary[6]).split('、')).toHaveLength(12);
    // The same sheet sits in study.xlsx beside the per-person ledger.
    expect(books.get('study.xlsx')!.worksheets.map((w) => w.name)).toEqual(['学习台账', '学习台账（按单位）', '集体学习记录']);
  });

  it('leaves 制表人 and 审核人 with blanks to sign under the table', () => {
    for (const { name, ws } of sheets()) {
      const sign = ws.getRow(ws.rowCount);
      const words = (sign.values as unknown[]).filter(Boolean).map(String).join(' ');
      expect(words, name).toMatch(/制表人：_{6,}.*审核人：_{6,}/);
      expect(sign.getCell(1).border?.top, name).toBeUndefined();
    }
  });
});
