/**
 * What a cadre captures: opinion (意见建议), study (学习记录) and talk (谈心谈话) records.
 * Field names are the ◆ sync protocol v1 contract (DESIGN.md); records travel as per-field
 * last-writer-wins maps, so every field has its own schema and a whole record is checked by kind.
 */
import { z } from 'zod';
import { DateSchema, IdSchema, requiredText, text } from './ids';
import { PageContextSchema } from './page';
import { RECORD_KINDS } from './vocabulary';

export { RECORD_KINDS, type RecordKind } from './vocabulary';
export const RecordKindSchema = z.enum(RECORD_KINDS, { errorMap: () => ({ message: '记录类型应为 opinion、study 或 talk' }) });

/** Default vocabularies from DOMAIN.md (in ./vocabulary, free of zod); a campaign may narrow or extend them. */
export { CHANNELS, FROM_GROUPS, STUDY_MODES } from './vocabulary';

export const MAX_STUDY_MINUTES = 600;

/** Schema of each known field, used to validate a partial (per-field) write. */
export const RECORD_FIELD_SCHEMAS = {
  campaignId: IdSchema,
  kind: RecordKindSchema,
  stage: text(64),
  page: PageContextSchema.nullable(),
  deleted: z.boolean(),
  // opinion (required there by OpinionSchema); talk and study (optional there, so it can be cleared with null)
  content: text(5000).nullable(),
  fromGroup: text(50),
  channel: text(50),
  category: text(50),
  heardOn: DateSchema,
  speaker: text(100).nullable(),
  // study
  topic: text(500),
  mode: text(50),
  studiedOn: DateSchema,
  // Ten hours: more than a whole day of 集中学习 in one record is a typo, and the ledger sums these.
  minutes: z.number().int('应为整数').min(1, '至少 1 分钟').max(MAX_STUDY_MINUTES, `一次学习不超过 ${MAX_STUDY_MINUTES} 分钟`),
  reflection: text(50_000).nullable(),
  // study, when done together (集体学习记录): where, who attended; its 主要内容 is `content`
  place: text(200).nullable(),
  participants: text(2000).nullable(),
  // talk
  counterpart: text(100),
  talkedOn: DateSchema,
  topics: text(1000),
  followUp: text(5000).nullable(),
} as const satisfies Record<string, z.ZodTypeAny>;
export type KnownRecordField = keyof typeof RECORD_FIELD_SCHEMAS;

/** Unknown fields from newer clients are kept; these bounds stop them being abused as storage. */
export const UNKNOWN_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const MAX_UNKNOWN_FIELD_BYTES = 16_384;
/** How deep an unknown field's value may nest (it is stored as given). */
export const MAX_UNKNOWN_FIELD_DEPTH = 8;

const common = {
  campaignId: IdSchema,
  /** The campaign stage; empty or missing, the ledgers place the record by its date. */
  stage: text(64).default(''),
  page: PageContextSchema.nullable().optional(),
  deleted: z.boolean().default(false),
};

export const OpinionSchema = z
  .object({
    ...common,
    kind: z.literal('opinion'),
    content: requiredText(5000),
    fromGroup: requiredText(50),
    channel: requiredText(50),
    category: requiredText(50),
    heardOn: DateSchema,
    speaker: text(100).nullable().optional(),
  })
  .passthrough();

export const StudySchema = z
  .object({
    ...common,
    kind: z.literal('study'),
    topic: requiredText(500),
    mode: requiredText(50),
    studiedOn: DateSchema,
    minutes: RECORD_FIELD_SCHEMAS.minutes,
    reflection: text(50_000).nullable().optional(),
    place: text(200).nullable().optional(),
    participants: text(2000).nullable().optional(),
    content: text(5000).nullable().optional(),
  })
  .passthrough();

export const TalkSchema = z
  .object({
    ...common,
    kind: z.literal('talk'),
    counterpart: requiredText(100),
    talkedOn: DateSchema,
    topics: requiredText(1000),
    content: text(5000).nullable().optional(),
    followUp: text(5000).nullable().optional(),
  })
  .passthrough();

/** A complete record as a form produces it (and as the server's lists read it). */
export const RecordFieldsSchema = z.discriminatedUnion('kind', [OpinionSchema, StudySchema, TalkSchema]);
export type OpinionFields = z.infer<typeof OpinionSchema>;
export type StudyFields = z.infer<typeof StudySchema>;
export type TalkFields = z.infer<typeof TalkSchema>;
export type RecordFields = z.infer<typeof RecordFieldsSchema>;

/** A record as stored: its fields plus who wrote it and the per-field stamps that decide merges. */
export interface StoredRecord {
  id: string;
  ownerId: string;
  fields: Record<string, unknown>;
  /** HLC stamp of the last write that won, per field. */
  stamps: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
