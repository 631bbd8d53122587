/**
 * The answer's groups as bytes (grouping-job.ts): one JSON per line, decoded back exactly, whatever the text holds.
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { type GroupingAnswer, groupLines, postAnswer } from './grouping-job';

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

describe('postAnswer', () => {
  it('hands the groups’ bytes over rather than copying them: the sender keeps an empty view', async () => {
    const { port1, port2 } = new MessageChannel();
    const bytes = encode(['{"id":"auto-1","recordIds":["r1","r2"]}', '{"id":"auto-2","recordIds":["r3"]}']);
    const size = bytes.byteLength;
    const received = new Promise<GroupingAnswer>((resolve) => port2.once('message', resolve));
    postAnswer(port1, { id: 7, groups: bytes, suggestionsJson: '[]' });
    expect(bytes.byteLength).toBe(0);
    const answer = await received;
    expect(answer.groups!.byteLength).toBe(size);
    expect([...groupLines(answer.groups!)].map((l) => JSON.parse(l).id)).toEqual(['auto-1', 'auto-2']);
    port1.close();
  });

  it('sends an answer without groups (an error) with nothing to hand over', async () => {
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<GroupingAnswer>((resolve) => port2.once('message', resolve));
    postAnswer(port1, { id: 8, error: '分组失败' });
    expect(await received).toEqual({ id: 8, error: '分组失败' });
    port1.close();
  });
});
