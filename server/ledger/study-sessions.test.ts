import { describe, expect, it } from 'vitest';
import type { RecordDoc, UserDoc } from '../store/store';
import { namesIn, studySessions } from './study-sessions';

const user = (id: string, name: string): UserDoc => ({ id, seq: 1, name, unit: '化学学院', role: 'member', createdAt: '' });
const users = [user('u1', '王书记'), user('u2', '李老师'), user('u3', '赵老师')];
let n = 0;
const study = (ownerId: string, fields: Record<string, unknown>): RecordDoc => ({
  id: `r${++n}`,
  seq: n,
  ownerId,
  campaignId: 'k1',
  fields: { campaignId: 'k1', kind: 'study', topic: '《条例》专题学习', mode: '集中学习', studiedOn: '2024-05-10', minutes: 90, ...fields },
  stamps: {},
  createdAt: `2024-05-10T00:00:${String(n).padStart(2, '0')}Z`,
  updatedAt: '',
});

describe('集体学习记录', () => {
  it('makes one row of the records several attendees kept of one session, topic compared without spaces and punctuation', async () => {
    const rows = await studySessions(
      [
        study('u2', { topic: '《条例》 专题学习', content: '学习条例。' }),
        study('u1', { place: '三楼会议室', participants: '王书记、李老师，赵老师 钱老师', content: '传达学习《条例》全文，逐条研讨第三章。' }),
        study('u3', { topic: '《条例》专题学习。' }),
      ],
      users,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      date: '2024-05-10',
      place: '三楼会议室',
      topic: '《条例》 专题学习',
      content: '传达学习《条例》全文，逐条研讨第三章。',
      participants: ['王书记', '李老师', '赵老师', '钱老师'],
      recorders: ['李老师', '王书记', '赵老师'],
    });
    expect(rows[0]!.recordIds).toHaveLength(3);
  });

  it('keeps sessions of another day or topic apart, and leaves out 自学, deleted records and days outside the range', async () => {
    const rows = await studySessions(
      [
        study('u1', {}),
        study('u1', { studiedOn: '2024-05-11' }),
        study('u1', { topic: '党史学习' }),
        study('u2', { mode: '自学' }),
        study('u2', { mode: '个人自学' }),
        study('u3', { deleted: true, topic: '已删除' }),
        study('u3', { studiedOn: '2024-07-01', topic: '范围外' }),
      ],
      users,
      { to: '2024-06-30' },
    );
    expect(rows.map((r) => [r.date, r.topic])).toEqual([
      ['2024-05-10', '《条例》专题学习'],
      ['2024-05-10', '党史学习'],
      ['2024-05-11', '《条例》专题学习'],
    ]);
    expect(rows[0]!.recorders).toEqual(['王书记']);
    expect(rows[0]!.participants).toEqual(['王书记']);
  });

  it('reads 参加人员 split by 、 ， , ; and spaces', () => {
    expect(namesIn(' 甲、乙，丙,丁；戊;己  庚\n辛 ')).toEqual(['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛']);
    expect(namesIn('')).toEqual([]);
  });
});
