/**
 * The merge review: every grouped opinion with its sources and who heard them, and why its records were
 * put together (the linking terms, marked in each record, and a confidence); the suggestions
 * "可能是同一问题" answered with one click each; merge several (choosing the category when they differ),
 * split records out, rename, and 转为问题 — one opinion or several ticked together — which carries the
 * opinions, their count and category into the 问题清单.
 */
import { DEFAULT_REVIEW, highlight } from '../../../shared/grouping/review';
import type { OpinionSuggestion } from '../../opinions/opinion-grouper';
import type { OpinionItem, OpinionWhy } from '../../opinions/opinion-items';
import type { CampaignLearningView } from '../../opinions/shared-learning';
import type { ItemDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs, csrfField } from '../layout';
import { field } from './lists';

/** How many suggestions the page shows at once: the office answers them from the top. */
export const SUGGESTIONS_SHOWN = 20;

const CONFIDENCE_WORDS = { high: '高', medium: '中', low: '低' } as const;
const percent = (x: number) => `${Number((x * 100).toFixed(1))}%`;
const CONFIDENCE_HINTS = {
  high: `组内每条自动归入的记录与本组前几条记录是同一问题的把握都不低于 ${percent(DEFAULT_REVIEW.likelyHigh)}，基本可以确认是同一问题`,
  medium: `组内最没把握的一条记录与本组前几条记录是同一问题的把握在 ${percent(DEFAULT_REVIEW.likelyMedium)} 到 ${percent(DEFAULT_REVIEW.likelyHigh)} 之间，建议浏览一遍`,
  low: `组内至少有一条记录与本组前几条记录是同一问题的把握低于 ${percent(DEFAULT_REVIEW.likelyMedium)}，请逐条核对，必要时拆分`,
} as const;

/** A text with the linking terms marked. */
function marked(text: string, why: Pick<OpinionWhy, 'terms'> | undefined): SafeHtml {
  if (!why || why.terms.length === 0) return html`${text}`;
  return html`${highlight(
    text,
    why.terms.map((t) => t.term),
  ).map((run) => (run.mark ? html`<mark>${run.text}</mark>` : html`${run.text}`))}`;
}

const termList = (why: Pick<OpinionWhy, 'terms'>) => why.terms.map((t) => t.label).join('、');

/** Why an item's records are together: the confidence (高/中/低, its meaning in words beside it) and the linking terms. */
function whyCell(item: OpinionItem): SafeHtml {
  const why = item.why;
  if (item.mentions < 2) return html`<small>单条记录</small>`;
  // Several records and no confidence: the office put each of them there itself (or the item was built without a reason).
  if (!why?.confidence) return html`<small>${item.manual ? '人工合并，无需核对' : '—'}</small>`;
  const level = why.confidence;
  // The item's own number beside the level's meaning, rounded down so that it never reads as the next level up.
  const own = why.likelihood == null ? '' : `（本组最没把握的一条：${(Math.floor(why.likelihood * 1000) / 10).toFixed(1)}%）`;
  return html`<span class="confidence c-${level}" title="${CONFIDENCE_HINTS[level]}${own}">可信度 ${CONFIDENCE_WORDS[level]}</span>${
    item.manual ? html`<br><small>含人工调整</small>` : ''
  }${why.terms.length > 0 ? html`<br><small>关联词：${termList(why)}</small>` : ''}`;
}

function suggestionCard(
  base: string,
  csrf: string,
  s: OpinionSuggestion,
  byId: ReadonlyMap<string, OpinionItem>,
  categories: readonly string[],
  n: number,
): SafeHtml {
  const [x, y] = s.groupIds.map((id) => byId.get(id)!) as [OpinionItem, OpinionItem];
  const differ = x.category !== y.category;
  const side = (item: OpinionItem) =>
    html`<li><span class="quote">${marked(item.sources[0]?.content ?? item.content, s)}</span><br><small>${item.category} · ${item.mentions} 条记录${item.mentions > 1 ? html` · 意见：${item.content}` : ''}</small></li>`;
  const hidden = html`${csrfField(csrf)}<input type="hidden" name="groupIds" value="${x.id}"><input type="hidden" name="groupIds" value="${y.id}">`;
  return html`<li class="suggestion" data-suggestion="${x.id} ${y.id}">
<p id="suggestion-${n}"><strong>建议 ${n}</strong>：关联词 ${s.terms.length > 0 ? html`<mark>${termList(s)}</mark>` : '（无）'}<small>（是同一问题的可能性 ${s.similarity.toFixed(2)}）</small></p>
<ul class="pair">${side(x)}${side(y)}</ul>
<div class="row-actions"><form class="inline" method="post" action="${base}/suggestions/accept">${hidden}${
    differ
      ? html`<label>合并后类别 <select name="category" required><option value="">请选择</option>${[...new Set([x.category, y.category, ...categories])]
          .filter(Boolean)
          .map((c) => html`<option value="${c}">${c}</option>`)}</select></label> `
      : ''
  }<button type="submit" class="primary">是同一问题，合并</button></form>
<form class="inline" method="post" action="${base}/suggestions/reject">${hidden}<button type="submit">不是同一问题</button></form></div>
</li>`;
}

/** The suggestions "可能是同一问题", most similar first; each answered with one click. */
function suggestionsSection(base: string, d: OpinionsData, byId: ReadonlyMap<string, OpinionItem>): SafeHtml {
  const shown = d.suggestions.filter((s) => s.groupIds.every((id) => byId.has(id))).slice(0, SUGGESTIONS_SHOWN);
  if (shown.length === 0) return html``;
  const more = d.suggestions.length - shown.length;
  return html`<section class="card" aria-labelledby="suggestions-title"><h2 id="suggestions-title">可能是同一问题（${d.suggestions.length} 条建议）</h2>
<p><small>下列两两意见用词相近（标记的是关联词），系统判断可能是同一问题，但把握不足以自动合并。是同一问题就合并；不是，则以后不会再自动合并，也不再提示。你的判断只用于本活动的自动合并，不影响其他活动（除非管理员在其他活动的“分组经验”中共享了本活动的经验）。</small></p>
<ol class="suggestions">${shown.map((s, i) => suggestionCard(base, d.csrf, s, byId, d.categories, i + 1))}</ol>${
    more > 0 ? html`<p><small>另有 ${more} 条建议，处理以上建议后显示。</small></p>` : ''
  }</section>`;
}

export interface OpinionsData {
  campaignId: string;
  items: readonly OpinionItem[];
  /** The suggestions "可能是同一问题" between the items, most similar first. */
  suggestions: readonly OpinionSuggestion[];
  /** The campaign's problems, to mark opinions already turned into one. */
  problems: readonly ItemDoc[];
  /** User id → name: who heard each record. */
  names: ReadonlyMap<string, string>;
  categories: readonly string[];
  /** What the campaign's grouping learns from: its own answers and the shares from other campaigns. */
  learning: CampaignLearningView;
  /** The other campaigns an admin may share learning from. */
  otherCampaigns: ReadonlyArray<{ id: string; title: string }>;
  csrf: string;
  /** Only the items the office should check record by record (`?check=low`). */
  onlyDoubtful?: boolean;
}

/**
 * 分组经验: what this campaign's answers taught its grouping, and other campaigns' learning an admin
 * shared with it (opinions/shared-learning.ts) — each can be withdrawn; sharing again from the same
 * campaign takes its latest answers.
 */
function learningSection(base: string, d: OpinionsData): SafeHtml {
  const { own, shared } = d.learning;
  const sharedFrom = new Set(shared.map((s) => s.fromCampaignId));
  return html`<details class="card" id="learning"${shared.length > 0 ? ' open' : ''}><summary><h2 id="learning-title">分组经验（本活动判断 ${own.verdicts} 次${
    shared.length > 0 ? html`，共享自其他活动 ${shared.length} 项` : ''
  }）</h2></summary>
<p><small>办公室对“是/不是同一问题”的判断会调整本活动自动合并时各关联词的权重。这些经验只用于本活动；管理员可以把其他活动的经验共享到本活动：只复制那时的词语权重，不复制那个活动的意见记录和判断，随时可以撤回。</small></p>
${
  shared.length === 0
    ? html`<p><small>尚未共享其他活动的经验。</small></p>`
    : html`<ul class="shares">${shared.map(
        (s) =>
          html`<li data-share="${s.fromCampaignId}"><strong>${s.fromTitle}</strong>：${s.verdicts} 次判断，调整 ${s.terms} 个词${
            s.strongest.length > 0 ? html`（影响最大：${s.strongest.map((t) => `${t.label} ×${t.weight.toFixed(2)}`).join('、')}）` : ''
          }<br><small>共享于 ${s.sharedAt.slice(0, 10)}</small>
<form class="inline" method="post" action="${base}/learning/withdraw">${csrfField(d.csrf)}<input type="hidden" name="fromCampaignId" value="${s.fromCampaignId}"><button type="submit">撤回</button></form></li>`,
      )}</ul>`
}
${
  d.otherCampaigns.length === 0
    ? ''
    : html`<form method="post" action="${base}/learning/share">${csrfField(d.csrf)}
${field('共享哪个活动的经验', html`<select name="fromCampaignId" required><option value="">请选择活动</option>${d.otherCampaigns.map((c) => html`<option value="${c.id}">${c.title}${sharedFrom.has(c.id) ? '（已共享，再次共享将更新）' : ''}</option>`)}</select>`)}
<div class="actions"><button type="submit">共享到本活动</button></div></form>`
}</details>`;
}

/** Items the office should check record by record: several records, and the pair model least sure of one of them. */
const isDoubtful = (item: OpinionItem) => item.mentions >= 2 && item.why?.confidence === 'low';

/** How many items are 低, and the way to see only them (`?check=low`) or everything again. */
function doubtfulLine(base: string, d: OpinionsData): SafeHtml {
  const n = d.items.filter(isDoubtful).length;
  if (d.onlyDoubtful)
    return html`<p class="doubtful">当前只显示可信度<span class="confidence c-low">低</span>、请逐条核对的 ${n} 条意见。<a href="${base}">显示全部意见</a></p>`;
  if (n === 0) return html`<p class="doubtful">没有可信度低的意见。</p>`;
  return html`<p class="doubtful">可信度<span class="confidence c-low">低</span>、请逐条核对的意见有 ${n} 条：<a href="${base}?check=low">只看这些</a></p>`;
}

export function opinionsBody(d: OpinionsData): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(d.campaignId)}/opinions`;
  const listsPath = `/console/campaigns/${encodeURIComponent(d.campaignId)}/lists`;
  const problemsOf = (groupId: string) => d.problems.filter((p) => p.sourceItemIds.includes(groupId));
  const records = d.items.reduce((n, i) => n + i.mentions, 0);
  const turned = d.items.filter((i) => problemsOf(i.id).length > 0).length;
  const byId = new Map(d.items.map((i) => [i.id, i]));
  if (d.items.length === 0) {
    return html`${campaignTabs(d.campaignId, '/opinions')}<div class="empty"><strong>还没有意见建议。</strong>成员在浏览器扩展中记录的意见会自动汇总到这里，相同的意见自动合并为一条。</div>
${learningSection(base, d)}`;
  }
  return html`${campaignTabs(d.campaignId, '/opinions')}
<p>共 ${d.items.length} 条意见（${records} 条次），已转为问题 ${turned} 条。同一问题多人反映的已自动合并；人工的合并、拆分和改名优先于自动合并，新记录到来时保持不变。</p>
<p class="legend"><small>“合并依据”列说明自动合并的理由：关联词是使这些记录相似的共同字词（在原文中以底色标出）；可信度看组内最没把握的一条自动归入的记录：模型估计它与本组前几条记录是同一问题的把握（人工放入的记录不计），分为<span class="confidence c-high">高</span>（不低于 ${percent(DEFAULT_REVIEW.likelyHigh)}）、<span class="confidence c-medium">中</span>（${percent(DEFAULT_REVIEW.likelyMedium)}–${percent(DEFAULT_REVIEW.likelyHigh)}）、<span class="confidence c-low">低</span>（低于 ${percent(DEFAULT_REVIEW.likelyMedium)}，请逐条核对）。</small></p>
${doubtfulLine(base, d)}
${suggestionsSection(base, d, byId)}
<form class="card" id="merge-form" method="post" action="${base}/merge" aria-labelledby="merge-title">${csrfField(d.csrf)}
<h2 id="merge-title">对勾选的意见</h2>
<div class="fields">
${field('合并后标题（可选）', html`<input name="title" maxlength="500">`)}
${field('合并后类别', html`<select name="category"><option value="">（类别相同时不必选）</option>${d.categories.map((c) => html`<option value="${c}">${c}</option>`)}</select>`)}
</div>
<div class="actions"><button type="submit">合并为一条意见</button><button type="submit" formaction="${base}/to-problem">转为一个问题</button></div></form>
<div class="table-wrap"><table><thead><tr><th scope="col">选择</th><th scope="col">意见</th><th scope="col">类别</th><th scope="col" class="num">次数</th><th scope="col">合并依据</th><th scope="col">反映人群 / 渠道</th><th scope="col">来源记录与记录人</th><th scope="col">操作</th></tr></thead><tbody>
${(d.onlyDoubtful ? d.items.filter(isDoubtful) : d.items).map((item) => {
  const problems = problemsOf(item.id);
  return html`<tr data-group="${item.id}">
<td><input type="checkbox" name="groupIds" value="${item.id}" form="merge-form" aria-label="选择：${item.content.slice(0, 30)}"></td>
<td class="content">${item.content}${item.manual ? html`<span class="tag">人工</span>` : ''}${problems.map((p) => html`<br><small>已转为问题：<a href="${listsPath}#problems">${p.title}</a></small>`)}</td>
<td>${item.category}</td><td class="mentions num">${item.mentions}</td>
<td class="why">${whyCell(item)}</td>
<td>${item.fromGroups.join('、')}<br><small>${item.channels.join('、')}</small></td>
<td><details${item.mentions <= 3 ? ' open' : ''}><summary>${item.mentions} 条记录</summary>
<form method="post" action="${base}/${encodeURIComponent(item.id)}/split">${csrfField(d.csrf)}
${item.sources.map(
  (s) =>
    html`<div><label><input type="checkbox" name="recordIds" value="${s.recordId}"${item.mentions > 1 ? '' : ' disabled'}> ${item.mentions > 1 ? marked(s.content, item.why) : s.content}</label><br><small>记录人 ${d.names.get(s.ownerId) ?? '（已删除的用户）'} · ${s.fromGroup} · ${s.channel} · ${s.heardOn}${s.page ? html` · <a href="${safeUrl(s.page.url)}" rel="noopener noreferrer" target="_blank">${s.page.title || s.page.url}</a>` : ''}</small></div>`,
)}
${item.mentions > 1 ? html`<div class="actions"><button type="submit">拆分所选记录</button></div>` : ''}</form></details></td>
<td><div class="row-actions">${problems.length === 0 ? html`<form class="inline" method="post" action="${base}/to-problem">${csrfField(d.csrf)}<input type="hidden" name="groupIds" value="${item.id}"><button type="submit">转为问题</button></form>` : ''}
<details><summary>改名</summary><form method="post" action="${base}/${encodeURIComponent(item.id)}/rename">${csrfField(d.csrf)}${field('新标题', html`<input name="title" maxlength="500" value="${item.content}">`)}<div class="actions"><button type="submit">改名</button></div></form></details></div></td>
</tr>`;
})}
</tbody></table></div>
${learningSection(base, d)}`;
}

/** Only http(s) links become clickable; anything else (javascript:, data:) is shown inert. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
