/** summary.docx: the report upward — the summary figures in words and a table, then each list as a table. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { SummaryFigures } from '../ledger/figures';
import type { ExportHeading } from './layouts/heading';
import { exportableText, safeCell, safeText, type CellValue } from './safe-cell';
import type { Sheet } from './sheet';

const text = (v: CellValue): string => {
  const s = safeCell(v);
  return s === null ? '' : s instanceof Date ? s.toISOString().slice(0, 10) : String(s);
};

function table(header: readonly string[], rows: Iterable<readonly CellValue[]>): Table {
  const row = (cells: readonly CellValue[], bold = false) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: text(c), bold })] })] })),
    });
  const body: TableRow[] = [];
  for (const r of rows) body.push(row(r));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...body] });
}

/** The seeds' sentence, e.g. "共征集意见建议35条（合并后28条），查摆问题31条，制定整改措施40条，已销号12条". */
export function figuresSentence(f: SummaryFigures): string {
  return `共征集意见建议${f.opinions.records}条（合并同类后${f.opinions.distinct}条），查摆问题${f.problems.total}条，制定整改措施${f.tasks.total}条，已销号${f.tasks.closed}条，形成整改成效${f.effects.total}项；开展学习${f.study.sessions}次，累计${f.study.hours}小时，撰写心得体会${f.study.reflections}篇；开展谈心谈话${f.talks.total}次。`;
}

export async function summaryDocx(heading: ExportHeading, figures: SummaryFigures, sheets: readonly Sheet[]): Promise<Buffer> {
  const range = figures.range.from || figures.range.to ? `统计区间：${figures.range.from ?? '开始'} 至 ${figures.range.to ?? '今'}` : '统计区间：全部';
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(safeText(`${heading.campaignTitle} 工作情况汇总`))] }),
    new Paragraph({ children: [new TextRun(safeText(`填报单位：${heading.unit || '（未填写）'}    填报日期：${heading.date}    ${range}`))] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('一、总体情况')] }),
    new Paragraph({ children: [new TextRun(safeText(figuresSentence(figures)))] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('意见建议按类别')] }),
    table(
      ['类别', '条数'],
      figures.opinions.byCategory.map((c) => [c.key, c.count]),
    ),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('意见建议按渠道')] }),
    table(
      ['渠道', '条数'],
      figures.opinions.byChannel.map((c) => [c.key, c.count]),
    ),
  ];
  const numerals = ['二', '三', '四', '五', '六', '七', '八', '九'];
  sheets.forEach((sheet, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${numerals[i] ?? i + 2}、${sheet.name}`)] }));
    let n = 0;
    const rows = (function* () {
      for (const r of sheet.rows) yield [++n, ...r];
    })();
    children.push(table(['序号', ...sheet.columns.map((c) => c.header)], rows));
  });
  const doc = new Document({ creator: '台账', title: exportableText(`${heading.campaignTitle} 工作情况汇总`), sections: [{ children }] });
  return Packer.toBuffer(doc);
}
