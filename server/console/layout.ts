/** The console's page shell: title, navigation, notices, and the small stylesheet. */
import { html, type SafeHtml } from './html';
import type { Notice } from './flash';

const STYLE = `body{font-family:"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#faf8f5}
header{background:#b22222;color:#fff;padding:10px 20px}header a{color:#fff;margin-right:16px;text-decoration:none}
main{padding:16px 24px;max-width:1200px}table{border-collapse:collapse;width:100%;margin:8px 0 20px;background:#fff}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}th{background:#f3ece4}
.notice{padding:8px 12px;margin:8px 0;border-radius:4px}.error{background:#fdecea;color:#a00}.ok{background:#eaf7ea;color:#174}
.overdue{background:#fdecea}.due-soon{background:#fff7e0}form.inline{display:inline}nav.tabs a{margin-right:14px}
fieldset{border:1px solid #ddd;margin:10px 0;background:#fff}label{margin-right:10px}.token{font-family:monospace;background:#fff3cd;padding:4px}`;

export function page(title: string, body: SafeHtml, opts: { signedIn?: boolean; csrf?: string; notice?: Notice } = {}): string {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} - 台账 活动办公室</title><style>${STYLE}</style></head><body>
<header><strong>台账 · 活动办公室控制台</strong>
${opts.signedIn ? html` <a href="/console">活动列表</a><form class="inline" method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${opts.csrf}"><button type="submit">退出登录</button></form>` : ''}</header>
<main><h1>${title}</h1>
${opts.notice?.error ? html`<div class="notice error" role="alert">${opts.notice.error}</div>` : ''}
${opts.notice?.ok ? html`<div class="notice ok" role="status">${opts.notice.ok}</div>` : ''}
${body}</main></body></html>`.value;
}

export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

export function campaignTabs(campaignId: string): SafeHtml {
  const base = `/console/campaigns/${encodeURIComponent(campaignId)}`;
  return html`<nav class="tabs"><a href="${base}">概况与图表</a><a href="${base}/opinions">意见合并审核</a><a href="${base}/lists">三张清单</a><a href="${base}/ledgers">学习与谈话台账</a><a href="${base}/members">成员</a><a href="${base}/settings">活动设置</a><a href="${base}/audit">操作日志</a></nav>`;
}
