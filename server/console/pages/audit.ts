/** A campaign's audit log in the console: who changed what and when, newest first, read-only. */
import type { AuditDoc, UserDoc } from '../../store/store';
import { html, type SafeHtml } from '../html';
import { campaignTabs } from '../layout';

/** Keeps the page readable: details past this length are cut (the full entry stays in the store and API). */
const DETAIL_CHARS = 300;

const detail = (v: unknown) => {
  if (v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > DETAIL_CHARS ? `${s.slice(0, DETAIL_CHARS)}…` : s;
};

export function auditBody(campaignId: string, entries: readonly AuditDoc[], users: readonly UserDoc[]): SafeHtml {
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? id;
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq);
  return html`${campaignTabs(campaignId)}
<p>共 ${sorted.length} 条操作记录（只读，不可修改）。</p>
<table class="audit"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>修改前</th><th>修改后</th></tr></thead><tbody>
${sorted.map((e) => html`<tr data-action="${e.action}"><td>${e.at.replace('T', ' ').slice(0, 19)}</td><td>${name(e.actorId)}</td><td>${e.action}</td><td>${e.entity} ${e.entityId}</td><td><small>${detail(e.before)}</small></td><td><small>${detail(e.after)}</small></td></tr>`)}
</tbody></table>`;
}
