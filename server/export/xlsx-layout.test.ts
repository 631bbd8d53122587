import { describe, expect, it } from 'vitest';
import { displayWidth } from './column-widths';
import type { Column } from './sheet';
import { TASK_COLUMNS } from './layouts/items';
import {
  LINE_PT,
  MAX_ROW_PT,
  MIN_PRINT_SCALE,
  orientationOf,
  pageWidthUnits,
  planColumns,
  rowHeight,
  titleHeight,
  UNITS_PER_HALF_EM,
  wrappedLines,
} from './xlsx-layout';

/** A column `chars` Chinese characters wide (as the layout measures: two half-ems each, plus the cell's padding). */
const widthFor = (chars: number) => chars * 2 * UNITS_PER_HALF_EM + 2;

describe('wrappedLines', () => {
  it('counts a Chinese character as two half-ems and breaks after any of them', () => {
    expect(wrappedLines('', widthFor(10))).toBe(1);
    expect(wrappedLines('一二三四五六七八九十', widthFor(10))).toBe(1);
    expect(wrappedLines('一二三四五六七八九十一', widthFor(10))).toBe(2);
    expect(wrappedLines('一'.repeat(95), widthFor(10))).toBe(10);
    // Twenty Latin letters or digits take the room of ten Chinese characters.
    expect(wrappedLines('2026-12-03 2026-12', widthFor(10))).toBe(1);
  });

  it('starts each paragraph on a new line', () => {
    expect(wrappedLines('第一段\n第二段\r\n第三段', widthFor(10))).toBe(3);
    expect(wrappedLines(`${'一'.repeat(15)}\n二`, widthFor(10))).toBe(3);
  });

  it('moves a Latin word that does not fit to the next line, and breaks one longer than a line', () => {
    // "淋浴位 40 个" style: ten characters, then a word that would straddle the edge.
    expect(wrappedLines(`${'一'.repeat(9)} abcdef`, widthFor(10))).toBe(2);
    const url = 'https://oa.example.edu.cn/seeyon/collaboration/collaboration.do?method=summary&affairId=-4563728190';
    expect(wrappedLines(url, widthFor(10))).toBe(Math.ceil(url.length / 20));
    expect(wrappedLines(`关于开展活动的通知 ${url}`, widthFor(10))).toBe(1 + Math.ceil(url.length / 20));
  });
});

describe('rowHeight', () => {
  const widths = [widthFor(3), widthFor(10), widthFor(6)];
  it('is one line for a row that does not wrap, and grows with the tallest cell', () => {
    const one = rowHeight(['1', '宿舍热水供应时间短', '后勤处'], widths);
    const four = rowHeight(['2', '一'.repeat(35), '后勤处'], widths);
    expect(one).toBeGreaterThanOrEqual(15);
    expect(one).toBeLessThan(25);
    expect(four - one).toBe(3 * LINE_PT);
  });

  it('stops at the tallest row Excel allows', () => {
    expect(rowHeight(['1', '长'.repeat(5000), ''], widths)).toBe(MAX_ROW_PT);
  });
});

describe('titleHeight', () => {
  it('keeps a title that fits on one line, and wraps a long campaign name over the table rather than run off it', () => {
    const table = widthFor(40);
    const one = titleHeight('下基层察民情解民忧暖民心 任务清单', table);
    const long = titleHeight('学习贯彻习近平新时代中国特色社会主义思想主题教育 意见建议汇总表', table);
    expect(long).toBeGreaterThan(one * 1.4);
  });
});

describe('orientationOf', () => {
  it('prints up to six columns (序号 included) upright and more on landscape pages', () => {
    expect(orientationOf(6)).toBe('portrait');
    expect(orientationOf(7)).toBe('landscape');
  });
});

/** 任务清单's columns (the real layout's) with fifty rows of the length real ledgers carry. */
const taskColumns = TASK_COLUMNS;
const taskRows = Array.from({ length: 50 }, (_, i) => [
  String(i + 1),
  '浴室高峰期排队时间长，开放时间与学生作息不匹配',
  '增设淋浴位40个，将浴室开放时间延长至23:00，并在高峰时段实行分时段预约，通过校园公众号实时公布排队人数',
  '高峰期排队不超过10分钟，开放时间覆盖晚自习和实验结束后',
  '张副校长',
  '后勤管理处、资产管理处',
  '赵处长',
  '2026-07-01',
  '已完成设备采购招标，施工单位已进场，预计下月底完成安装调试；分时段预约功能已上线试运行',
  i % 2 ? '整改中' : '已销号',
  i % 2 ? '否' : '是',
  i % 2 ? '' : '2026-12-03',
]);
const sum = (ws: readonly { width: number }[]) => ws.reduce((s, w) => s + w.width, 0);

describe('planColumns', () => {
  it('fits 任务清单 on a landscape page at 80 % or more, sentences wrapped at six characters a line or more', () => {
    const plan = planColumns(taskColumns, taskRows, 'landscape');
    expect(plan).toHaveLength(12);
    expect(sum(plan)).toBeLessThanOrEqual(pageWidthUnits('landscape') / MIN_PRINT_SCALE + 0.5);
    for (const i of [1, 2, 3, 5, 8]) {
      expect(plan[i]!.horizontal).toBe('left');
      expect(plan[i]!.width).toBeGreaterThanOrEqual(widthFor(6) - 0.1);
    }
  });

  it('keeps every header on its line and never wraps a date, a count or a short label', () => {
    const plan = planColumns(taskColumns, taskRows, 'landscape');
    const headers = ['序号', ...taskColumns.map((c) => c.header)];
    headers.forEach((h, i) => expect(wrappedLines(h, plan[i]!.width), h).toBe(1));
    for (const i of [0, 4, 6, 7, 9, 10, 11]) {
      expect(plan[i]!.horizontal).toBe('center');
      for (const row of taskRows) expect(wrappedLines(row[i]!, plan[i]!.width), `${headers[i]} ${row[i]}`).toBe(1);
    }
  });

  it('breaks a header only where the layout says, and sizes its column by the longer line', () => {
    const [, count] = planColumns([{ header: '第一季度约谈', printHeader: '第一季度\n约谈', width: 12, kind: 'number' }], [['1', '3']], 'portrait');
    expect(count!.width).toBeCloseTo(displayWidth('第一季度') * UNITS_PER_HALF_EM + 2, 5);
  });

  it('gives a short table the page: the columns of sentences grow towards their longest value', () => {
    const columns: Column[] = [
      { header: '内容', width: 20, kind: 'text' },
      { header: '日期', width: 12, kind: 'date' },
    ];
    const rows = [['1', '图书馆自习座位不够，期末考试周一座难求，有人长期占座却不来学习，希望增加座位并整治占座', '2026-06-01']];
    const plan = planColumns(columns, rows, 'portrait');
    expect(sum(plan)).toBeCloseTo(pageWidthUnits('portrait'), 0);
    expect(wrappedLines(rows[0]![1]!, plan[1]!.width)).toBeLessThanOrEqual(2);
  });

  it('sizes columns from the headers alone when the list is empty', () => {
    const plan = planColumns(taskColumns, [], 'landscape');
    expect(plan.every((p) => p.width > 0)).toBe(true);
    ['序号', ...taskColumns.map((c) => c.header)].forEach((h, i) => expect(wrappedLines(h, plan[i]!.width)).toBe(1));
  });
});
