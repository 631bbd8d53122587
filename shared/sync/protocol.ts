/**
 * Sync protocol v1 (◆ DESIGN.md), modelled on Replicache push/pull.
 * The request and reply shapes here are the public contract: change them only by versioning.
 */
import { z } from 'zod';
import { CampaignSchema } from '../model/campaign';
import { IdSchema } from '../model/ids';
import { ListItemSchema } from '../model/list-item';

export const PROTOCOL_VERSION = 1;

/** What a client may push: its own records, and progress on list items assigned to it. */
export const PUSH_ENTITIES = ['record', 'item'] as const;
/** What a pull returns. */
export const PULL_ENTITIES = ['record', 'campaign', 'item'] as const;
export type PullEntityKind = (typeof PULL_ENTITIES)[number];

const HlcStringSchema = z.string().regex(/^\d{13}-[0-9a-f]{4}-[A-Za-z0-9_-]{1,64}$/, 'hlc 格式应为 <13 位毫秒>-<4 位十六进制>-<clientId>');

export const MutationSchema = z.object({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Validated per mutation (an unknown kind is rejected, not fatal to the batch). */
  entity: z.string().max(32),
  entityId: IdSchema,
  hlc: HlcStringSchema,
  /**
   * Field writes; checked per field by the entity's rules. Taken as given (not copied key by key,
   * as z.record would), so a key the rules must refuse, such as `__proto__`, reaches them.
   */
  fields: z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length <= 200,
    'fields 应为对象（最多 200 个字段）',
  ),
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION, { errorMap: () => ({ message: '协议版本不受支持（应为 1）' }) }),
  clientId: IdSchema,
  mutations: z.array(MutationSchema).max(1000, '一次最多推送 1000 条变更'),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const RejectedMutationSchema = z.object({ id: z.number().int(), code: z.string(), message: z.string(), field: z.string().optional() });
export type RejectedMutation = z.infer<typeof RejectedMutationSchema>;
export const PushResponseSchema = z.object({ lastMutationID: z.number().int().min(0), rejected: z.array(RejectedMutationSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const CursorSchema = z.object({
  epoch: z.string().max(64),
  seq: z.number().int().min(0),
});
export type Cursor = z.infer<typeof CursorSchema>;

export const PullRequestSchema = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION, { errorMap: () => ({ message: '协议版本不受支持（应为 1）' }) }),
  clientId: IdSchema,
  cursor: CursorSchema.nullable(),
  limit: z.number().int().min(1).max(5000).default(500),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

/** What the server sends for one changed document (server/sync/pull.ts builds it). */
export interface PulledEntity {
  entity: PullEntityKind;
  id: string;
  seq: number;
  data: Record<string, unknown>;
  deleted: boolean;
}

/**
 * What a client may rely on in each kind of pulled entity; the extension checks every pull against
 * it before storing anything. Fields beyond these pass through: a newer server may add some, and a
 * record carries the fields its owner wrote, unknown ones included (◆ unknown fields are preserved).
 */
const entityHead = { id: IdSchema, seq: z.number().int().min(0) };
/** A campaign or item the caller no longer sees: only enough to drop the local copy. */
const GoneSchema = z.object({ id: IdSchema, campaignId: IdSchema }).passthrough();
export const PulledRecordDataSchema = z.object({ campaignId: IdSchema.optional(), updatedAt: z.string() }).passthrough();
export const PulledEntitySchema = z.union([
  z.object({ ...entityHead, entity: z.literal('record'), deleted: z.boolean(), data: PulledRecordDataSchema }),
  z.object({ ...entityHead, entity: z.literal('campaign'), deleted: z.literal(false), data: CampaignSchema.passthrough() }),
  z.object({ ...entityHead, entity: z.literal('item'), deleted: z.literal(false), data: ListItemSchema.passthrough() }),
  z.object({ ...entityHead, entity: z.enum(['campaign', 'item']), deleted: z.literal(true), data: GoneSchema }),
]);

export const PullResponseSchema = z.object({
  cursor: CursorSchema,
  hasMore: z.boolean(),
  reset: z.boolean(),
  lastMutationID: z.number().int().min(0),
  entities: z.array(PulledEntitySchema),
});
export interface PullResponse {
  cursor: Cursor;
  hasMore: boolean;
  reset: boolean;
  lastMutationID: number;
  entities: PulledEntity[];
}
// The checked shape is a refinement of what the server builds: a parsed pull is a PullResponse.
type Refines<A extends B, B> = A;
export type CheckedPull = Refines<z.output<typeof PullResponseSchema>, PullResponse>;
