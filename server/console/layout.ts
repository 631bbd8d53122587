/** The console's page shell: title, navigation, notices; the look is assets/console.css, served by stylesheet.ts. */
import { html, type SafeHtml } from './html';
import type { Notice } from './flash';
import { STYLESHEET_PATH } from './stylesheet';

export function page(title: string, body: SafeHtml, opts: { signedIn?: boolean; csrf?: string; notice?: Notice } = {}): string {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} - 台账 活动办公室</title><link rel="stylesheet" href="${STYLESHEET_PATH}"></head><body>
<a class="skip" href="#main">跳到正文</a>
<header class="top"><span class="brand">台账 · 活动办公室</span>
${opts.signedIn ? html`<nav aria-label="全局"><a href="/console">活动列表</a> <a href="/console/extension">扩展分发</a></nav><span class="spacer"></span><form class="inline" method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${opts.csrf}"><button class="button" type="submit">退出登录</button></form>` : ''}</header>
<main id="main"><h1>${title}</h1>
${opts.notice?.error ? html`<div class="notice error" role="alert">${opts.notice.error}</div>` : ''}
${opts.notice?.ok ? html`<div class="notice ok" role="status">${opts.notice.ok}</div>` : ''}
${body}</main></body></html>`.value;
}

export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

const TABS: Array<[path: string, label: string]> = [
  ['', '概况与图表'],
  ['/todo', '待办'],
  ['/opinions', '意见合并审核'],
  ['/lists', '三张清单'],
  ['/ledgers', '学习与谈话台账'],
  ['/members', '成员'],
  ['/settings', '活动设置'],
  ['/audit', '操作日志'],
];

/** The campaign's pages; `current` (the path after the campaign, '' for the overview) is marked for screen readers and the eye. */
export function campaignTabs(campaignId: string, current?: string): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(campaignId)}`;
  return html`<nav class="tabs" aria-label="活动页面">${TABS.map(
    ([path, label]) => html`<a href="${base}${path}"${path === current ? html` aria-current="page"` : ''}>${label}</a>`,
  )}</nav>`;
}
