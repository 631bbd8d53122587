/**
 * A small thesaurus of campus vocabulary: words that name the same thing in different mouths
 * (澡堂 / 浴室 / 淋浴). Cadres write the same complaint in different words, and character overlap
 * alone misses those; each entry maps its words to one concept term that counts as shared.
 *
 * Keep entries narrow (one thing, not one topic): a concept that is too broad ("宿舍") would
 * merge different complaints about the same place, and a wrong merge costs the office more than
 * a missed one.
 */
export const CONCEPTS: Record<string, readonly string[]> = {
  bath: ['澡堂', '浴室', '洗澡', '淋浴', '沐浴', '热水澡'],
  crowding: ['拥挤', '排长队', '排队', '人太多', '人多', '高峰'],
  transcript: ['成绩单', '在读证明', '学籍证明', '证明材料'],
  printing: ['打印', '自助打印', '打印机', '打印终端', '自助办理'],
  'course-selection': ['选课', '抢课', '抢不到课', '选课系统', '选课网站'],
  'system-slow': ['崩溃', '卡顿', '太卡', '进不去', '服务器', '宕机'],
  elective: ['选修课', '通识课', '公选课', '通识选修', '课程种类'],
  'air-conditioning': ['空调', '闷热', '太热', '降温', '电风扇'],
  express: ['快递', '快递点', '驿站', '收发点', '取件'],
  'counselor-load': ['师生比', '带学生', '所带学生', '配齐', '1比200', '四百多名'],
  training: ['培训', '岗前培训', '业务培训', '外出学习', '进修'],
  'hazardous-chemicals': ['危险化学品', '危化品', '试剂', '试剂柜', '化学品'],
  laboratory: ['实验室'],
  'e-bike': ['电动车', '电瓶车', '充电桩', '充电棚', '私拉电线', '楼道充电', '楼内充电'],
  'form-filling': ['填表', '表格', '填报', '报材料', '交材料', '检查评比', '重复填报'],
  'official-car': ['公车', '公车私用', '公务用车'],
  recruitment: ['招聘会', '招聘', '用人单位', '企业', '岗位', '就业'],
  'mental-health': ['心理', '心理健康', '心理问题', '心理咨询'],
  'student-loan': ['助学贷款', '生源地贷款', '贷款', '资助'],
  drying: ['晾衣', '晾晒', '晒被子', '晾衣服'],
  canteen: ['食堂', '饭菜', '伙食', '餐厅'],
  library: ['图书馆', '自习室', '阅览室'],
  network: ['校园网', '网速', 'wifi', '无线网'],
};
