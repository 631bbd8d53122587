import type { MyTask } from '../../../shared/model/my-tasks';
/** Record fields the extension's unit tests save: a complete opinion, as the sidebar's form would hand it over. */
export const opinionFields = (content: string) => ({
  kind: 'opinion',
  campaignId: 'k1',
  content,
  fromGroup: '学生',
  channel: '座谈会',
  category: '后勤服务',
  heardOn: '2026-01-05',
  deleted: false,
});

/** A line of `/me/tasks` as the server sends it: a task of 后勤处 due 2026-03-10, open, with its 整改目标. */
export const myTask = (id: string, over: Partial<MyTask> = {}): MyTask => ({
  id,
  campaignId: 'k1',
  campaignTitle: '主题教育',
  list: 'task',
  title: `任务 ${id}`,
  description: '',
  responsibleLeader: '张书记',
  responsibleUnit: '后勤处',
  target: '排队不超过十分钟',
  deadline: '2026-03-10',
  status: 'open',
  progress: '',
  evidence: '',
  overdue: false,
  dueSoon: false,
  ...over,
});
