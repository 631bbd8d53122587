/** 学习台账, 谈心谈话台账 and (in a counselor-contact campaign) the 年度汇总表 in the console. */
import type { StudyLedger } from '../../ledger/study-ledger';
import type { CounselorContactRow, TalkRow } from '../../ledger/talk-ledger';
import { html, type SafeHtml } from '../html';
import { campaignTabs } from '../layout';

const empty = (what: string) => html`<div class="empty"><strong>还没有${what}。</strong>成员在浏览器扩展中记录后，会自动统计到这里。</div>`;

export function ledgersBody(
  campaignId: string,
  study: StudyLedger,
  year: number,
  talks: readonly TalkRow[],
  contacts: readonly CounselorContactRow[],
): SafeHtml {
  const anyStudy = study.people.some((p) => p.sessions > 0);
  const anyTalk = talks.some((r) => r.total > 0);
  return html`${campaignTabs(campaignId, '/ledgers')}
<h2 id="study-people">学习台账（按人）</h2>
${
  study.people.length && anyStudy
    ? html`<div class="table-wrap"><table aria-labelledby="study-people"><thead><tr><th scope="col">姓名</th><th scope="col">单位</th><th scope="col" class="num">学习次数</th><th scope="col" class="num">时长（分钟）</th><th scope="col" class="num">心得（篇 / 字）</th><th scope="col">各阶段（分钟 / 要求）</th><th scope="col">达标</th></tr></thead><tbody>
${study.people.map((p) => html`<tr><td>${p.name}</td><td>${p.unit}</td><td class="num">${p.sessions}</td><td class="num">${p.minutes}</td><td class="num">${p.reflections} / ${p.reflectionChars}</td><td>${p.stages.map((s) => `${s.title} ${s.minutes}${s.quotaMinutes !== null ? ` / ${s.quotaMinutes}` : ''}`).join('；')}</td><td>${p.metQuota ? '是' : html`<span class="flag">否</span>`}</td></tr>`)}
</tbody></table></div>`
    : empty('学习记录')
}
<h2 id="study-units">学习台账（按单位）</h2>
${
  study.units.length && anyStudy
    ? html`<div class="table-wrap"><table aria-labelledby="study-units"><thead><tr><th scope="col">单位</th><th scope="col" class="num">人数</th><th scope="col" class="num">学习次数</th><th scope="col" class="num">时长（分钟）</th><th scope="col" class="num">心得篇数</th><th scope="col" class="num">达标人数</th></tr></thead><tbody>
${study.units.map((u) => html`<tr><td>${u.unit}</td><td class="num">${u.people}</td><td class="num">${u.sessions}</td><td class="num">${u.minutes}</td><td class="num">${u.reflections}</td><td class="num">${u.peopleMeetingQuota}</td></tr>`)}
</tbody></table></div>`
    : empty('学习记录')
}
<h2 id="talks">${year}年谈心谈话台账</h2>
${
  talks.length && anyTalk
    ? html`<p class="muted">活动开始前和结束后的季度不计入“未达标”。</p><div class="table-wrap"><table aria-labelledby="talks"><thead><tr><th scope="col">姓名</th><th scope="col">单位</th><th scope="col" class="num">一季度</th><th scope="col" class="num">二季度</th><th scope="col" class="num">三季度</th><th scope="col" class="num">四季度</th><th scope="col" class="num">合计</th><th scope="col">未达标季度</th></tr></thead><tbody>
${talks.map((r) => html`<tr><td>${r.name}</td><td>${r.unit}</td>${r.quarters.map((q) => html`<td class="num">${q}</td>`)}<td class="num">${r.total}</td><td>${r.quartersShort.length ? html`<span class="flag">${r.quartersShort.map((q) => `第${q}季度`).join('、')}</span>` : '—'}</td></tr>`)}
</tbody></table></div>`
    : empty('谈心谈话记录')
}
${
  contacts.length
    ? html`<h2 id="contacts">${year}年度汇总表</h2><div class="table-wrap"><table aria-labelledby="contacts"><thead><tr><th scope="col">领导干部</th><th scope="col">联系辅导员</th><th scope="col">约谈（各季度）</th><th scope="col" class="num">工作指导</th><th scope="col" class="num">帮助解决问题</th></tr></thead><tbody>
${contacts.map((r) => html`<tr><td>${r.name}</td><td>${r.counselors.length ? `已联系 ${r.counselorsContacted} 人（共 ${r.counselors.length} 人）：${r.counselors.join('、')}` : '—'}</td><td>${r.quarters.join(' / ')}</td><td class="num">${r.guidance}</td><td class="num">${r.help}</td></tr>`)}
</tbody></table></div>`
    : ''
}`;
}
