/**
 * Many distinct, realistic-looking opinions for load tests and benchmarks: what grouping costs
 * when a campaign's opinions are about hundreds of different things in different words, not a few
 * topics repeated. Seeded, so a run can be repeated exactly. Not labelled: this is load, not a
 * measure of grouping quality (that is the evaluation sets' job).
 */
import { Rng } from './random';

/** Places and services all over a university, each with problems people raise about it. */
const SUBJECTS: [subject: string, problems: string[]][] = [
  ['第一食堂', ['饭菜价格上涨', '窗口排队时间长', '菜品种类少', '餐具清洗不干净', '晚上关门太早']],
  ['清真餐厅', ['座位不够', '菜量偏少', '刷卡机经常故障']],
  ['学生公寓', ['热水供应不稳定', '空调制冷效果差', '门禁系统误报', '晾衣区太小', '楼道灯坏了没人修']],
  ['研究生宿舍', ['网络晚上很卡', '洗衣机收费偏高', '隔音太差', '卫生间下水道堵塞']],
  ['洗衣房', ['机器坏了好几台', '价格比外面贵', '排队要等很久']],
  ['图书馆', ['自习座位被长期占用', '闭馆时间太早', '外文期刊更新慢', '空调温度太低', '电子资源校外访问不了']],
  ['教务系统', ['选课时服务器崩溃', '成绩录入出错后更正流程长', '课表冲突提醒不及时', '手机端无法登录']],
  ['排课', ['同一天连上四大节', '教室容量不够', '跨校区上课时间太紧']],
  ['期末考试', ['考试周安排过于集中', '补考通知发布太晚', '监考老师不足']],
  ['教材', ['发放时间太晚', '部分教材版本过旧', '价格偏高']],
  ['科研经费报销', ['报销单据要求反复修改', '审批环节太多', '财务处窗口办理时间短', '差旅标准多年未调']],
  ['大型仪器设备', ['预约平台经常打不开', '共享收费不透明', '维修周期太长']],
  ['职称评审', ['评审标准临时调整', '材料要求重复提交', '结果公示时间太短']],
  ['绩效考核', ['考核指标偏重论文数量', '教学工作量认定不合理', '考核结果反馈不及时']],
  ['青年教师公寓', ['租金上涨过快', '房源分配不透明', '维修响应慢']],
  ['奖助学金', ['评定过程不够公开', '困难认定材料繁琐', '发放时间一拖再拖']],
  ['心理咨询中心', ['预约要排两周', '咨询师数量不足', '夜间没有求助渠道']],
  ['就业指导中心', ['招聘会企业太少', '就业信息推送不精准', '简历指导预约不上']],
  ['校园快递点', ['取件排长队', '包裹经常丢失', '营业时间与上课冲突']],
  ['校车', ['班次太少', '经常晚点', '周末停运']],
  ['停车场', ['车位严重不足', '外来车辆乱停', '收费标准不合理']],
  ['校园网', ['宿舍区信号差', '认证页面经常弹不出来', '资费比运营商贵', '晚高峰频繁掉线']],
  ['实验楼', ['通风设施老化', '危化品存放不规范', '消防通道被杂物堵塞']],
  ['校医院', ['挂号排队时间长', '常用药经常缺货', '医保报销手续复杂', '夜间急诊只有一名医生']],
  ['体育馆', ['开放时间太短', '羽毛球场地预约难', '器材损坏不更换', '淋浴间没有热水']],
  ['游泳馆', ['水质消毒味太重', '收费偏高', '更衣柜不够用']],
  ['操场', ['跑道破损', '夜间照明不足', '看台座椅损坏']],
  ['离退休活动中心', ['活动场地太小', '报刊订阅减少', '老同志看病接送不方便']],
  ['会议', ['会议太多太长', '层层开会传达', '会前材料临时才发']],
  ['各类表格', ['同样的信息反复填写', '格式要求不统一', '报送时间太紧']],
  ['督查检查', ['检查频次过高', '重复检查同一事项', '迎检准备占用大量时间']],
  ['机关办事窗口', ['工作人员态度生硬', '办事要跑好几个部门', '材料清单不公开', '中午不办公']],
  ['网上办事大厅', ['流程复杂不好用', '审批进度查询不到', '附件上传经常失败']],
  ['人事处', ['调动手续办理慢', '政策解读不到位']],
  ['资产处', ['设备报废流程繁琐', '固定资产清查要求不清楚']],
  ['保卫处', ['校门通行证办理慢', '夜间巡逻不到位', '电动车充电点不足']],
  ['后勤维修', ['报修后三天没人来', '维修质量差返修多', '报修电话打不通']],
  ['教室多媒体', ['投影仪模糊', '话筒经常没电', '电脑系统太旧']],
  ['开水房', ['开放时间太短', '水温不够', '排队打水拥挤']],
  ['浴室', ['高峰期排队', '水温忽冷忽热', '更衣区卫生差']],
  ['超市', ['商品价格偏高', '营业时间短', '过期商品未下架']],
  ['打印店', ['排队时间长', '打印价格贵', '彩印质量差']],
];

const OPENINGS = [
  '',
  '',
  '',
  '有同学反映',
  '教师代表提出',
  '座谈中大家谈到',
  '不少人说',
  '多名学生反映',
  '离退休同志提出',
  '家长来信说',
  '网上留言反映',
  '走访时听到',
];
const DETAILS = [
  '',
  '',
  '已经持续一个学期了',
  '尤其是期中以后',
  '去年就提过意见',
  '影响正常学习',
  '希望尽快解决',
  '建议学校专门研究',
  '周末更明显',
  '新生意见尤其大',
  '建议增加人手',
  '建议延长服务时间',
  '建议公开处理进度',
  '希望有个明确答复',
  '建议在网上公示',
  '建议听取学生意见后再定',
  '多次反映没有下文',
  '下雨天更严重',
  '考试周尤其突出',
  '晚上九点以后最明显',
];
const PLACES = ['东校区', '西校区', '南区', '北区', '老校区', '新校区', '主校区', '医学部', '工学部'];
const BUILDINGS = Array.from({ length: 40 }, (_, i) => `${i + 1}号楼`);
const TIMES = ['早上七点', '中午', '下午四点以后', '晚上', '周一', '周三', '周五下午', '节假日', '开学第一周', '寒假期间'];
const SYNONYM: Record<string, string[]> = { 食堂: ['饭堂', '餐厅'], 宿舍: ['寝室'], 公寓: ['宿舍楼'] };

function variant(rng: Rng, subject: string): string {
  for (const [word, alternatives] of Object.entries(SYNONYM))
    if (subject.includes(word) && rng.chance(0.4)) return subject.replace(word, rng.pick(alternatives));
  return subject;
}

/** Where and when, as people say it: a campus, a building, a time; often none. */
function setting(rng: Rng): string {
  const parts = [rng.chance(0.35) ? rng.pick(PLACES) : '', rng.chance(0.35) ? rng.pick(BUILDINGS) : '', rng.chance(0.25) ? rng.pick(TIMES) : ''];
  return parts.join('');
}

/** `n` opinions, distinct in wording; each carries a category as cadres would choose it. */
export function distinctOpinions(n: number, seed = 20251202): { content: string; category: string }[] {
  const rng = new Rng(seed);
  const categories = ['后勤服务', '教学管理', '校园建设', '安全管理', '毕业就业', '形式主义', '官僚主义'];
  const seen = new Set<string>();
  const out: { content: string; category: string }[] = [];
  while (out.length < n) {
    const [subject, problems] = rng.pick(SUBJECTS);
    const problem = rng.pick(problems);
    // Sometimes a second complaint about the same thing, as people often add one.
    const more = rng.chance(0.3) ? problems.filter((p) => p !== problem) : [];
    const parts = [
      rng.pick(OPENINGS),
      `${setting(rng)}${variant(rng, subject)}${problem}`,
      more.length > 0 ? `而且${rng.pick(more)}` : '',
      rng.pick(DETAILS),
    ].filter(Boolean);
    let content = parts.join('，');
    if (seen.has(content)) content = `${content}（${out.length}）`;
    seen.add(content);
    out.push({ content: `${content}。`, category: rng.pick(categories) });
  }
  return out;
}

/**
 * Opinions as a member who chooses the content might write them: each one different, built from
 * the same campus vocabulary (so they share common characters and words), but rarely saying the
 * same thing twice. Almost every one is its own group: the most work grouping can be given.
 */
export function adversarialOpinions(n: number, seed = 20251203): { content: string; category: string }[] {
  const rng = new Rng(seed);
  const words = [
    ...new Set(
      SUBJECTS.flatMap(([s, ps]) => [s, ...ps])
        .concat(DETAILS, PLACES, TIMES)
        .flatMap((phrase) => phrase.match(/.{1,2}/gu) ?? []),
    ),
  ];
  return Array.from({ length: n }, (_, i) => ({
    content: `${Array.from({ length: 6 + rng.int(6) }, () => rng.pick(words)).join('')}（${i}）`,
    category: rng.pick(['后勤服务', '教学管理', '校园建设']),
  }));
}
