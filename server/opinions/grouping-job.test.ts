/**
 * The answer's groups as bytes (grouping-job.ts): one JSON per line, decoded back exactly, whatever the text holds.
 */
import { describe, expect, it } from 'vitest';
import { groupLines } from './grouping-job';

const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

describe('groupLines', () => {
  it('gives back each group’s JSON in order, with Chinese, escapes and newlines inside strings', () => {
    const groups = [
      { id: 'auto-1', title: '食堂饭菜太贵', recordIds: ['r1', 'r2'] },
      { id: 'auto-2', title: '换行\n和"引号"\\ 与 emoji 😀', recordIds: ['r3'] },
      { id: 'auto-3', title: '', recordIds: [] },
    ];
    const lines = [...groupLines(encode(groups.map((g) => JSON.stringify(g))))];
    expect(lines.map((l) => JSON.parse(l))).toEqual(groups);
  });

  it('gives nothing for an empty grouping and ignores a trailing newline', () => {
    expect([...groupLines(new Uint8Array(0))]).toEqual([]);
    expect([...groupLines(new TextEncoder().encode('{"a":1}\n'))]).toEqual(['{"a":1}']);
  });

  it('reads a view into a larger buffer (as a transferred message may arrive) from its own start', () => {
    const inner = encode(['{"a":"甲"}', '{"b":"乙"}']);
    const buffer = new Uint8Array(inner.length + 8);
    buffer.set(new TextEncoder().encode('xx\nyy\n'), 0);
    buffer.set(inner, 6);
    const view = buffer.subarray(6, 6 + inner.length);
    expect([...groupLines(view)]).toEqual(['{"a":"甲"}', '{"b":"乙"}']);
  });
});
