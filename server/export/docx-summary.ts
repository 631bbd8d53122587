/**
 * summary.docx: the work summary the campaign office sends upward, typeset as a 公文 (gongwen.ts).
 * 一、总体情况 puts the figures in words; then the merged opinions with how many records each
 * gathers, the three lists on landscape pages, the study and talk ledgers, and the 落款.
 */
import { Document, Packer, type Paragraph, type Table } from 'docx';
import type { Count, SummaryFigures } from '../ledger/figures';
import type { StudyLedger } from '../ledger/study-ledger';
import type { StudySessionRow } from '../ledger/study-sessions';
import type { CounselorContactRow, TalkRow } from '../ledger/talk-ledger';
import type { OpinionItem } from '../opinions/opinion-items';
import { chineseDate } from './chinese-date';
import { docxTable, type TableColumn } from './docx-table';
import { blankLine, body, fontTableXml, gongwenSection, heading1, heading2, runIn, signature, stylesXml, TEXT_WIDTH, title } from './gongwen';
import type { ExportHeading } from './layouts/heading';
import { counselorContactSheet, studySessionsSheet, studySheet, studyUnitSheet, talksSheet } from './layouts/ledgers';
import { exportableText, safeText, type CellValue } from './safe-cell';
import type { SyncSheet } from './sheet';

/** The seeds' sentence, e.g. "共征集意见建议35条（合并后28条），查摆问题31条，制定整改措施40条，已销号12条". */
export function figuresSentence(f: SummaryFigures): string {
  return `共征集意见建议${f.opinions.records}条（合并同类后${f.opinions.distinct}条），查摆问题${f.problems.total}条，制定整改措施${f.tasks.total}条，已销号${f.tasks.closed}条，形成整改成效${f.effects.total}项；开展学习${f.study.sessions}次，累计${f.study.hours}小时，撰写心得体会${f.study.reflections}篇；开展谈心谈话${f.talks.total}次。`;
}

export interface SummaryInput {
  heading: ExportHeading;
  figures: SummaryFigures;
  /** The 意见建议汇总表: merged opinions with the records each gathers. */
  opinions: readonly OpinionItem[];
  /** 问题清单, 任务清单, 效果清单 (layouts/items.ts). */
  lists: readonly SyncSheet[];
  study: StudyLedger;
  /** 集体学习记录, one row per session. */
  sessions: readonly StudySessionRow[];
  talks: { year: number; talks: readonly TalkRow[]; counselorContact: readonly CounselorContactRow[] };
}

type Block = Paragraph | Table;

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const SUB_NUMERALS = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'];

/** Headings numbered in order of appearance: 一、二、… and, under each, （一）（二）…. */
class Numbering {
  private top = 0;
  private sub = 0;
  h1(text: string): Paragraph {
    this.sub = 0;
    return heading1(`${NUMERALS[this.top++] ?? this.top}、${text}`);
  }
  h2(text: string): Paragraph {
    return heading2(`${SUB_NUMERALS[this.sub++] ?? `（${this.sub}）`}${text}`);
  }
}

/** User text in a paragraph (not a table cell): made safe, and on one line. */
const inline = (s: string) => safeText(s).replace(/\s*[\r\n]+\s*/g, ' ');

const counted = (counts: readonly Count[], unit = '条') => (counts.length ? counts.map((c) => `${inline(c.key)}${c.count}${unit}`).join('、') : '无');

/** A sheet as a table, or 暂无 when it has no rows; `drop` leaves columns out (detail the workbook keeps). */
function sheetTable(sheet: SyncSheet, width: number, drop: readonly string[] = []): Block[] {
  const keep = sheet.columns.map((c, i) => (drop.includes(c.header) ? -1 : i)).filter((i) => i >= 0);
  const rows: CellValue[][] = [];
  for (const r of sheet.rows) rows.push(keep.map((i) => r[i]));
  if (rows.length === 0) return [body('暂无。')];
  return [
    docxTable(
      keep.map((i) => sheet.columns[i]!),
      rows,
      width,
    ),
  ];
}

function overview(n: Numbering, input: SummaryInput): Block[] {
  const { figures: f, study, talks } = input;
  const t = f.tasks;
  const met = study.people.filter((p) => p.metQuota).length;
  const quota = talks.talks.find((r) => r.quotaPerQuarter !== null)?.quotaPerQuarter ?? null;
  const short = talks.talks.filter((r) => r.quartersShort.length > 0).length;
  return [
    n.h1('总体情况'),
    body(`截至${chineseDate(input.heading.date)}，${figuresSentence(f)}`),
    n.h2('意见建议征集情况'),
    runIn('1.按类别。', `${counted(f.opinions.byCategory)}。`),
    runIn('2.按渠道。', `${counted(f.opinions.byChannel)}。`),
    runIn('3.按反映人群。', `${counted(f.opinions.byFromGroup)}。`),
    n.h2('问题整改情况'),
    body(
      `查摆问题${f.problems.total}条，其中来自意见建议${f.problems.fromOpinions}条、自我查摆${f.problems.fromSelfExamination}条，已销号${f.problems.closed}条。` +
        `制定整改措施${t.total}条，已销号${t.closed}条、已完成待销号${t.done}条、推进中${t.inProgress}条、未开始${t.open}条${t.overdue ? `，其中逾期未完成${t.overdue}条` : ''}；形成整改成效${f.effects.total}项。`,
    ),
    n.h2('学习教育情况'),
    body(
      `${f.study.people}人参加学习${f.study.sessions}次，累计${f.study.hours}小时；撰写心得体会${f.study.reflections}篇，共${f.study.reflectionChars}字。` +
        `${study.people.length}名成员中${met}人达到学习要求。`,
    ),
    n.h2('谈心谈话情况'),
    body(`开展谈心谈话${f.talks.total}次。${quota === null ? '' : `按每季度${quota}次的要求，${talks.talks.length}名成员中${short}人有季度未达到。`}`),
  ];
}

function opinionsSection(n: Numbering, opinions: readonly OpinionItem[], width: number): Block[] {
  const ranked = [...opinions].sort((a, b) => b.recordIds.length - a.recordIds.length || a.firstHeardOn.localeCompare(b.firstHeardOn));
  const columns: TableColumn[] = [
    { header: '意见建议', kind: 'text' },
    { header: '类别', kind: 'text' },
    { header: '反映人群', kind: 'text' },
    { header: '渠道', kind: 'text' },
    { header: '反映次数', kind: 'number' },
  ];
  const rows = ranked.map((o) => [o.content, o.category, o.fromGroups.join('、'), o.channels.join('、'), o.recordIds.length]);
  return [
    n.h1('意见建议汇总'),
    ...(rows.length
      ? [body('同一意见多人反映的合并为一条，下表按反映次数从多到少排列；反映次数是合并在该条下的意见记录条数。'), docxTable(columns, rows, width)]
      : [body('暂无。')]),
  ];
}

function listSections(n: Numbering, lists: ReadonlyArray<SyncSheet & { rows: CellValue[][] }>, width: number): Block[] {
  return lists.flatMap((sheet) => [n.h1(sheet.name), ...(sheet.rows.length ? [body(`共${sheet.rows.length}条。`)] : []), ...sheetTable(sheet, width)]);
}

function ledgerSections(n: Numbering, input: SummaryInput, width: number): Block[] {
  const { heading, study, sessions, talks } = input;
  const blocks: Block[] = [
    n.h1('学习台账'),
    n.h2('按单位汇总'),
    ...sheetTable(studyUnitSheet(heading, study), width),
    n.h2('个人学习情况'),
    ...sheetTable(studySheet(heading, study), width, ['各阶段完成情况']),
    ...(sessions.length ? [n.h2('集体学习记录'), body(`开展集体学习${sessions.length}次。`), ...sheetTable(studySessionsSheet(heading, sessions), width)] : []),
    n.h1('谈心谈话台账'),
    n.h2(`${talks.year}年谈心谈话情况`),
    ...sheetTable(talksSheet(heading, talks.year, talks.talks), width),
  ];
  if (talks.counselorContact.length) {
    blocks.push(n.h2(`${talks.year}年联系辅导员情况`), ...sheetTable(counselorContactSheet(heading, talks.year, talks.counselorContact), width));
  }
  return blocks;
}

export async function summaryDocx(input: SummaryInput): Promise<Buffer> {
  const { heading } = input;
  const name = `${heading.campaignTitle}工作情况汇总`;
  const n = new Numbering();
  const opening = [title(inline(name)), blankLine(), ...overview(n, input), ...opinionsSection(n, input.opinions, TEXT_WIDTH.portrait)];
  // A sheet's rows may be a one-pass generator: read each list once.
  const sheets = input.lists.map((s) => ({ ...s, rows: [...s.rows] }));
  // The lists need a landscape page's width; when all three are empty they stay on the portrait pages.
  const wide = sheets.some((s) => s.rows.length > 0);
  const lists = listSections(n, sheets, wide ? TEXT_WIDTH.landscape : TEXT_WIDTH.portrait);
  const closing = [...ledgerSections(n, input, TEXT_WIDTH.portrait), ...signature(inline(heading.unit), chineseDate(heading.date))];
  const sections = wide
    ? [gongwenSection('portrait', opening, true), gongwenSection('landscape', lists), gongwenSection('portrait', closing)]
    : [gongwenSection('portrait', [...opening, ...lists, ...closing], true)];
  const doc = new Document({
    creator: '台账',
    title: exportableText(name),
    evenAndOddHeaderAndFooters: true,
    sections,
  });
  return Packer.toBuffer(doc, false, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
}
