/** Campaign members: choose who belongs, and add a new person (their token is shown once). */
import type { CampaignDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';

export function membersBody(campaign: CampaignDoc, users: readonly UserDoc[], csrf: string, newToken?: { name: string; token: string }): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(campaign.id)}/members`;
  return html`${campaignTabs(campaign.id, '/members')}
${newToken ? html`<p class="notice ok">已为 ${newToken.name} 创建令牌（只显示这一次，请转交本人在扩展的设置页填写）：<span class="token">${newToken.token}</span></p>` : ''}
<form method="post" action="${base}">${csrfField(csrf)}
<table><thead><tr><th>成员</th><th>姓名</th><th>单位</th><th>角色</th></tr></thead><tbody>
${users.map((u) => html`<tr><td><input type="checkbox" name="userIds" value="${u.id}" ${campaign.memberIds.includes(u.id) ? 'checked' : ''} aria-label="${u.name}"></td><td>${u.name}</td><td>${u.unit}</td><td>${u.role === 'admin' ? '管理员' : '成员'}</td></tr>`)}
</tbody></table><button type="submit">保存成员</button></form>
<fieldset><legend>添加人员并加入本活动</legend><form method="post" action="${base}/new">${csrfField(csrf)}
<label>姓名 <input name="name" required maxlength="50"></label><label>单位 <input name="unit" required maxlength="100"></label><button type="submit">添加</button></form></fieldset>`;
}
