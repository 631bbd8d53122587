/**
 * A campaign with something of every kind summary.docx shows, built through the API as the office
 * and its members would: opinions (some the same complaint heard twice), problems from opinions and
 * from 查摆, tasks at every status with their progress, a 销号 with its effect, study and talk records.
 */
import { DEFAULT_TIME_ZONE, todayIn } from '../../shared/calendar';
import { addMember, createCampaign, opinion, pushRecord } from '../server/lists-support';
import type { TestServer } from '../support/server';

const today = todayIn(DEFAULT_TIME_ZONE);
const year = Number(today.slice(0, 4));
const shift = (days: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A day this year, at most `daysAgo` before today (never last year, so the talk ledger counts it). */
const earlier = (daysAgo: number) => {
  const d = shift(-daysAgo);
  return d.startsWith(`${year}-`) ? d : `${year}-01-01`;
};

export const SUMMARY_UNIT = '化学学院党委';

export async function summaryCampaign(t: TestServer): Promise<string> {
  const campaignId = (await createCampaign(t, { title: '下基层察民情解民忧暖民心实践活动', unit: SUMMARY_UNIT, obligations: { talksPerQuarter: 1 } })).id;
  const li = await addMember(t, campaignId, '李老师', '化学学院');
  const wang = await addMember(t, campaignId, '王书记', '化学学院');
  const zhao = await addMember(t, campaignId, '赵处长', '后勤处');
  const chen = await addMember(t, campaignId, '陈辅导员', '学生工作部');

  const heard = [
    [li, '澡堂人太多，排队洗澡要等半小时', { category: '后勤服务', fromGroup: '学生', channel: '座谈会' }],
    [wang, '浴室高峰期太拥挤，排队洗澡要等半小时以上', { category: '后勤服务', fromGroup: '家长', channel: '来信来访' }],
    [chen, '澡堂排队洗澡要等半小时，建议延长开放时间', { category: '后勤服务', fromGroup: '学生', channel: '问卷调查' }],
    [li, '选课系统一到开放时间就崩溃，希望错峰开放', { category: '教学管理', fromGroup: '学生', channel: '网络留言' }],
    [wang, '实验室通风橱老化，做有机实验时气味很重，存在安全隐患', { category: '校园安全', fromGroup: '教师', channel: '走访' }],
    [chen, '毕业生希望学院多组织校友企业专场招聘会', { category: '毕业就业', fromGroup: '学生', channel: '座谈会' }],
    [zhao, '食堂晚餐时段窗口开得少，晚课学生来不及吃饭', { category: '后勤服务', fromGroup: '学生', channel: '谈心谈话' }],
    [li, '本科生参与教师科研项目的渠道不畅，希望公开招募信息', { category: '学生科研', fromGroup: '学生', channel: '座谈会' }],
  ] as const;
  for (const [m, content, extra] of heard) await pushRecord(t, m, opinion(campaignId, content, { ...extra, heardOn: earlier(20) }));

  const groups: Array<{ id: string; content: string }> = (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items;
  const group = (word: string) => groups.find((g) => g.content.includes(word))!.id;
  const add = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body });
    if (res.status !== 201) throw new Error(`item: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.item.id as string;
  };
  const progress = async (id: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${id}/progress`, { body });
    if (res.status !== 200) throw new Error(`progress: ${res.status} ${JSON.stringify(res.body)}`);
  };

  const bath = await add({
    list: 'problem',
    title: '浴室高峰期排队时间长',
    description: '晚间 20:00—22:00 学生集中洗浴，淋浴位不足，排队普遍超过 30 分钟',
    category: '后勤服务',
    sourceItemIds: [group('澡堂')],
    responsibleLeader: '张副校长',
    responsibleUnit: '后勤处',
    deadline: shift(30),
  });
  const course = await add({
    list: 'problem',
    title: '选课系统高峰期崩溃',
    category: '教学管理',
    sourceItemIds: [group('选课')],
    responsibleUnit: '教务处',
    deadline: shift(45),
  });
  const lab = await add({
    list: 'problem',
    title: '实验室通风设施老化',
    category: '校园安全',
    sourceItemIds: [group('通风橱')],
    responsibleUnit: '实验室与设备管理处',
  });
  const research = await add({
    list: 'problem',
    title: '调查研究不够深入，联系师生不够紧密',
    category: '四风问题',
    responsibleLeader: '王书记',
    responsibleUnit: '化学学院党委',
  });

  const shower = await add({
    list: 'task',
    title: '浴室增设淋浴位并延长开放时间',
    sourceItemIds: [bath],
    responsibleLeader: '张副校长',
    responsibleUnit: '后勤处',
    assigneeId: zhao.id,
    deadline: shift(-5),
  });
  await progress(shower, { progress: '已采购淋浴设备 40 套', status: 'in_progress' });
  await progress(shower, { status: 'done', evidence: '新增淋浴位 40 个，开放时间延长至 23:00，照片见附件' });
  const closed = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${shower}/close`, {
    body: { effect: '高峰期排队由 30 分钟降到 10 分钟以内，学生满意度明显提升' },
  });
  if (closed.status !== 200) throw new Error(`close: ${closed.status}`);

  const system = await add({
    list: 'task',
    title: '选课系统扩容并按年级错峰开放',
    sourceItemIds: [course],
    responsibleLeader: '刘副校长',
    responsibleUnit: '教务处',
    assigneeId: li.id,
    deadline: shift(20),
  });
  await progress(system, {
    progress: '已与网络信息中心完成服务器扩容方案论证，正在联系供应商进行压力测试，计划下学期选课前上线错峰开放功能',
    status: 'in_progress',
  });
  await add({
    list: 'task',
    title: '更换化学楼通风橱 24 台',
    sourceItemIds: [lab],
    responsibleLeader: '张副校长',
    responsibleUnit: '实验室与设备管理处',
    deadline: shift(-3),
  });
  const visits = await add({
    list: 'task',
    title: '建立领导干部联系班级、走访宿舍制度，每月至少走访一次',
    sourceItemIds: [research],
    responsibleLeader: '王书记',
    responsibleUnit: '化学学院党委',
    assigneeId: wang.id,
    deadline: shift(60),
  });
  await progress(visits, { progress: '制度初稿已征求意见', status: 'done', evidence: '《化学学院领导干部联系班级制度》' });

  const studies = [
    [li, '《论群众路线——重要论述摘编》', '集中学习', 120, '深刻体会到群众路线是党的生命线和根本工作路线。'],
    [wang, '习近平总书记关于调查研究的重要论述', '专题党课', 90, '调查研究是谋事之基、成事之道，要沉下身子听真话。'],
    [zhao, '学校下基层实践活动实施方案', '自学', 60, ''],
    [chen, '《论群众路线——重要论述摘编》', '研讨交流', 150, '辅导员要把学生当家人，常到宿舍走走。'],
  ] as const;
  for (const [m, topic, mode, minutes, reflection] of studies)
    await pushRecord(t, m, { campaignId, kind: 'study', topic, mode, studiedOn: earlier(10), minutes, reflection });

  for (const [m, counterpart] of [
    [wang, '辅导员甲'],
    [wang, '辅导员乙'],
    [chen, '2022级学生'],
    [li, '青年教师'],
  ] as const)
    await pushRecord(t, m, { campaignId, kind: 'talk', counterpart, talkedOn: earlier(7), topics: '工作指导' });
  return campaignId;
}
