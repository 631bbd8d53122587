/** 学习台账, 集体学习记录, 谈心谈话台账 and the counselor-contact 年度汇总表 as sheets. */
import type { StudyLedger } from '../../ledger/study-ledger';
import type { StudySessionRow } from '../../ledger/study-sessions';
import type { CounselorContactRow, TalkRow } from '../../ledger/talk-ledger';
import type { SyncSheet } from '../sheet';
import { sheetHeading, type ExportHeading } from './heading';

export function studySheet(heading: ExportHeading, ledger: StudyLedger): SyncSheet {
  return {
    ...sheetHeading(heading, '学习台账'),
    columns: [
      { header: '姓名', width: 10, kind: 'text' },
      { header: '单位', width: 18, kind: 'text' },
      { header: '学习次数', width: 10, kind: 'number' },
      { header: '学习时长（分钟）', printHeader: '学习时长\n（分钟）', width: 16, kind: 'number' },
      { header: '心得体会（篇）', printHeader: '心得体会\n（篇）', width: 14, kind: 'number' },
      { header: '心得字数', width: 10, kind: 'number' },
      { header: '各阶段完成情况', width: 50, kind: 'text' },
      { header: '是否达标', width: 10, kind: 'text' },
    ],
    rows: ledger.people.map((p) => [
      p.name,
      p.unit,
      p.sessions,
      p.minutes,
      p.reflections,
      p.reflectionChars,
      p.stages.map((s) => `${s.title} ${s.minutes}${s.quotaMinutes !== null ? `/${s.quotaMinutes}` : ''} 分钟`).join('；'),
      p.metQuota ? '是' : '否',
    ]),
  };
}

export function studyUnitSheet(heading: ExportHeading, ledger: StudyLedger): SyncSheet {
  return {
    ...sheetHeading(heading, '学习台账（按单位）', '学习台账（按单位汇总）'),
    columns: [
      { header: '单位', width: 20, kind: 'text' },
      { header: '人数', width: 8, kind: 'number' },
      { header: '学习次数', width: 10, kind: 'number' },
      { header: '学习时长（分钟）', printHeader: '学习时长\n（分钟）', width: 16, kind: 'number' },
      { header: '心得体会（篇）', printHeader: '心得体会\n（篇）', width: 14, kind: 'number' },
      { header: '心得字数', width: 10, kind: 'number' },
      { header: '达标人数', width: 10, kind: 'number' },
    ],
    rows: ledger.units.map((u) => [u.unit, u.people, u.sessions, u.minutes, u.reflections, u.reflectionChars, u.peopleMeetingQuota]),
  };
}

export function talksSheet(heading: ExportHeading, year: number, rows: readonly TalkRow[]): SyncSheet {
  return {
    ...sheetHeading(heading, '谈心谈话台账', `${year}年谈心谈话台账`),
    columns: [
      { header: '姓名', width: 10, kind: 'text' },
      { header: '单位', width: 18, kind: 'text' },
      { header: '第一季度', width: 10, kind: 'number' },
      { header: '第二季度', width: 10, kind: 'number' },
      { header: '第三季度', width: 10, kind: 'number' },
      { header: '第四季度', width: 10, kind: 'number' },
      { header: '合计', width: 8, kind: 'number' },
      { header: '每季度应谈', printHeader: '每季度\n应谈', width: 12, kind: 'number' },
      { header: '未达标季度', width: 14, kind: 'text' },
    ],
    rows: rows.map((r) => [r.name, r.unit, ...r.quarters, r.total, r.quotaPerQuarter, r.quartersShort.map((q) => `第${q}季度`).join('、')]),
  };
}

export function counselorContactSheet(heading: ExportHeading, year: number, rows: readonly CounselorContactRow[]): SyncSheet {
  return {
    ...sheetHeading(heading, '年度汇总表', `${year}年度汇总表`),
    columns: [
      { header: '领导干部', width: 10, kind: 'text' },
      { header: '单位', width: 18, kind: 'text' },
      { header: '联系辅导员人数', printHeader: '联系辅导员\n人数', width: 14, kind: 'number' },
      { header: '联系对象', width: 30, kind: 'text' },
      { header: '第一季度约谈', printHeader: '第一季度\n约谈', width: 12, kind: 'number' },
      { header: '第二季度约谈', printHeader: '第二季度\n约谈', width: 12, kind: 'number' },
      { header: '第三季度约谈', printHeader: '第三季度\n约谈', width: 12, kind: 'number' },
      { header: '第四季度约谈', printHeader: '第四季度\n约谈', width: 12, kind: 'number' },
      { header: '工作指导次数', printHeader: '工作指导\n次数', width: 12, kind: 'number' },
      { header: '帮助解决问题', printHeader: '帮助解决\n问题', width: 12, kind: 'number' },
    ],
    rows: rows.map((r) => [r.name, r.unit, r.counselorsContacted, r.counselors.join('、'), ...r.quarters, r.guidance, r.help]),
  };
}

/** 集体学习记录: one row per session, as the record book of a 党支部 keeps it. */
export function studySessionsSheet(heading: ExportHeading, sessions: readonly StudySessionRow[]): SyncSheet {
  return {
    ...sheetHeading(heading, '集体学习记录'),
    columns: [
      { header: '时间', width: 12, kind: 'date' },
      { header: '地点', width: 16, kind: 'text' },
      { header: '学习主题', width: 30, kind: 'text' },
      { header: '主要内容', width: 50, kind: 'text' },
      { header: '参加人员', width: 30, kind: 'text' },
      { header: '记录人', width: 12, kind: 'text' },
    ],
    rows: sessions.map((s) => [s.date, s.place, s.topic, s.content, s.participants.join('、'), s.recorders.join('、')]),
  };
}
