/** Which field writes a push may carry, per entity: the schema of each known field and bounds on unknown ones. */
import { ASSIGNEE_STATUS_RULE } from '../../shared/model/item-status';
import { ListItemSchema, ASSIGNEE_EDITABLE_ITEM_FIELDS, ASSIGNEE_SETTABLE_STATUSES, type ItemStatus } from '../../shared/model/list-item';
import {
  MAX_UNKNOWN_FIELD_BYTES,
  MAX_UNKNOWN_FIELD_DEPTH,
  OpinionSchema,
  RECORD_FIELD_SCHEMAS,
  RecordFieldsSchema,
  StudySchema,
  TalkSchema,
  UNKNOWN_FIELD_NAME,
  type RecordKind,
} from '../../shared/model/record';
import { jsonShapeProblem } from '../../shared/json-bounds';
import { describeZodError } from '../http/zod-message';
import type { RejectedMutation } from '../../shared/sync/protocol';

export type FieldProblem = Omit<RejectedMutation, 'id'>;

/**
 * Names every plain object answers to (constructor, toString, valueOf, __proto__…). A field named
 * so would read the prototype instead of the record's own data on a later lookup, so it is never
 * a valid field name, known or unknown.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The schema of a known record field; own properties only, so `constructor` is not "known". */
function recordFieldSchema(name: string) {
  return Object.hasOwn(RECORD_FIELD_SCHEMAS, name) ? RECORD_FIELD_SCHEMAS[name as keyof typeof RECORD_FIELD_SCHEMAS] : undefined;
}

/** The first problem with a record write, or null. Unknown fields from newer clients are kept within bounds. */
export function checkRecordFields(fields: Record<string, unknown>): FieldProblem | null {
  for (const [name, value] of Object.entries(fields)) {
    if (PROTOTYPE_NAMES.has(name)) return { code: 'invalid', message: `字段名 ${name} 是保留名称，不能使用`, field: `fields.${name}` };
    const schema = recordFieldSchema(name);
    if (!schema && !UNKNOWN_FIELD_NAME.test(name)) return { code: 'invalid', message: `字段名 ${name} 无效`, field: `fields.${name}` };
    if (value === undefined) return { code: 'invalid', message: `字段 ${name} 没有值`, field: `fields.${name}` };
    // Every value as given first: nesting, size (unknown fields), storable text and keys anywhere
    // inside (a page's extra fields would otherwise lose a `__proto__` key in zod without a word).
    const shape = jsonShapeProblem(
      value,
      schema ? { maxDepth: MAX_UNKNOWN_FIELD_DEPTH } : { maxDepth: MAX_UNKNOWN_FIELD_DEPTH, maxBytes: MAX_UNKNOWN_FIELD_BYTES },
    );
    if (shape) return { code: shape.code, message: `字段 ${name}：${shape.message}`, field: ['fields', name, ...shape.path].join('.') };
    if (schema) {
      const result = schema.safeParse(value);
      if (!result.success) {
        const { message } = describeZodError(result.error);
        return { code: 'invalid', message: `字段 ${name}：${message}`, field: `fields.${name}` };
      }
    }
  }
  return null;
}

/**
 * Fields a record of each kind must keep: the per-field schemas accept null where some kind may
 * leave a field empty (a talk's content), so whether null may clear a field depends on the kind.
 */
function requiredFields(shape: Record<string, { safeParse(v: unknown): { success: boolean }; isOptional(): boolean }>): ReadonlySet<string> {
  return new Set(
    Object.entries(shape)
      .filter(([, field]) => !field.safeParse(null).success && !field.isOptional())
      .map(([name]) => name),
  );
}
const REQUIRED_BY_KIND: Record<RecordKind, ReadonlySet<string>> = {
  opinion: requiredFields(OpinionSchema.shape),
  study: requiredFields(StudySchema.shape),
  talk: requiredFields(TalkSchema.shape),
};

/** A write that would clear a field its record's kind requires (e.g. an opinion's content), or null. */
export function checkRequiredNotCleared(kind: unknown, fields: Record<string, unknown>): FieldProblem | null {
  if (kind !== 'opinion' && kind !== 'study' && kind !== 'talk') return null;
  for (const [name, value] of Object.entries(fields)) {
    if (value === null && REQUIRED_BY_KIND[kind].has(name)) {
      return { code: 'invalid', message: `字段 ${name} 是必填项，不能清空`, field: `fields.${name}` };
    }
  }
  return null;
}

/** An assignee's write to their item: only progress, status (to in_progress / done) and evidence. */
export function checkAssigneeItemFields(fields: Record<string, unknown>): FieldProblem | null {
  for (const [name, value] of Object.entries(fields)) {
    const shape = jsonShapeProblem(value, { maxDepth: 2 });
    if (shape) return { code: shape.code, message: `字段 ${name}：${shape.message}`, field: ['fields', name, ...shape.path].join('.') };
    if (!(ASSIGNEE_EDITABLE_ITEM_FIELDS as readonly string[]).includes(name)) {
      return { code: 'forbidden', message: `责任人不能修改事项的 ${name} 字段`, field: `fields.${name}` };
    }
    const schema = ListItemSchema.shape[name as (typeof ASSIGNEE_EDITABLE_ITEM_FIELDS)[number]];
    const result = schema.safeParse(value);
    if (!result.success) {
      return { code: 'invalid', message: `字段 ${name}：${describeZodError(result.error).message}`, field: `fields.${name}` };
    }
    if (name === 'status' && !ASSIGNEE_SETTABLE_STATUSES.includes(value as ItemStatus)) {
      return { code: 'forbidden', message: ASSIGNEE_STATUS_RULE, field: 'fields.status' };
    }
  }
  return null;
}

/**
 * A record as a whole, after the per-field merge: every field its kind requires, each within its
 * bounds. Field-by-field checks alone let a record be built up from parts that are each valid but
 * together are not (an opinion with no content, an opinion turned into a study with no topic). A
 * deleted record only has to keep its campaign and kind.
 */
export function checkWholeRecord(fields: Record<string, unknown>): FieldProblem | null {
  if (fields.deleted === true) return null;
  const result = RecordFieldsSchema.safeParse(fields);
  if (result.success) return null;
  const { message, field } = describeZodError(result.error, 'fields');
  const kind = typeof fields.kind === 'string' ? fields.kind : '';
  const label = kind === 'opinion' ? '意见建议' : kind === 'study' ? '学习记录' : kind === 'talk' ? '谈心谈话记录' : '记录';
  return { code: 'invalid', message: `这条${label}不完整或有误：${message}`, ...(field ? { field } : {}) };
}
