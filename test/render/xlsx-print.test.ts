/**
 * Every list's xlsx export on paper: LibreOffice prints each file to PDF and the pages are read back.
 * What an official needs from a printed ledger: A4 in the right orientation, all columns on every
 * page (never a page of 序号 and 问题描述 only), the header row repeated, every line of every row
 * (a row too low for its text is cut off in print), the title, 制表人 / 审核人 and the page numbers.
 * Six renders (one per list) in about 40 s.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_COLUMNS } from '../../server/export/layouts/items';
import { MARGINS } from '../../server/export/xlsx-layout';
import { type ExportCampaign, seedExportCampaign } from '../support/export-campaign';
import { isA4, libreOfficeAvailable, renderToPdf } from '../support/libreoffice';
import { inCI } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';

const run = promisify(execFile);

interface PrintedPage {
  landscape: boolean;
  a4: boolean;
  /** The page's text with all white space taken out, in content order (pdftotext -raw): a wrapped cell reads as one string. */
  text: string;
}

/** Each page's size and text. */
async function pagesOf(pdf: Buffer): Promise<PrintedPage[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-pages-'));
  try {
    const file = path.join(dir, 'export.pdf');
    writeFileSync(file, pdf);
    const info = (await run('/usr/bin/pdfinfo', ['-f', '1', '-l', '9999', file])).stdout;
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ widthPt: Number(m[1]), heightPt: Number(m[2]) }));
    const texts = (await run('/usr/bin/pdftotext', ['-raw', file, '-'], { maxBuffer: 64 << 20 })).stdout.split('\f');
    return sizes.map((size, i) => ({ landscape: size.widthPt > size.heightPt, a4: isA4(size), text: (texts[i] ?? '').replace(/\s+/g, '') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface SheetInfo {
  name: string;
  title: string;
  /** The header row as printed, a header broken over two lines read as one. */
  headers: string[];
  landscape: boolean;
  rowHeights: number[];
  columnWidths: number[];
}

async function sheetsOf(xlsx: Buffer): Promise<SheetInfo[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  return wb.worksheets.map((ws) => {
    const headers = (ws.getRow(3).values as unknown[]).slice(1).map((v) => String(v).replace(/\s+/g, ''));
    return {
      name: ws.name,
      title: String(ws.getCell('A1').value).replace(/\s+/g, ''),
      headers,
      landscape: ws.pageSetup.orientation === 'landscape',
      rowHeights: Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1).height ?? 15),
      columnWidths: headers.map((_, i) => ws.getColumn(i + 1).width ?? 8),
    };
  });
}

/**
 * Which sheet each page prints: pages go through the sheets in order, and a page belongs to the
 * sheet whose every header it shows — so a page with only some of the columns fails here.
 */
function pagesBySheet(sheets: SheetInfo[], pages: PrintedPage[]): PrintedPage[][] {
  const bySheet: PrintedPage[][] = sheets.map(() => []);
  let s = 0;
  pages.forEach((page, i) => {
    const shows = (sheet: SheetInfo | undefined) => sheet?.headers.every((h) => page.text.includes(h)) === true;
    if (!shows(sheets[s]) || (bySheet[s]!.length > 0 && shows(sheets[s + 1]) && page.text.includes(sheets[s + 1]!.title))) s++;
    expect(shows(sheets[s]), `page ${i + 1} shows every header of ${sheets[s]?.name ?? 'no sheet'}: ${page.text.slice(0, 200)}`).toBe(true);
    bySheet[s]!.push(page);
  });
  return bySheet;
}

function expectOfficialPages(sheets: SheetInfo[], pages: PrintedPage[], file: string) {
  const bySheet = pagesBySheet(sheets, pages);
  sheets.forEach((sheet, s) => {
    const mine = bySheet[s]!;
    expect(mine.length, `${file} ${sheet.name} has pages`).toBeGreaterThan(0);
    for (const page of mine) {
      expect(page.a4, `${file} ${sheet.name} A4`).toBe(true);
      expect(page.landscape, `${file} ${sheet.name} orientation`).toBe(sheet.landscape);
      // The last column's header on every page: the page is as wide as the table.
      expect(page.text, `${file} ${sheet.name}`).toContain(sheet.headers.at(-1)!);
    }
    expect(mine[0]!.text, `${file} ${sheet.name} title`).toContain(sheet.title);
    expect(mine[0]!.text, `${file} ${sheet.name}`).toMatch(/填报单位：化学学院党委填报日期：\d{4}-\d{2}-\d{2}/);
    expect(mine.at(-1)!.text, `${file} ${sheet.name} sign-off`).toMatch(/制表人：_+审核人：_+/);
  });
  // LibreOffice numbers the pages of the whole file.
  pages.forEach((page, i) => expect(page.text, `${file} page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`));
}

/**
 * Pages Excel needs for a sheet at its fit-to-width scale, from the row heights in the file: the
 * page holds (A4 height − margins) / scale of the sheet, the header row repeats on each page after
 * the first, and a row is never split.
 */
function pagesAtFitToWidth(sheet: SheetInfo): number {
  const [across, down] = sheet.landscape ? [11.69, 8.27] : [8.27, 11.69];
  // Excel column widths are 7 px of 96 to the inch.
  const pageWidth = ((across - MARGINS.left - MARGINS.right) * 96) / 7;
  const scale = Math.min(1, pageWidth / sheet.columnWidths.reduce((a, b) => a + b, 0));
  const room = ((down - MARGINS.top - MARGINS.bottom) * 72) / scale;
  const [title, unit, header, ...rest] = sheet.rowHeights;
  let pages = 1;
  let used = title! + unit! + header!;
  for (const h of rest) {
    if (used + h > room) {
      pages++;
      used = header!;
    }
    used += h;
  }
  return pages;
}

describe.runIf(libreOfficeAvailable() || inCI)('xlsx exports printed', () => {
  let t: TestServer;
  let campaign: ExportCampaign;
  beforeAll(async () => {
    t = await startTestServer();
    campaign = await seedExportCampaign(t, { tasks: 50 });
  });
  afterAll(() => t?.stop());

  it('prints the 任务清单 of fifty long tasks on A4 landscape, every column and the header on every page, every line of every task, within the pages its rows need', async () => {
    const xlsx = await campaign.download('tasks.xlsx');
    // The whole list, then its parts by status (新增, 推进中, 已销号), each printed the same way.
    const sheets = await sheetsOf(xlsx);
    const sheet = sheets[0];
    const pdf = await renderToPdf(xlsx, 'xlsx');
    const pages = await pagesOf(pdf.pdf);
    expect(pages).toHaveLength(pdf.pages);
    expectOfficialPages(sheets, pages, 'tasks.xlsx');
    const wholePages = pagesBySheet(sheets, pages)[0]!;
    // The columns the 任务清单 layout declares (its order is pinned by test/server/lists-lifecycle.test.ts), all on paper.
    expect(sheet!.headers).toEqual(['序号', ...TASK_COLUMNS.map((c) => c.header)]);

    // No row lost or cut short: each task's whole 整改措施 (two or three lines of it) is on the paper.
    const all = wholePages.map((p) => p.text).join('');
    for (const title of campaign.taskTitles) expect(all, title).toContain(title.replace(/\s+/g, ''));

    // The bound: no more pages than Excel needs for these row heights at the fit-to-width scale: 11
    // here (rows of up to six 16.5 pt lines, 105 pt; the table prints at 88 % so a landscape page holds
    // 547 pt of it, the header and four or five rows). More would mean the table no longer fits one
    // page wide or its rows are taller than their text. LibreOffice measures the default font wider,
    // so it scales the page down further and needs fewer (8 here). At least three: fit-to-height is
    // off, so the rows are not shrunk onto one illegible page.
    const bound = pagesAtFitToWidth(sheet!);
    expect(bound).toBeLessThanOrEqual(12);
    expect(wholePages.length).toBeLessThanOrEqual(bound);
    expect(wholePages.length).toBeGreaterThanOrEqual(3);
    expect(pdf.pages).toBeLessThanOrEqual(sheets.reduce((n, s) => n + pagesAtFitToWidth(s), 0));
  });

  it('prints every other list the same way: A4, landscape above six columns, all columns and the header on every page, title and 制表人 / 审核人', async () => {
    for (const list of ['opinions', 'problems', 'effects', 'study', 'study-sessions', 'talks']) {
      const xlsx = await campaign.download(`${list}.xlsx`);
      const sheets = await sheetsOf(xlsx);
      const pdf = await renderToPdf(xlsx, 'xlsx');
      expectOfficialPages(sheets, await pagesOf(pdf.pdf), `${list}.xlsx`);
      // One page wide, and no more pages than the sheets' rows need.
      expect(pdf.pages, list).toBeLessThanOrEqual(sheets.reduce((n, s) => n + pagesAtFitToWidth(s), 0));
    }
  });
});
