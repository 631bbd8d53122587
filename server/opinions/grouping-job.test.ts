/**
 * What goes between the main thread and a worker as bytes (grouping-job.ts): the answer's groups, one JSON per line,
 * and the job's opinions, decoded back exactly whatever the text holds, and handed over rather than copied.
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { type GroupingAnswer, type GroupingJob, GroupingCache, groupingAnswer, groupLines, opinionPart, postAnswer, postJob } from './grouping-job';

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

describe('postJob', () => {
  const opinion = (id: string, content: string) => JSON.stringify({ id, content, category: '后勤', order: id });
  const job = (opinionParts: Uint8Array[]): GroupingJob => ({
    id: 3,
    campaignId: 'k1',
    records: 3,
    opinionParts,
    decisionsJson: JSON.stringify({ decisions: [], verdicts: [], shared: [] }),
  });

  it('hands the opinions’ bytes over rather than copying them: the sender keeps empty views, the worker groups them', async () => {
    const parts = [
      opinionPart([opinion('r1', '食堂饭菜太贵，"学生"吃不起\n😀'), opinion('r2', '食堂饭菜价格太贵')]),
      opinionPart([]),
      opinionPart([opinion('r3', '图书馆座位不够')]),
    ];
    const sizes = parts.map((p) => p.byteLength);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<GroupingJob>((resolve) => port2.once('message', resolve));
    postJob(port1, job(parts));
    expect(parts.map((p) => p.byteLength)).toEqual([0, 0, 0]);
    const arrived = await received;
    expect(arrived.opinionParts.map((p) => p.byteLength)).toEqual(sizes);
    const answer = groupingAnswer(arrived, new GroupingCache());
    const groups = [...groupLines(answer.groups)].map((l) => JSON.parse(l) as { recordIds: string[] });
    expect(groups.flatMap((g) => g.recordIds).sort()).toEqual(['r1', 'r2', 'r3']);
    port1.close();
  });

  it('refuses to post a job twice (its bytes went with the first: a second message would never arrive)', async () => {
    const parts = [opinionPart([opinion('r1', '食堂饭菜太贵'), opinion('r2', '图书馆座位不够')]), opinionPart([opinion('r3', '校车班次太少')])];
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<GroupingJob>((resolve) => port2.once('message', resolve));
    const sent = job(parts);
    postJob(port1, sent);
    expect(() => postJob(port1, { ...sent, id: 4 })).toThrow('分组任务已交给分组线程，不能再次发送');
    expect(groupingAnswer(await received, new GroupingCache()).groups.byteLength).toBeGreaterThan(0);
    port1.close();
  });

  it('refuses a job that carries fewer opinions than it counts (bytes handed over elsewhere arrive empty)', () => {
    const emptied = job([new Uint8Array(0), new Uint8Array(0)]);
    expect(() => groupingAnswer(emptied, new GroupingCache())).toThrow('分组任务的意见条数不符（应为 3 条，收到 0 条）');
  });

  it('groups the same from bytes as from the text they encode (an empty part, as a batch without opinions gives, is skipped)', () => {
    const texts = [opinion('a', '宿舍热水时有时无'), opinion('b', '寝室热水经常没有'), opinion('c', '选课系统总是崩溃')];
    const whole = groupingAnswer(job([opinionPart(texts)]), new GroupingCache());
    const split = groupingAnswer(job([opinionPart([]), opinionPart(texts.slice(0, 1)), opinionPart(texts.slice(1))]), new GroupingCache());
    expect([...groupLines(split.groups)]).toEqual([...groupLines(whole.groups)]);
    expect(split.suggestionsJson).toBe(whole.suggestionsJson);
    expect(
      [...groupLines(whole.groups)]
        .map((l) => (JSON.parse(l) as { recordIds: string[] }).recordIds)
        .flat()
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });
});
