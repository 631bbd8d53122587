/** A campaign's settings in the console: stages (环节), study and talk quotas, and OA sites. */
import type { CampaignDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';

export function settingsBody(c: CampaignDoc, csrf: string, members: readonly UserDoc[] = []): SafeHtml {
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const contacts = (c.contacts ?? []).map((p) => `${nameOf.get(p.leaderId) ?? p.leaderId}：${p.counselors.join('、')}`).join('\n');
  const stages = c.stages.map((s) => `${s.key} | ${s.title} | ${s.start} | ${s.end}`).join('\n');
  const n = (v: number | undefined) => (v === undefined ? '' : String(v));
  return html`${campaignTabs(c.id, '/settings')}
<form method="post" action="/console/campaigns/${encodeURIComponent(c.id)}/settings">${csrfField(csrf)}
<fieldset><legend>环节（每行一个：标识 | 名称 | 开始日期 | 结束日期）</legend>
<textarea name="stages" rows="6" cols="80" aria-label="环节">${stages}</textarea></fieldset>
<fieldset><legend>学习与谈话要求（留空表示不作要求）</legend>
<label>每环节学习分钟数 <input name="studyMinutesPerStage" inputmode="numeric" value="${n(c.obligations.studyMinutesPerStage)}"></label>
<label>每环节心得篇数 <input name="reflectionsPerStage" inputmode="numeric" value="${n(c.obligations.reflectionsPerStage)}"></label>
<label>心得最少字数 <input name="reflectionMinChars" inputmode="numeric" value="${n(c.obligations.reflectionMinChars)}"></label>
<label>每季度谈心谈话次数 <input name="talksPerQuarter" inputmode="numeric" value="${n(c.obligations.talksPerQuarter)}"></label></fieldset>
<fieldset><legend>OA 网址（每行一个，如 https://oa.example.edu.cn/*）</legend>
<textarea name="oaOrigins" rows="4" cols="80" aria-label="OA 网址">${c.oaOrigins.join('\n')}</textarea></fieldset>
${
  c.template === 'counselor-contact'
    ? html`<fieldset><legend>联系对象（每行一位领导干部：姓名：辅导员甲、辅导员乙）</legend>
<textarea name="contacts" rows="6" cols="80" aria-label="联系对象">${contacts}</textarea>
<p class="hint">年度汇总表按这里的联系对象统计：只计入与所联系辅导员的谈话。</p></fieldset>`
    : ''
}
<button class="primary" type="submit">保存设置</button></form>`;
}
