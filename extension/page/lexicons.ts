/**
 * The hand-written word lists the generic page layer leans on, in one place so the bench can measure
 * the floor without them (`npm run bench -- page-readers` reads every page again with each list
 * replaced by one that matches nothing). The label vocabularies (generic-fields.ts) are not here:
 * they are the field names the issue asks the readers to know, not a guess at what text looks like.
 */
export const LEXICONS = {
  /** The kinds of official document a title ends with (GB/T 9704-2012 §8 and the campus's own). */
  documentKind:
    /(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|公示|请示|批复|议案|函|纪要|办法|方案|规定|细则|规则|要点|计划|总结|实施意见|工作方案|情况说明|的报告|座谈会|会议|讲话|记录|记录表|登记表|解读|简报)$/,
  /** The kinds of document a body titles with its own name and no 关于 (某大学学生宿舍管理办法, 某县人民政府工作报告). */
  regulationKind: /(办法|规定|细则|条例|章程|规则|制度|实施方案|工作方案|工作要点|规划|工作报告)$/,
  /** Names of systems and sites, not of documents. */
  systemName: /(平台|系统|大厅|门户|首页|网站|网|主页|办公|OA|表单|流程|协同|公告通知|信息门户|服务)$/,
  /** How the name of an issuing body ends (GB/T 9704's 发文机关署名: 委员会, 办公室, 学院, 处, 部…). */
  unitEnd: /(委员会|党委|党组|总支|支部|委|政府|办公室|办|处|科|部|院|学院|大学|学校|党校|中学|小学|幼儿园|中心|馆|局|厅|室|会|组|所|站|队|社|公司|集团)$/,
  /** Labels of numbers that belong to something other than the document (a project, a purchase, a register). */
  otherNumberLabel: /项目|采购|计划|合同|招标|预算|登记|流水|收文|索引|证书|证号|账号|学号|工号/,
  /** How a search page counts what it found (找到约 23 条结果, 共检索到 5 篇相关信息, 找到与“某词”相关的信息 36 条). */
  searchResults:
    /(?:找到|搜索到|检索到|查询到|共有?)\s*约?\s*[\d,]+\s*(?:条|个|篇|项)(?:与.{1,20}?)?(?:相关)?(?:的)?(?:结果|记录|信息|文章|内容)|(?:找到|搜索到|检索到|查询到)与.{1,20}?相关的?(?:结果|记录|信息|文章|内容)\s*(?:约|共)?\s*[\d,]+\s*(?:条|个|篇|项)/,
  /** What an error page says of itself (404, 无权访问): the page is about the failure, not a document. */
  errorPage:
    /^(?:40[0-9]|50[0-9])(?!\d)|HTTP\s*(?:状态|Status)\s*[45]\d\d|^Index of \/|页面不存在|找不到(?:该|您要的)?页面|无权(?:限)?(?:访问|查看|浏览)|没有\S{0,8}?权限|已被(?:\S{0,6})?(?:撤销|删除)|(?:文档|文件|记录|内容|信息)不存在|访问出错|系统错误|服务器错误/,
};
