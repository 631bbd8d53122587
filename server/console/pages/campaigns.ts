/** The sign-in page, the campaign list and a campaign's overview with figures, charts and exports. */
import { TEMPLATE_KEYS } from '../../../shared/model/campaign';
import type { SummaryFigures } from '../../ledger/figures';
import { figuresSentence } from '../../export/docx-summary';
import { STATUS_GROUPS } from '../../export/layouts/status-split';
import type { UnitRow } from '../../ledger/unit-dashboard';
import type { CampaignDoc } from '../../store/store';
import { barChart, lineChart } from '../charts';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';

const TEMPLATE_LABELS: Record<(typeof TEMPLATE_KEYS)[number], string> = {
  'mass-line': '党的群众路线教育实践活动',
  grassroots: '下基层察民情解民忧暖民心',
  'counselor-contact': '领导干部直接联系服务辅导员',
  excellence: '创先争优',
};

export function loginBody(): SafeHtml {
  return html`<form method="post" action="/console/login">
<p>请输入管理员令牌登录（令牌只在本机浏览器会话中使用，不会保存在页面里）。</p>
<label>令牌 <input type="password" name="token" autocomplete="off" required size="50"></label>
<button type="submit">登录</button></form>`;
}

export function campaignsBody(campaigns: readonly CampaignDoc[], csrf: string): SafeHtml {
  return html`<table><thead><tr><th>活动</th><th>填报单位</th><th>阶段</th><th>成员</th></tr></thead><tbody>
${campaigns.map((c) => html`<tr><td><a href="/console/campaigns/${encodeURIComponent(c.id)}">${c.title}</a></td><td>${c.unit ?? ''}</td><td>${c.stages.map((s) => s.title).join(' → ')}</td><td>${c.memberIds.length}</td></tr>`)}
${campaigns.length === 0 ? html`<tr><td colspan="4">还没有活动</td></tr>` : ''}
</tbody></table>
<fieldset><legend>新建活动</legend><form method="post" action="/console/campaigns">${csrfField(csrf)}
<label>活动名称 <input name="title" required maxlength="200" size="40"></label>
<label>模板 <select name="template"><option value="">（不使用模板）</option>${TEMPLATE_KEYS.map((k) => html`<option value="${k}">${TEMPLATE_LABELS[k]}</option>`)}</select></label>
<label>填报单位 <input name="unit" maxlength="200"></label>
<button type="submit">创建</button></form></fieldset>`;
}

/** Each list with its files: xlsx and csv of the whole list, and for problems and tasks the parts offices report by status. */
const LIST_EXPORTS: Array<{ list: string; label: string; byStatus: boolean }> = [
  { list: 'opinions', label: '意见建议汇总表', byStatus: false },
  { list: 'problems', label: '问题清单', byStatus: true },
  { list: 'tasks', label: '任务清单', byStatus: true },
  { list: 'effects', label: '效果清单', byStatus: false },
  { list: 'study', label: '学习台账（含集体学习记录）', byStatus: false },
  { list: 'talks', label: '谈心谈话台账', byStatus: false },
];

function exportsTable(base: string): SafeHtml {
  const link = (file: string, label: string) => html`<a class="export" href="${base}/export/${file}" download>${label}</a>`;
  return html`<table class="exports"><thead><tr><th>台账</th><th>整表</th><th>按状态（xlsx）</th></tr></thead><tbody>
${LIST_EXPORTS.map(
  (e) =>
    html`<tr><th scope="row">${e.label}</th><td>${link(`${e.list}.xlsx`, 'xlsx')} ${link(`${e.list}.csv`, 'csv')}</td><td>${
      e.byStatus ? STATUS_GROUPS.map((g) => html`${link(`${e.list}.xlsx?status=${g.key}`, g.title)} `) : '—'
    }</td></tr>`,
)}
</tbody></table>
<p>${link('workbook.xlsx', '全部台账（一个工作簿）')} ${link('summary.docx', '工作情况汇总（公文格式 docx）')}</p>`;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function unitsSection(units: readonly UnitRow[]): SafeHtml {
  if (units.length === 0)
    return html`<div class="empty"><strong>还没有可按单位统计的内容。</strong>添加问题和整改任务、成员记录学习和谈话后，这里按单位显示进度。</div>`;
  return html`<div class="table-wrap"><table aria-labelledby="by-unit"><thead><tr><th scope="col">单位</th><th scope="col" class="num">整改事项</th><th scope="col" class="num">已销号</th><th scope="col" class="num">销号率</th><th scope="col" class="num">逾期</th><th scope="col" class="num">成员</th><th scope="col" class="num">学习时长（分钟）</th><th scope="col" class="num">学习达标人数</th><th scope="col" class="num">本季度谈心谈话 / 应谈</th></tr></thead><tbody>
${units.map(
  (u) =>
    html`<tr><td>${u.unit}</td><td class="num">${u.items}</td><td class="num">${u.closed}</td><td class="num">${percent(u.closeRate)}</td><td class="num">${u.overdue ? html`<span class="flag">${u.overdue}</span>` : '0'}</td><td class="num">${u.people}</td><td class="num">${u.studyMinutes}</td><td class="num">${u.peopleMeetingStudy}</td><td class="num">${u.talksThisQuarter}${u.talksOwed !== null ? ` / ${u.talksOwed}` : ''}</td></tr>`,
)}
</tbody></table></div>
${barChart(
  '各单位销号率（%）',
  units.filter((u) => u.closeRate !== null).map((u) => ({ key: u.unit, count: Math.round((u.closeRate ?? 0) * 100) })),
)}
${barChart(
  '各单位学习时长（分钟）',
  units.filter((u) => u.people > 0).map((u) => ({ key: u.unit, count: u.studyMinutes })),
)}`;
}

export function overviewBody(
  campaign: CampaignDoc,
  figures: SummaryFigures,
  range: { from?: string; to?: string },
  units: readonly UnitRow[],
  digest: string,
): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(campaign.id)}`;
  return html`${campaignTabs(campaign.id, '')}
<p class="notice warn" role="note"><a href="${base}/todo">${digest}</a></p>
<form class="card" method="get" action="${base}" aria-label="统计区间"><div class="fields"><label class="field"><span>从</span><input type="date" name="from" value="${range.from ?? ''}"></label><label class="field"><span>到</span><input type="date" name="to" value="${range.to ?? ''}"></label></div><div class="actions"><button type="submit">统计</button></div></form>
<p class="figures">${figuresSentence(figures)}</p>
<div class="stats">
<div class="stat"><b>${figures.opinions.records}</b><span>意见建议（条次）</span></div>
<div class="stat"><b>${figures.opinions.distinct}</b><span>合并后意见</span></div>
<div class="stat"><b>${figures.problems.total}</b><span>问题</span></div>
<div class="stat"><b>${figures.tasks.total}</b><span>整改措施</span></div>
<div class="stat"><b>${figures.tasks.closed}</b><span>已销号</span></div>
<div class="stat"><b>${figures.tasks.overdue}</b><span>逾期未完成</span></div>
<div class="stat"><b>${figures.study.hours}</b><span>学习时长（小时）</span></div>
<div class="stat"><b>${figures.talks.total}</b><span>谈心谈话（次）</span></div>
</div>
${barChart('意见建议按类别', figures.opinions.byCategory)}
${barChart('意见建议按渠道', figures.opinions.byChannel)}
${lineChart('整改任务销号进度（累计）', figures.closureOverTime)}
<h2 id="by-unit">各单位情况</h2>
${unitsSection(units)}
<h2>导出</h2>${exportsTable(base)}`;
}
