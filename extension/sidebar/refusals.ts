/**
 * Writes the server refused (protocol v1 `rejected`), turned into what the sidebar tells the user:
 * which of my records are refused, and why in plain Chinese. Pure.
 */
import type { LocalRecord, Rejection } from '../sync/local-store';
import { FORM_SPECS } from './record-form-spec';

/** Field names the server reports (`fields.campaignId`, `entityId` …) as the labels the form shows. */
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(
    Object.values(FORM_SPECS)
      .flat()
      .map((s) => [s.name, s.label.replace(/（.*?）$/, '')]),
  ),
  campaignId: '活动',
  stage: '环节',
  kind: '记录类型',
  page: '来源页面',
  entityId: '记录',
  progress: '进展',
  status: '状态',
  evidence: '佐证材料',
};

/** What the server's codes mean when its message is missing or not Chinese. */
const CODE_TEXT: Record<string, string> = {
  forbidden: '没有权限',
  invalid: '内容不符合要求',
  not_found: '对象不存在',
  unknown_entity: '不支持的数据类型',
};

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

/** One refusal as a sentence: “活动：你不是该活动的成员”. */
export function refusalText(r: Pick<Rejection, 'code' | 'message' | 'field'>): string {
  const reason = r.message && HAS_CHINESE.test(r.message) ? r.message : (CODE_TEXT[r.code] ?? '服务器未接受');
  const name = r.field?.replace(/^fields\./, '');
  const label = name ? FIELD_LABELS[name] : undefined;
  return label && !reason.startsWith(label) ? `${label}：${reason}` : reason;
}

/**
 * Refusals still standing: those of items, and those of records I still have and have not deleted
 * (a deleted record the server never took needs nothing more from the user).
 */
export function openRefusals(rejections: readonly Rejection[], records: readonly LocalRecord[]): Rejection[] {
  const live = new Set(records.filter((r) => !r.fields.deleted).map((r) => r.id));
  return rejections.filter((r) => r.entity !== 'record' || live.has(r.entityId));
}

/** The sync badge's line while something is refused: the reason itself when there is one refusal. */
export function refusalSummary(open: readonly Rejection[]): string | null {
  if (open.length === 0) return null;
  const what = (r: Rejection) => (r.entity === 'item' ? '任务进展' : '记录');
  if (open.length === 1) return `1 条${what(open[0]!)}未被服务器接受（${refusalText(open[0]!)}），请修改后重新保存`;
  return `${open.length} 条记录或任务进展未被服务器接受，请在“我的记录”中查看原因并修改`;
}
