/**
 * A campaign as an office has it after a few months, for the export tests: a dozen members in several
 * units, opinions heard on OA pages (some the same complaint twice), problems made from them and from
 * 查摆, `tasks` rectification tasks with the long wording real ledgers carry (some closed, with their
 * effect), study and talk records through the year. Everything goes through the real API, so the
 * exports are built by the real routes and layouts.
 */
import { DEFAULT_TIME_ZONE, todayIn } from '../../shared/calendar';
import { addMember, createCampaign, opinion, pushRecord, type Member } from '../server/lists-support';
import type { TestServer } from './server';

export const EXPORT_LIST_FILES = ['opinions', 'problems', 'tasks', 'effects', 'study', 'study-sessions', 'talks'] as const;

const MEMBERS: Array<[string, string]> = [
  ['王书记', '化学学院党委'],
  ['李老师', '化学学院'],
  ['赵处长', '后勤管理处'],
  ['钱处长', '教务处'],
  ['孙部长', '党委学生工作部（学生处）'],
  ['周辅导员', '化学学院'],
  ['吴老师', '材料科学与工程学院'],
  ['郑主任', '网络与信息中心'],
  ['冯处长', '保卫处'],
  ['陈老师', '马克思主义学院'],
  ['褚书记', '图书馆直属党支部'],
  ['卫主任', '招生就业处'],
];

const OPINIONS: Array<[string, Record<string, unknown>]> = [
  ['澡堂人太多，排队洗澡要等半小时，冬天晚上九点以后尤其拥挤，希望延长开放时间并增加淋浴位', { fromGroup: '学生', channel: '座谈会' }],
  ['浴室高峰期太拥挤，建议增加淋浴位，延长开放时间', { fromGroup: '家长', channel: '来信来访' }],
  ['选课系统一到开放时间就崩溃，页面长时间无法打开，很多同学选不上必修课', { category: '教学备考', channel: '网络留言' }],
  ['宿舍夏天太热，希望安装空调；部分老旧宿舍楼的电路负荷不够，学生使用风扇也经常跳闸', { fromGroup: '学生', channel: '走访/入户家访' }],
  ['实验楼晚上十点以后门禁关闭，做实验的研究生出不去，也进不来，希望按课题组登记延长门禁时间', { fromGroup: '教师', channel: '谈心谈话' }],
  ['助学金评定过程不够公开，评议结果公示时间太短，希望公示不少于五个工作日并公布评分细则', { category: '收费助学', channel: '问卷调查' }],
  ['校园东门外的道路夜间照明不足，电动车车速快，学生晚归存在安全隐患', { category: '校园安全', channel: '实地考察' }],
  ['图书馆自习座位不够，期末考试周一座难求，有人长期占座却不来学习', { category: '教学备考', fromGroup: '学生' }],
  ['部分教师课堂上照本宣科，课件多年不更新，与学生互动少', { category: '师德师风', channel: '座谈会' }],
  ['食堂饭菜价格上涨较快，窗口少，中午十二点前后排队超过二十分钟', { fromGroup: '职工', channel: '网络留言' }],
  ['各类报表和材料重复填报，同一数据要交给好几个部门，占用了教学科研的时间', { category: '师德师风', fromGroup: '教师', channel: '座谈会' }],
  ['毕业生档案转递流程不清楚，需要跑多个部门盖章，希望一次办结', { category: '收费助学', fromGroup: '学生', channel: '来信来访' }],
];

const PAGES = [
  {
    url: 'https://oa.example.edu.cn/seeyon/collaboration/collaboration.do?method=summary&openFrom=listPending&affairId=-4563728190',
    title: '关于开展下基层察民情解民忧暖民心实践活动的通知',
  },
  { url: 'https://www.example.edu.cn/info/1021/35817.htm', title: '学校召开师生座谈会听取意见建议' },
];

const PROBLEMS: Array<[string, string, string]> = [
  [
    '浴室高峰期排队时间长，开放时间与学生作息不匹配',
    '学生和家长反映冬季晚间浴室排队普遍超过30分钟，现有淋浴位数量按2008年在校生规模配置，未随扩招增加；开放时间截至22:00，与晚自习、实验安排冲突。',
    '后勤服务',
  ],
  [
    '选课系统在高并发时段无法正常使用',
    '每学期选课开放首日系统多次宕机，学生反映页面无法打开或提交失败，部分学生未能选上培养方案规定的必修课程，教务处临时开放补选，增加了师生负担。',
    '教学备考',
  ],
  ['老旧宿舍楼电路负荷不足，夏季降温条件差', '东区1—6号宿舍楼建于上世纪九十年代，单间电路容量不足以支持空调，夏季室内温度超过35℃，学生反映强烈。', '后勤服务'],
  ['助学金评定公开透明不够', '评定细则未在学院网站公开，公示期仅两天，个别学生对评议结果有疑问但不知道向谁反映。', '收费助学'],
  ['校园周边交通安全隐患', '东门外道路照明不足、缺少减速设施，学生夜间步行与电动车混行，近一年发生轻微碰撞事故多起。', '校园安全'],
  ['调查研究不够深入，联系师生不够紧密', '部分领导干部深入一线调研次数少，调研多为听汇报、看材料，对师生急难愁盼问题掌握不全面。', '师德师风'],
  ['文山会海问题仍然存在，报表材料重复报送', '同一数据需向多个部门重复报送，部分会议可开可不开、文件可发可不发，基层反映负担较重。', '师德师风'],
  ['毕业生事务办理流程繁琐', '档案转递、离校手续需往返多个部门，线上办理事项少，毕业生反映“来回跑、多次跑”。', '收费助学'],
];

const MEASURES = [
  '增设淋浴位40个，将浴室开放时间延长至23:00，并在高峰时段实行分时段预约，通过校园公众号实时公布排队人数',
  '对选课系统进行扩容改造，增加服务器资源，采用分年级、分批次错峰选课，开放前组织压力测试并制定应急预案',
  '分两期对东区老旧宿舍楼进行电力增容改造，2026年暑期前完成1—3号楼空调安装，其余楼栋列入下一年度修缮计划',
  '修订学生资助评定实施细则并在学院网站公开，评定结果公示不少于5个工作日，设立异议受理电话和邮箱',
  '协调市政部门在东门外道路增设路灯12盏、减速带3处，联合交警在晚高峰开展电动车专项整治',
  '建立领导干部联系基层制度，每名校领导每学期深入联系点调研不少于4次，形成调研报告并跟踪问题解决',
  '开展报表清理，建立学校基础数据平台，同一数据“一次采集、多方共享”，压缩会议和发文数量20%以上',
  '推行毕业生离校“一站式”服务，档案转递、党团关系转接、离校手续在线办理，实现“最多跑一次”',
];

const PROGRESS = [
  '已完成设备采购招标，施工单位已进场，预计下月底完成安装调试；分时段预约功能已上线试运行，师生反映排队时间明显缩短',
  '服务器扩容已完成，第一轮压力测试发现数据库连接池瓶颈，正在优化；已会同各学院制定分批次选课方案并通过教务例会审议',
  '1号楼、2号楼电力增容已完成，3号楼正在施工；空调采购已完成合同签订，待线路验收后安装',
  '实施细则已经学生工作委员会审议通过，正在征求学生代表意见',
  '已与市政部门现场勘查，路灯安装方案已报批；交警专项整治已开展两次',
  '校领导联系点已确定，本学期已开展调研18次，收集问题46条，已解决31条',
  '',
  '服务大厅已完成改造，离校系统完成需求调研，正在开发',
];

const LEADERS = ['张副校长', '刘副书记', '何副校长', '王书记'];
const UNITS = [
  '后勤管理处',
  '教务处、网络与信息中心',
  '后勤管理处、资产管理处',
  '党委学生工作部（学生处）',
  '保卫处',
  '党委办公室、校长办公室',
  '党委办公室',
  '招生就业处',
];

export interface ExportCampaign {
  campaignId: string;
  /** Task titles in the order they were created: the 任务清单 export lists them in that order. */
  taskTitles: string[];
  /** One export of the campaign as the office downloads it. */
  download(file: string): Promise<Buffer>;
}

/** Seeds the campaign described above; `tasks` rectification tasks (every seventh closed off with its effect). */
export async function seedExportCampaign(t: TestServer, { tasks = 50 } = {}): Promise<ExportCampaign> {
  const today = todayIn(DEFAULT_TIME_ZONE);
  const year = Number(today.slice(0, 4));
  // Dates through the year, never after today (a record from the future is refused nowhere, but is not real).
  const day = (month: number, d: number) => {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return date > today ? today : date;
  };
  const campaignId = (await createCampaign(t, { year, obligations: { talksPerQuarter: 1, studyMinutesPerStage: 240 } })).id;
  const members: Member[] = [];
  for (const [name, unit] of MEMBERS) members.push(await addMember(t, campaignId, name, unit));

  for (const [i, [content, extra]] of OPINIONS.entries())
    await pushRecord(t, members[i % members.length]!, opinion(campaignId, content, { heardOn: day(5 + (i % 6), 3 + i), page: PAGES[i % 3] ?? null, ...extra }));
  const groups: Array<{ id: string }> = (await t.api('GET', `/api/v1/campaigns/${campaignId}/opinions`)).body.items;

  const create = async (body: Record<string, unknown>): Promise<string> => {
    const res = await t.api('POST', `/api/v1/campaigns/${campaignId}/items`, { body });
    if (res.status !== 201) throw new Error(`create item: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.item.id;
  };
  const problemIds: string[] = [];
  for (const [i, [title, description, category]] of PROBLEMS.entries())
    problemIds.push(
      await create({
        list: 'problem',
        title,
        description,
        category,
        sourceItemIds: i < 5 && groups[i] ? [groups[i]!.id] : [],
        responsibleLeader: LEADERS[i % LEADERS.length],
        responsibleUnit: UNITS[i],
        deadline: `${year}-12-31`,
      }),
    );

  const taskTitles: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const p = i % PROBLEMS.length;
    const title = `（${i + 1}）${MEASURES[p]}`;
    taskTitles.push(title);
    const assignee = members[(i % (members.length - 1)) + 1]!;
    const id = await create({
      list: 'task',
      title,
      sourceItemIds: [problemIds[p]!],
      responsibleLeader: LEADERS[p % LEADERS.length],
      responsibleUnit: UNITS[p],
      assigneeId: assignee.id,
      deadline: `${year}-${String((i % 6) + 7).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    });
    const progress = `/api/v1/campaigns/${campaignId}/items/${id}/progress`;
    if (PROGRESS[p]) await t.api('POST', progress, { body: { progress: PROGRESS[p], status: 'in_progress' } });
    if (i % 7 === 0) {
      await t.api('POST', progress, { body: { status: 'done', evidence: '整改完成情况说明及现场照片已上传' } });
      const closed = await t.api('POST', `/api/v1/campaigns/${campaignId}/items/${id}/close`, {
        body: { effect: `${MEASURES[p]!.split('，')[0]}已全部完成，经回访，提出意见的师生对整改结果表示满意，相关做法已纳入学校常态化工作机制。` },
      });
      if (closed.status !== 200) throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
    }
  }

  for (const [i, m] of members.entries()) {
    for (let k = 0; k < 3; k++)
      await pushRecord(t, m, {
        campaignId,
        kind: 'study',
        topic: ['《论群众路线——重要论述摘编》', '学校党委理论学习中心组专题学习', '关于开展下基层察民情解民忧暖民心实践活动的通知'][k],
        mode: ['集中学习', '自学', '专题党课'][k],
        // The 集中学习 is one session all members attend; the 专题党课 three, one per group of members.
        studiedOn: k === 0 ? day(5, 10) : k === 2 ? day(9, 10 + (i % 3)) : day(7, 10 + i),
        minutes: 60 + ((i + k) % 4) * 30,
        reflection: k === 1 ? '通过学习，进一步认识到密切联系群众是党的优良传统，要把师生的急难愁盼作为工作的出发点和落脚点。' : null,
        ...(k !== 1 && i < 3
          ? {
              place: k === 0 ? '行政楼第一会议室' : '化学学院学术报告厅',
              participants: i === 0 ? '王书记、李老师、赵处长、钱处长，特邀：离退休教职工代表张老师' : null,
              content:
                i === 0
                  ? '传达学习上级关于开展实践活动的部署要求，结合学校实际研究征集意见建议的渠道和方式，明确各单位联系师生的分工，并就落实“五个明确”整改要求进行交流发言。'
                  : '学习上级文件精神，交流联系群众的做法。',
            }
          : {}),
      });
    for (let k = 0; k <= i % 4; k++)
      await pushRecord(t, m, {
        campaignId,
        kind: 'talk',
        counterpart: ['辅导员甲', '辅导员乙', '辅导员丙'][k % 3],
        talkedOn: day(1 + k * 3, 5 + i),
        topics: k % 2 ? '工作指导：学生心理危机干预' : '职业发展规划',
        followUp: k === 0 ? '协调解决辅导员职称评审中的困难' : null,
      });
  }

  return {
    campaignId,
    taskTitles,
    async download(file) {
      const res = await t.fetch(`${t.url}/api/v1/campaigns/${campaignId}/export/${file}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      if (res.status !== 200) throw new Error(`export ${file}: ${res.status} ${await res.text()}`);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}
