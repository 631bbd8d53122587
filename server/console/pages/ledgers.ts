/** 学习台账, 谈心谈话台账 and the 年度汇总表 in the console. */
import type { StudyLedger } from '../../ledger/study-ledger';
import type { CounselorContactRow, TalkRow } from '../../ledger/talk-ledger';
import { html, type SafeHtml } from '../html';
import { campaignTabs } from '../layout';

export function ledgersBody(
  campaignId: string,
  study: StudyLedger,
  year: number,
  talks: readonly TalkRow[],
  contacts: readonly CounselorContactRow[],
): SafeHtml {
  return html`${campaignTabs(campaignId)}
<h2>学习台账（按人）</h2><table><thead><tr><th>姓名</th><th>单位</th><th>学习次数</th><th>时长（分钟）</th><th>心得（篇/字）</th><th>各阶段</th><th>达标</th></tr></thead><tbody>
${study.people.map((p) => html`<tr><td>${p.name}</td><td>${p.unit}</td><td>${p.sessions}</td><td>${p.minutes}</td><td>${p.reflections} / ${p.reflectionChars}</td><td>${p.stages.map((s) => `${s.title} ${s.minutes}${s.quotaMinutes !== null ? `/${s.quotaMinutes}` : ''}`).join('；')}</td><td>${p.metQuota ? '是' : '否'}</td></tr>`)}
</tbody></table>
<h2>学习台账（按单位）</h2><table><thead><tr><th>单位</th><th>人数</th><th>学习次数</th><th>时长（分钟）</th><th>心得篇数</th><th>达标人数</th></tr></thead><tbody>
${study.units.map((u) => html`<tr><td>${u.unit}</td><td>${u.people}</td><td>${u.sessions}</td><td>${u.minutes}</td><td>${u.reflections}</td><td>${u.peopleMeetingQuota}</td></tr>`)}
</tbody></table>
<h2>${year}年谈心谈话台账</h2><table><thead><tr><th>姓名</th><th>单位</th><th>一季度</th><th>二季度</th><th>三季度</th><th>四季度</th><th>合计</th><th>未达标季度</th></tr></thead><tbody>
${talks.map((r) => html`<tr><td>${r.name}</td><td>${r.unit}</td>${r.quarters.map((q) => html`<td>${q}</td>`)}<td>${r.total}</td><td>${r.quartersShort.map((q) => `第${q}季度`).join('、')}</td></tr>`)}
</tbody></table>
<h2>${year}年度汇总表</h2><table><thead><tr><th>领导干部</th><th>联系辅导员</th><th>约谈（各季度）</th><th>工作指导</th><th>帮助解决问题</th></tr></thead><tbody>
${contacts.map((r) => html`<tr><td>${r.name}</td><td>${r.counselorsContacted}：${r.counselors.join('、')}</td><td>${r.quarters.join(' / ')}</td><td>${r.guidance}</td><td>${r.help}</td></tr>`)}
</tbody></table>`;
}
