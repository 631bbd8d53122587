import { describe, expect, it } from 'vitest';
import { type ColumnContent, columnWidths, displayWidth } from './column-widths';

describe('displayWidth', () => {
  it('counts a Chinese character, a full-width sign or an emoji as two, a Latin letter or digit as one', () => {
    expect(displayWidth('问题')).toBe(4);
    expect(displayWidth('（一）')).toBe(6);
    expect(displayWidth('2026-12-03')).toBe(10);
    expect(displayWidth('淋浴位 40 个')).toBe(12);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

/** 10.5 pt: a half-em is 105 twips; cells lose 160 twips to their margins. */
const widths = (columns: ColumnContent[], total = 12756) => columnWidths(columns, total, 105, 160);

const tasks: ColumnContent[] = [
  { header: '序号', fit: 'fixed', cells: ['1', '2', '3'] },
  { header: '问题描述', fit: 'text', cells: ['浴室高峰期排队时间长', '选课系统高峰期崩溃', '调查研究不够深入，联系师生不够紧密'] },
  {
    header: '整改措施',
    fit: 'text',
    cells: ['浴室增设淋浴位并延长开放时间', '选课系统扩容并按年级错峰开放', '建立领导干部联系班级、走访宿舍制度，每月至少走访一次'],
  },
  { header: '责任人', fit: 'text', cells: ['赵处长', '李老师', ''] },
  { header: '完成时限', fit: 'fixed', cells: ['2026-11-28', '2026-12-23', ''] },
  { header: '整改进展', fit: 'text', cells: ['已与网络信息中心完成服务器扩容方案论证，正在联系供应商进行压力测试，计划下学期选课前上线错峰开放功能', '', ''] },
  { header: '是否销号', fit: 'text', cells: ['是', '否', '否'] },
];

describe('columnWidths', () => {
  it('fills the table exactly, gives dates and names what they need and the sentences the rest', () => {
    const w = widths(tasks);
    expect(w.reduce((a, b) => a + b, 0)).toBe(12756);
    expect(new Set(w).size).toBeGreaterThan(3);
    const [index, problem, measure, person, deadline, progress, closed] = w as [number, number, number, number, number, number, number];
    // A date keeps its ten digits on one line; a name its three characters; 序号 two characters.
    expect(deadline).toBeGreaterThanOrEqual(10 * 105 + 160);
    expect(person).toBeGreaterThanOrEqual(6 * 105 + 160);
    expect(index).toBeGreaterThanOrEqual(4 * 105 + 160);
    // The longest sentences get the widest columns; a yes/no column stays narrow.
    expect(progress).toBeGreaterThan(problem);
    expect(measure).toBeGreaterThan(problem);
    expect(closed).toBeLessThan(problem);
    expect(Math.max(...w)).toBe(progress);
  });

  it('keeps a header on at most two lines in a column of numbers', () => {
    const [, quarter] = widths(
      [
        { header: '姓名', fit: 'text', cells: ['王书记'] },
        { header: '第一季度', fit: 'fixed', cells: ['0', '2'] },
      ],
      8845,
    ) as [number, number];
    expect(quarter).toBeGreaterThanOrEqual(4 * 105 + 160);
  });

  it('takes a header with a line break of its own as wide as its widest line', () => {
    const [, broken] = widths(
      [
        { header: '联系对象', fit: 'text', cells: ['辅导员甲、辅导员乙'] },
        { header: '第一季度\n约谈', fit: 'fixed', cells: ['2'] },
      ],
      8845,
    ) as [number, number];
    const [, whole] = widths(
      [
        { header: '联系对象', fit: 'text', cells: ['辅导员甲、辅导员乙'] },
        { header: '第一季度约谈', fit: 'fixed', cells: ['2'] },
      ],
      8845,
    ) as [number, number];
    expect(broken).toBe(8 * 105 + 160);
    expect(whole).toBe(12 * 105 + 160);
  });

  it('scales the minimums down together when even they do not fit', () => {
    const many = Array.from({ length: 20 }, (_, i): ColumnContent => ({ header: `第${i}列很长的表头`, fit: 'text', cells: ['一二三四五六七八'] }));
    const w = widths(many, 8845);
    expect(w.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(w.every((x) => x > 0)).toBe(true);
  });

  it('lets a URL break rather than take the table: the sentence beside it keeps most of a line', () => {
    const url = `https://oa.example.edu.cn/${'a'.repeat(300)}`;
    const [content, page] = widths(
      [
        { header: '内容', fit: 'text', cells: ['食堂饭菜价格偏高'] },
        { header: '来源页面', fit: 'text', cells: [url] },
      ],
      8845,
    ) as [number, number];
    // The URL asks for 80 half-ems at most, not its 326; the sentence (16) wraps at most once.
    expect(content).toBeGreaterThan(8 * 105 + 160);
    expect(page).toBe(8845 - content);
  });

  it('has nothing to lay out for no columns', () => {
    expect(widths([])).toEqual([]);
  });
});
