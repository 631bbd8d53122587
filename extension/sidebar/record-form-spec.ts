/**
 * The three capture forms as data: which fields each kind has (DOMAIN.md), their Chinese labels,
 * and where a select's options come from. The form component renders from this.
 */
import type { Campaign } from '../../shared/model/campaign';
import { CHANNELS, FROM_GROUPS, STUDY_MODES, isCollectiveMode, type RecordKind } from '../../shared/model/vocabulary';

export type FieldInput = 'text' | 'textarea' | 'select' | 'date' | 'number';

export interface FieldSpec {
  name: string;
  label: string;
  input: FieldInput;
  required: boolean;
  options?: (campaign: Campaign | null) => readonly string[];
  placeholder?: string;
  /** Shown (and saved) only when this holds for the form's values. */
  shownWhen?: (values: Record<string, string>) => boolean;
}

/** 地点, 参加人员 and 主要内容 belong to a session held together (集体学习记录), not to 自学. */
const together = (values: Record<string, string>) => isCollectiveMode(values.mode ?? '');

const nonEmpty = (list: readonly string[] | undefined, fallback: readonly string[]) => (list && list.length > 0 ? list : fallback);

export const KIND_LABELS: Record<RecordKind, string> = { opinion: '意见建议', study: '学习记录', talk: '谈心谈话' };

export const FORM_SPECS: Record<RecordKind, FieldSpec[]> = {
  opinion: [
    { name: 'content', label: '内容', input: 'textarea', required: true, placeholder: '原话或概括' },
    { name: 'fromGroup', label: '反映人群', input: 'select', required: true, options: (c) => nonEmpty(c?.fromGroups, FROM_GROUPS) },
    { name: 'channel', label: '渠道', input: 'select', required: true, options: (c) => nonEmpty(c?.channels, CHANNELS) },
    { name: 'category', label: '类别', input: 'select', required: true, options: (c) => c?.categories ?? [] },
    { name: 'heardOn', label: '听取日期', input: 'date', required: true },
    { name: 'speaker', label: '反映人（选填，仅本人可见）', input: 'text', required: false, placeholder: '默认匿名' },
  ],
  study: [
    { name: 'topic', label: '学习内容', input: 'text', required: true },
    { name: 'mode', label: '学习形式', input: 'select', required: true, options: () => STUDY_MODES },
    { name: 'studiedOn', label: '学习日期', input: 'date', required: true },
    { name: 'minutes', label: '时长（分钟）', input: 'number', required: true },
    { name: 'place', label: '地点', input: 'text', required: false, shownWhen: together },
    { name: 'participants', label: '参加人员', input: 'text', required: false, placeholder: '姓名以顿号分隔', shownWhen: together },
    { name: 'content', label: '主要内容', input: 'textarea', required: false, shownWhen: together },
    { name: 'reflection', label: '心得体会', input: 'textarea', required: false },
  ],
  talk: [
    { name: 'counterpart', label: '谈话对象', input: 'text', required: true },
    { name: 'talkedOn', label: '谈话日期', input: 'date', required: true },
    { name: 'topics', label: '谈话主题', input: 'text', required: true },
    { name: 'content', label: '反映的意见', input: 'textarea', required: false },
    { name: 'followUp', label: '后续跟进', input: 'textarea', required: false },
  ],
};

/** The date field that decides the stage. */
export const DATE_FIELD: Record<RecordKind, string> = { opinion: 'heardOn', study: 'studiedOn', talk: 'talkedOn' };

/**
 * Form strings → record fields: numbers parsed, optional blanks as `null`. A blank must travel
 * as null, not be left out: an edit merges over the stored fields, and a left-out field would keep
 * its old value (a cleared private speaker name would survive).
 */
export function toRecordFields(kind: RecordKind, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { kind };
  // A hidden field is left out: 自学 records carry no session fields, and an edit that hides them keeps
  // what they held (the ledgers read them only for sessions held together).
  for (const spec of shownFields(kind, values)) {
    const raw = (values[spec.name] ?? '').trim();
    if (!raw && !spec.required) {
      out[spec.name] = null;
      continue;
    }
    out[spec.name] = spec.input === 'number' ? (raw === '' ? undefined : Number(raw)) : raw;
  }
  return out;
}

/** The fields the form shows for these values. */
export const shownFields = (kind: RecordKind, values: Record<string, string>) => FORM_SPECS[kind].filter((spec) => !spec.shownWhen || spec.shownWhen(values));

/** Record fields → form strings, for editing. */
export function toFormValues(kind: RecordKind, fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of FORM_SPECS[kind]) {
    const v = fields[spec.name];
    out[spec.name] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}
