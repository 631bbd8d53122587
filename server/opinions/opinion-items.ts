/**
 * The consolidated opinion list (意见建议汇总表) built from a campaign's records and the office's
 * grouping decisions: pure, so it is tested without a server.
 */
import type { GroupDecision, OpinionGroup, OpinionInput } from '../../shared/grouping/cluster';
import { campaignReview, DEFAULT_LEARNING, type OfficeVerdict, type SharedWeights } from '../../shared/grouping/learning';
import { reviewOpinions, termWords, type Confidence, type GroupExplanation } from '../../shared/grouping/review';
import type { GroupDoc, RecordDoc } from '../store/store';

/** One source of a grouped opinion. The speaker's name is private and never leaves the record. */
export interface OpinionSource {
  recordId: string;
  ownerId: string;
  content: string;
  fromGroup: string;
  channel: string;
  category: string;
  heardOn: string;
  stage: string;
  page: { url: string; title: string; quote?: string; docNumber?: string | null } | null;
}

export interface OpinionItem {
  id: string;
  /** The office's title when renamed, else the first record's words. */
  content: string;
  category: string;
  mentions: number;
  recordIds: string[];
  manual: boolean;
  fromGroups: string[];
  channels: string[];
  firstHeardOn: string;
  lastHeardOn: string;
  sources: OpinionSource[];
  /** Why its records were put together (shared/grouping/review.ts); absent on items built without it. */
  why?: OpinionWhy;
}

export interface OpinionWhy {
  /** Average similarity between the item's records, 0–1 (0 for a single record). */
  cohesion: number;
  /**
   * How sure the pair model is of the item's least sure record, 0–1 (shared/grouping/review.ts); null for a single
   * record, and for an item whose records the office placed there itself (a merge, an accepted suggestion).
   */
  likelihood: number | null;
  /** 高 / 中 / 低 (`high` / `medium` / `low`) from `likelihood`; null where it is null. */
  confidence: Confidence | null;
  /** The linking terms, strongest first: `term` as the grouping knows it (`u:价`, `c:price`), `label` as the office reads it. */
  terms: Array<{ term: string; label: string }>;
}

/** A group as the grouping worker sends it: the group and why it holds its records. */
export type ExplainedGroup = OpinionGroup & { why?: GroupExplanation };

export const whyOf = (e: GroupExplanation): OpinionWhy => ({
  cohesion: Math.round(e.cohesion * 1000) / 1000,
  // Rounded down, so that an item just under a cut point never reads as at it (its confidence is the unrounded one's).
  likelihood: e.likelihood == null ? null : Math.floor(e.likelihood * 1000) / 1000,
  confidence: e.confidence,
  terms: e.terms.map((term) => ({ term, label: termWords(term).label })),
});

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function isLiveOpinion(r: RecordDoc): boolean {
  return r.fields.kind === 'opinion' && r.fields.deleted !== true && str(r.fields.content).trim() !== '';
}

export function sourceOf(r: RecordDoc): OpinionSource {
  const f = r.fields;
  const page = f.page && typeof f.page === 'object' ? (f.page as Record<string, unknown>) : null;
  return {
    recordId: r.id,
    ownerId: r.ownerId,
    content: str(f.content),
    fromGroup: str(f.fromGroup),
    channel: str(f.channel),
    category: str(f.category),
    heardOn: str(f.heardOn),
    stage: str(f.stage),
    page: page
      ? {
          url: str(page.url),
          title: str(page.title),
          quote: str(page.quote) || undefined,
          docNumber: typeof page.docNumber === 'string' ? page.docNumber : null,
        }
      : null,
  };
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set([...values].filter((v) => v !== ''))];
}

function majority(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  // First-seen wins ties, so the representative record's category leads.
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

export function toDecision(g: GroupDoc): GroupDecision {
  return { id: g.id, pinnedRecordIds: g.pinnedRecordIds, excludedRecordIds: g.excludedRecordIds, title: g.title, category: g.category };
}

/** The campaign's grouping decisions proper, in the order they were last written (verdicts and shares are not groups). */
export const decisionsOf = (docs: readonly GroupDoc[]): GroupDecision[] =>
  docs
    .filter((d) => !d.verdict && !d.shared)
    .sort((a, b) => a.seq - b.seq)
    .map(toDecision);

/** The office's answers (是同一问题 / 不是同一问题) kept among the campaign's decisions. */
export const verdictsOf = (docs: readonly GroupDoc[]): OfficeVerdict[] =>
  docs.flatMap((d) => (d.verdict ? [{ answer: d.verdict.answer, left: d.verdict.left, right: d.verdict.right }] : []));

/** What admins shared with the campaign from others' learning (opinions/shared-learning.ts), in force, oldest first. */
export const sharedOf = (docs: readonly GroupDoc[]): SharedWeights[] => sharesInForce(docs).map((d) => d.shared.weights);

/** The documents of the shares in force (not withdrawn), oldest first. */
export const sharesInForce = (docs: readonly GroupDoc[]): Array<GroupDoc & { shared: NonNullable<GroupDoc['shared']> }> =>
  docs.filter((d): d is GroupDoc & { shared: NonNullable<GroupDoc['shared']> } => d.shared !== undefined && !d.shared.withdrawn).sort((a, b) => a.seq - b.seq);

export function groupsToItems(groups: readonly ExplainedGroup[], records: ReadonlyMap<string, RecordDoc>): OpinionItem[] {
  return groups.map((g) => groupToItem(g, records));
}

export function groupToItem(g: ExplainedGroup, records: ReadonlyMap<string, RecordDoc>): OpinionItem {
  return itemOf(
    g,
    g.recordIds.map((id) => sourceOf(records.get(id)!)),
  );
}

/** The item of a group whose sources (one per record id, in order) are already read. */
export function itemOf(g: ExplainedGroup, sources: OpinionSource[]): OpinionItem {
  const dates = sources
    .map((s) => s.heardOn)
    .filter(Boolean)
    .sort();
  return {
    id: g.id,
    content: g.title || sources[0]!.content,
    category: g.category || majority(sources.map((s) => s.category)),
    mentions: sources.length,
    recordIds: [...g.recordIds],
    manual: g.manual,
    fromGroups: distinct(sources.map((s) => s.fromGroup)),
    channels: distinct(sources.map((s) => s.channel)),
    firstHeardOn: dates[0] ?? '',
    lastHeardOn: dates[dates.length - 1] ?? '',
    sources,
    ...(g.why ? { why: whyOf(g.why) } : {}),
  };
}

/** What grouping needs from a campaign's records and decisions, and the records by id to build items after. */
export function groupingInput(
  records: readonly RecordDoc[],
  decisions: readonly GroupDoc[],
): { opinions: OpinionInput[]; decisions: GroupDecision[]; verdicts: OfficeVerdict[]; shared: SharedWeights[]; byId: Map<string, RecordDoc> } {
  const live = records.filter(isLiveOpinion);
  return {
    opinions: live.map(opinionInput),
    decisions: decisionsOf(decisions),
    verdicts: verdictsOf(decisions),
    shared: sharedOf(decisions),
    byId: new Map(live.map((r) => [r.id, r])),
  };
}

export const opinionInput = (r: RecordDoc): OpinionInput => ({
  id: r.id,
  content: str(r.fields.content),
  category: str(r.fields.category),
  order: r.createdAt,
});

/** Groups the live opinion records of one campaign under the office's decisions (on this thread). */
export function buildOpinionItems(records: readonly RecordDoc[], decisions: readonly GroupDoc[]): OpinionItem[] {
  const input = groupingInput(records, decisions);
  const review = reviewOpinions(input.opinions, input.decisions, campaignReview(input.opinions, input.verdicts, undefined, DEFAULT_LEARNING, input.shared));
  return groupsToItems(
    review.groups.map((g) => ({ ...g, why: review.explanations.get(g.id) })),
    input.byId,
  );
}
