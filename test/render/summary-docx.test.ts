/**
 * summary.docx as a 公文 (GB/T 9704-2012): a campaign built through the API, the file downloaded from
 * the app, its WordprocessingML read for the layout it asks for, and one LibreOffice print of it read
 * back for what a reader gets: A4, the 版心, 22 lines of 28 characters, the lists on landscape pages,
 * page numbers at the outer edge, the 落款.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseDate } from '../../server/export/chinese-date';
import { DEFAULT_TIME_ZONE, todayIn } from '../../shared/calendar';
import { isA4, libreOfficeAvailable, type RenderedPdf, renderToPdf } from '../support/libreoffice';
import { inCI } from '../support/paths';
import { startTestServer, type TestServer } from '../support/server';
import { SUMMARY_UNIT, summaryCampaign } from './summary-campaign';

const run = promisify(execFile);
const TITLE = '下基层察民情解民忧暖民心实践活动工作情况汇总';
const HEADINGS = ['一、总体情况', '二、意见建议汇总', '三、问题清单', '四、任务清单', '五、效果清单', '六、学习台账', '七、谈心谈话台账'];
const LISTS = ['三、问题清单', '四、任务清单', '五、效果清单'];
/** Headers of the three lists (layouts/items.ts) that fit on one line of their cell. */
const LIST_HEADERS = ['问题描述', '具体表现', '问题来源', '责任领导', '责任部门', '完成时限', '整改措施', '整改进展', '销号日期', '整改成效', '对应问题'];

/** Millimetres in twips and in PDF points. */
const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const points = (mm: number) => (mm * 72) / 25.4;

let t: TestServer;
let docx: Buffer;
const part: Record<'document' | 'styles' | 'settings' | 'fontTable', string> = { document: '', styles: '', settings: '', fontTable: '' };
const footers: string[] = [];
const today = todayIn(DEFAULT_TIME_ZONE);

beforeAll(async () => {
  t = await startTestServer();
  const campaignId = await summaryCampaign(t);
  const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/summary.docx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  expect(res.status).toBe(200);
  docx = Buffer.from(await res.arrayBuffer());
  const zip = await JSZip.loadAsync(docx);
  for (const name of Object.keys(part) as Array<keyof typeof part>) part[name] = await zip.file(`word/${name}.xml`)!.async('string');
  for (const name of Object.keys(zip.files)
    .filter((n) => /^word\/footer\d+\.xml$/.test(n))
    .sort())
    footers.push(await zip.file(name)!.async('string'));
});
afterAll(() => t?.stop());

/** The text of some WordprocessingML, runs joined. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const attr = (xml: string, element: string, name: string) => new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="([^"]*)"`).exec(xml)?.[1];
const styleXml = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`).exec(part.styles)?.[0] ?? '';
/** The body split at each section's end: a section's w:sectPr closes it (the last one sits in w:body). */
const sections = () =>
  part.document.split(/(<w:sectPr\b.*?<\/w:sectPr>)/).reduce<Array<{ body: string; sectPr: string }>>((acc, piece, i, all) => {
    if (i % 2 === 0 && i + 1 < all.length) acc.push({ body: piece, sectPr: all[i + 1]! });
    return acc;
  }, []);

describe('summary.docx, the file', () => {
  it('is A4 with the 公文 margins, a portrait body around a landscape section holding the three lists', () => {
    const [body, lists, closing, ...more] = sections();
    expect(more).toEqual([]);
    for (const s of [body!, closing!]) {
      expect(s.sectPr).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
      expect(Number(attr(s.sectPr, 'pgMar', 'top'))).toBe(twips(37));
      expect(Number(attr(s.sectPr, 'pgMar', 'bottom'))).toBe(twips(35));
      expect(Number(attr(s.sectPr, 'pgMar', 'left'))).toBe(twips(28));
      expect(Number(attr(s.sectPr, 'pgMar', 'right'))).toBe(twips(26));
      // 22 lines of 28.95 pt; 28 characters of 15.79 pt (16 pt + charSpace/4096 pt).
      expect(s.sectPr).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"\/>/);
    }
    // The landscape page is the portrait one turned: the same 156 × 225 mm 版心.
    expect(lists!.sectPr).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(Number(attr(lists!.sectPr, 'pgMar', 'top'))).toBe(twips(28));
    expect(Number(attr(lists!.sectPr, 'pgMar', 'left'))).toBe(twips(35));
    expect(Number(attr(lists!.sectPr, 'pgMar', 'right'))).toBe(twips(37));
    expect(Number(attr(lists!.sectPr, 'pgMar', 'bottom'))).toBe(twips(26));

    expect(textOf(body!.body)).toContain('一、总体情况');
    expect(textOf(body!.body)).toContain('二、意见建议汇总');
    for (const heading of LISTS) expect(textOf(lists!.body)).toContain(heading);
    expect(textOf(closing!.body)).toContain('六、学习台账');
    expect(textOf(closing!.body)).toContain('七、谈心谈话台账');
  });

  it('sets the title in 二号 方正小标宋简体, the body in 三号 仿宋_GB2312 on exact 28.95 pt lines, 空两格', () => {
    const title = styleXml('Title');
    expect(attr(title, 'rFonts', 'eastAsia')).toBe('方正小标宋简体');
    expect(attr(title, 'sz', 'val')).toBe('44');
    expect(attr(title, 'jc', 'val')).toBe('center');
    const normal = styleXml('Normal');
    expect(attr(normal, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    expect(attr(normal, 'sz', 'val')).toBe('32');
    expect(part.styles).toMatch(/<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"\/>/);
    expect(attr(styleXml('GongwenBody'), 'ind', 'firstLineChars')).toBe('200');
    // The fallback each font names for machines without it.
    expect(part.fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(part.fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');

    expect(part.document).toMatch(new RegExp(`<w:pStyle w:val="Title"/>.*?<w:t[^>]*>${TITLE}</w:t>`));
    const firstBody = /<w:p><w:pPr><w:pStyle w:val="GongwenBody"\/><\/w:pPr><w:r><w:t[^>]*>([^<]*)</.exec(part.document)?.[1];
    expect(firstBody).toMatch(new RegExp(`^截至${chineseDate(today)}，共征集意见建议8条（合并同类后\\d+条）`));
  });

  it('sets headings 一、 in 黑体, （一） in 楷体, and 1. in bold 仿宋', () => {
    expect(attr(styleXml('Heading1'), 'rFonts', 'eastAsia')).toBe('黑体');
    expect(attr(styleXml('Heading2'), 'rFonts', 'eastAsia')).toBe('楷体');
    const runIn = styleXml('RunInHeading');
    expect(attr(runIn, 'rFonts', 'eastAsia')).toBe('仿宋_GB2312');
    expect(runIn).toContain('<w:b/>');
    for (const h of HEADINGS) expect(part.document).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t[^>]*>${h}</w:t>`));
    expect(part.document).toMatch(/<w:pStyle w:val="Heading2"\/><\/w:pPr><w:r><w:t[^>]*>（一）意见建议征集情况<\/w:t>/);
    expect(part.document).toMatch(/<w:rStyle w:val="RunInHeading"\/><\/w:rPr><w:t[^>]*>1\.按类别。<\/w:t>/);
  });

  it('sizes table columns from their content: the table fills the page, its columns are not all equal', () => {
    const tables = [...part.document.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])));
    // 意见建议, the three lists, the study ledger by unit and by person, 集体学习记录, the talk ledger (a 下基层
    // campaign has no counselor-contact 年度汇总表).
    expect(tables).toHaveLength(8);
    for (const widths of tables) expect(new Set(widths).size).toBeGreaterThan(2);
    const [opinions, problems, tasks, effects] = tables as [number[], number[], number[], number[]];
    expect(opinions.reduce((a, b) => a + b)).toBe(11906 - twips(28) - twips(26));
    for (const list of [problems, tasks, effects]) expect(list.reduce((a, b) => a + b)).toBe(16838 - twips(35) - twips(37));
    // In 任务清单 the 整改进展 column (the longest text) is the widest, 序号 the narrowest.
    expect(Math.max(...tasks)).toBe(tasks[8]);
    expect(Math.min(...tasks)).toBe(tasks[0]);
  });

  it('numbers pages with a PAGE field, "— N —" at the outer edge: odd pages right, even pages left', () => {
    expect(part.settings).toContain('<w:evenAndOddHeaders/>');
    const [odd, even] = footers as [string, string];
    expect(footers).toHaveLength(2);
    for (const footer of [odd, even]) {
      expect(footer).toMatch(/<w:t[^>]*>— <\/w:t>.*<w:instrText[^>]*>PAGE<\/w:instrText>.*<w:t[^>]*> —<\/w:t>/);
      expect(footer).toContain('<w:pStyle w:val="Footer"/>');
    }
    expect(attr(odd, 'jc', 'val')).toBe('right');
    expect(attr(even, 'jc', 'val')).toBe('left');
    expect(attr(styleXml('Footer'), 'sz', 'val')).toBe('28');
    expect(part.document).toMatch(/<w:footerReference w:type="default"[^>]*\/><w:footerReference w:type="even"/);
  });

  it('ends with the 落款, right-aligned: the unit, and under it the date in Chinese', () => {
    const signatures = [...part.document.matchAll(/<w:pStyle w:val="Signature"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(signatures).toEqual([SUMMARY_UNIT, chineseDate(today)]);
    expect(attr(styleXml('Signature'), 'jc', 'val')).toBe('right');
    expect(textOf(part.document).endsWith(`${SUMMARY_UNIT}${chineseDate(today)}`)).toBe(true);
  });
});

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Each page's size and words, boxes in points (pdftotext -bbox). */
async function pagesOf(pdf: Buffer): Promise<Page[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bbox-'));
  try {
    const file = path.join(dir, 'summary.pdf');
    writeFileSync(file, pdf);
    const html = (await run('/usr/bin/pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 << 20 })).stdout;
    return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">(.*?)<\/page>/gs)].map((page) => ({
      width: Number(page[1]),
      height: Number(page[2]),
      words: [...page[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: m[5]!,
      })),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Words on one line, joined, keyed by the line's bottom. */
function lines(words: readonly Word[]): Array<{ y: number; x0: number; x1: number; text: string }> {
  const byLine = new Map<number, Word[]>();
  for (const w of words) {
    const key = [...byLine.keys()].find((y) => Math.abs(y - w.y1) < 1) ?? w.y1;
    byLine.set(key, [...(byLine.get(key) ?? []), w]);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([y, ws]) => {
      const sorted = ws.sort((a, b) => a.x0 - b.x0);
      return { y, x0: sorted[0]!.x0, x1: sorted[sorted.length - 1]!.x1, text: sorted.map((w) => w.text).join('') };
    });
}

describe.runIf(libreOfficeAvailable() || inCI)('summary.docx, printed', () => {
  let pdf: RenderedPdf;
  let pages: Page[];
  const flat = (i: number) => pdf.pageTexts[i]!.replace(/\s+/g, '');

  beforeAll(async () => {
    pdf = await renderToPdf(docx, 'docx');
    pages = await pagesOf(pdf.pdf);
  });

  it('prints A4 portrait pages with the three lists on landscape pages between them, in a bounded count', () => {
    expect(pdf.pages).toBeGreaterThanOrEqual(4);
    expect(pdf.pages).toBeLessThanOrEqual(8);
    expect(pages).toHaveLength(pdf.pages);
    for (const page of pages) expect(isA4({ widthPt: page.width, heightPt: page.height })).toBe(true);
    const landscape = pages.map((page) => page.width > page.height);
    for (const h of LISTS) expect(landscape[pdf.pageTexts.findIndex((_, i) => flat(i).includes(h))], h).toBe(true);
    // Portrait, then landscape, then portrait again: one run of landscape pages, neither first nor last.
    expect(landscape.map((l) => (l ? 'L' : 'P')).join('')).toMatch(/^P+L+P+$/);
  });

  it('shows the title, the section headings, the list headers and the 落款 last', () => {
    expect(flat(0)).toContain(TITLE);
    const all = pdf.pageTexts.map((_, i) => flat(i)).join('');
    let at = 0;
    for (const h of HEADINGS) {
      const found = all.indexOf(h, at);
      expect(found, h).toBeGreaterThan(at - 1);
      at = found;
    }
    const lists = pdf.pageTexts.map((_, i) => flat(i)).filter((text) => LISTS.some((h) => text.includes(h)) || text.includes('序号问题描述'));
    for (const header of LIST_HEADERS) expect(lists.join(''), header).toContain(header);
    const last = flat(pdf.pages - 1);
    expect(last.endsWith(`${SUMMARY_UNIT}${chineseDate(today)}—${pdf.pages}—`)).toBe(true);
  });

  it('numbers every page "— N —", odd pages on the right and even pages on the left, one character in', () => {
    pages.forEach((page, i) => {
      const n = i + 1;
      const footer = lines(page.words).at(-1)!;
      expect(footer.text).toBe(`—${n}—`);
      const [left, right] = page.width > page.height ? [points(35), points(37)] : [points(28), points(26)];
      // 四号 is 14 pt: the number stands one character in from the 版心's outer edge.
      if (n % 2 === 1) expect(Math.abs(page.width - right - 14 - footer.x1), `page ${n}`).toBeLessThan(3);
      else expect(Math.abs(left + 14 - footer.x0), `page ${n}`).toBeLessThan(3);
    });
  });

  it('holds 22 lines of 28.95 pt to a full portrait page and 28 characters to a line', () => {
    const top = points(37);
    const bottom = 841.89 - points(35);
    const page1 = lines(pages[0]!.words).slice(0, -1);
    // Body lines fall on the 28.95 pt pitch; the last line of the (full) first page is the 22nd of the 版心.
    const body = page1.filter((l) => l.y > top + 3 * 28.95);
    for (const line of body) {
      const pitches = (line.y - body[0]!.y) / 28.95;
      expect(Math.abs(pitches - Math.round(pitches)), line.text).toBeLessThan(0.02);
    }
    const last = page1.at(-1)!;
    expect(last.y).toBeLessThan(bottom);
    expect(Math.floor((last.y - top) / 28.95)).toBe(21);
    // A line of plain Chinese: 2 characters of indent and 26 characters run from the left to the right edge of the 版心.
    const intro = pages.flatMap((page) => lines(page.words)).find((l) => l.text.startsWith('同一意见多人反映的合并为一条'))!;
    expect([...intro.text]).toHaveLength(26);
    const cell = (595.3 - points(28) - points(26)) / 28;
    expect(Math.abs(intro.x0 - (points(28) + 2 * cell))).toBeLessThan(1.5);
    expect(Math.abs(intro.x1 - (595.3 - points(26)))).toBeLessThan(1.5);
  });
});
