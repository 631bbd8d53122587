/**
 * Groups near-duplicate opinions into one item each (意见建议汇总表), deterministically.
 *
 * Records are visited in a fixed order (createdAt, then id); each joins the most similar group
 * when the average similarity to that group's members clears the threshold, or starts a new one.
 * Average rather than single linkage so that a chain of loosely related records cannot glue two
 * different complaints together: a wrong merge costs the office more than a missed one.
 *
 * The office's decisions (GroupDoc) come first: pinned records seed their group and never move;
 * excluded records never join the group they were taken out of. New records still join manual
 * groups when they match, so the office's work stays useful as records arrive. Records the office
 * said are not the same problem (ApartDecision, review.ts) never end up in one automatic group, and
 * the campaign's learnt term weights (learning.ts) scale its vectors; both are the campaign's own.
 */
import { tokenize, type TermWeights } from './tokenize';

export interface OpinionInput {
  id: string;
  content: string;
  category: string;
  /** Sort key that puts older records first (createdAt); ties break on id. */
  order: string;
}

export interface GroupDecision {
  id: string;
  pinnedRecordIds: readonly string[];
  excludedRecordIds: readonly string[];
  title?: string;
  category?: string;
}

/**
 * The office's answer "不是同一问题" to a suggestion: no record of `left` joins a group holding a
 * record of `right` automatically (and the reverse). Only a manual merge can put them together.
 */
export interface ApartDecision {
  left: readonly string[];
  right: readonly string[];
}

/** What one campaign's own review taught its grouping (review.ts, learning.ts); empty for a new campaign. */
export interface CampaignReview {
  apart: readonly ApartDecision[];
  /** term → multiplier of its weight (1 when absent). */
  termWeights: ReadonlyMap<string, number>;
}

export const NO_REVIEW: CampaignReview = { apart: [], termWeights: new Map() };

export interface OpinionGroup {
  /** The decision's id for manual groups; `auto-<first record id>` for automatic ones. */
  id: string;
  manual: boolean;
  /** In visiting order; the first is the group's representative. */
  recordIds: string[];
  title?: string;
  category?: string;
}

export interface GroupingOptions {
  /** Minimum average similarity to join a group. */
  threshold: number;
  /** Added to the similarity when categories agree, subtracted when they differ: evidence, not a wall. */
  categoryWeight: number;
  /** Weight of each kind of term before idf (tokenize.ts); `concept: 0` switches the thesaurus off. */
  terms: TermWeights;
  /**
   * Weight of terms found in only one opinion. They cannot link anything, and at full weight they
   * dilute the terms that do; dropped (or weighted low), two short texts that share one place word
   * (宿舍) look alike in a small campaign, where idf has not yet learnt that the word is common.
   */
  unsharedWeight: number;
}

/**
 * Chosen on the reference fixture (labeled.json) and then checked, unchanged, on the held-out one
 * (test/fixtures/opinions/heldout.json); see bench/lists.bench.ts for both. The threshold sits
 * high on purpose: a wrong merge costs the office more than a missed one.
 */
export const DEFAULT_GROUPING: GroupingOptions = {
  threshold: 0.25,
  categoryWeight: 0.05,
  terms: { unigram: 0.5, word: 0, bigram: 0, concept: 1 },
  unsharedWeight: 0.8,
};

export type Vector = Map<string, number>;

/**
 * idf-weighted vectors, L2-normalised; idf is computed over these opinions (the campaign's own), and
 * `learnt` (the campaign's term weights, learning.ts) scales each term before normalising.
 */
export function vectorize(
  texts: readonly string[],
  options: Pick<GroupingOptions, 'terms' | 'unsharedWeight'>,
  learnt: ReadonlyMap<string, number> = NO_REVIEW.termWeights,
): Vector[] {
  const termSets = texts.map((t) => tokenize(t, options.terms));
  const df = new Map<string, number>();
  for (const terms of termSets) for (const t of terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = texts.length;
  return termSets.map((terms) => {
    const v: Vector = new Map();
    let norm = 0;
    for (const [t, weight] of terms) {
      const d = df.get(t)!;
      const w = weight * Math.log(1 + n / d) * (d === 1 ? options.unsharedWeight : 1) * (learnt.get(t) ?? 1);
      if (w === 0) continue;
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

export interface Building {
  group: OpinionGroup;
  /** Sum of member vectors: dot(v, sum) / size is the average cosine to the members. */
  sum: Vector;
  size: number;
  categories: Map<string, number>;
  excluded: Set<string>;
  /** Sides of the office's "不是同一问题" answers its members are on (`<n>:L` / `<n>:R`). */
  sides: Set<string>;
}

/** The grouping and what it was computed from, for explaining it (review.ts). */
export interface Clustering {
  /** In visiting order (createdAt, id). */
  sorted: OpinionInput[];
  vectors: Vector[];
  byId: Map<string, number>;
  groups: Building[];
  /** Record id → the sides of apart decisions it is on. */
  sidesOf: Map<string, string[]>;
}

export function groupOpinions(
  opinions: readonly OpinionInput[],
  decisions: readonly GroupDecision[] = [],
  options: GroupingOptions = DEFAULT_GROUPING,
  review: CampaignReview = NO_REVIEW,
): OpinionGroup[] {
  return clusterOpinions(opinions, decisions, options, review).groups.map((b) => b.group);
}

/** The side opposite to `side` of the same apart decision. */
export const oppositeSide = (side: string): string => (side.endsWith(':L') ? `${side.slice(0, -2)}:R` : `${side.slice(0, -2)}:L`);

/** Whether a group holds a record the office said is not the same problem as one with these sides. */
export const keptApart = (sides: Iterable<string>, group: { sides: ReadonlySet<string> }): boolean => {
  for (const s of sides) if (group.sides.has(oppositeSide(s))) return true;
  return false;
};

export function clusterOpinions(
  opinions: readonly OpinionInput[],
  decisions: readonly GroupDecision[] = [],
  options: GroupingOptions = DEFAULT_GROUPING,
  review: CampaignReview = NO_REVIEW,
): Clustering {
  const sorted = [...opinions].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vectors = vectorize(
    sorted.map((o) => o.content),
    options,
    review.termWeights,
  );
  const byId = new Map(sorted.map((o, i) => [o.id, i]));
  const sidesOf = new Map<string, string[]>();
  review.apart.forEach((a, n) => {
    for (const [records, side] of [
      [a.left, `${n}:L`],
      [a.right, `${n}:R`],
    ] as const) {
      for (const r of records) if (byId.has(r)) sidesOf.set(r, [...(sidesOf.get(r) ?? []), side]);
    }
  });

  const groups: Building[] = [];
  /** term → groups whose members contain it: only those can score above zero. */
  const postings = new Map<string, Building[]>();
  const join = (b: Building, i: number) => {
    const o = sorted[i]!;
    b.group.recordIds.push(o.id);
    b.size++;
    b.categories.set(o.category, (b.categories.get(o.category) ?? 0) + 1);
    for (const side of sidesOf.get(o.id) ?? []) b.sides.add(side);
    for (const [t, w] of vectors[i]!) {
      const had = b.sum.get(t);
      b.sum.set(t, (had ?? 0) + w);
      if (had === undefined) {
        const list = postings.get(t);
        if (list) list.push(b);
        else postings.set(t, [b]);
      }
    }
  };
  const open = (group: OpinionGroup, excluded: Iterable<string>): Building => {
    const b: Building = { group, sum: new Map(), size: 0, categories: new Map(), excluded: new Set(excluded), sides: new Set() };
    groups.push(b);
    return b;
  };

  // A record pinned by two decisions belongs to the later one (decisions arrive in store order).
  const pinnedTo = new Map<string, GroupDecision>();
  for (const d of decisions) for (const r of d.pinnedRecordIds) if (byId.has(r)) pinnedTo.set(r, d);
  for (const d of decisions) {
    const members = d.pinnedRecordIds.filter((r) => pinnedTo.get(r) === d);
    if (members.length === 0) continue;
    const b = open({ id: d.id, manual: true, recordIds: [], title: d.title, category: d.category }, d.excludedRecordIds);
    for (const r of members.sort((x, y) => byId.get(x)! - byId.get(y)!)) join(b, byId.get(r)!);
  }

  // A manual group may carry the id of the automatic group it came from; never hand that id out twice.
  const taken = new Set(groups.map((b) => b.group.id));
  const autoId = (recordId: string) => {
    let id = `auto-${recordId}`;
    for (let n = 2; taken.has(id); n++) id = `auto-${recordId}-${n}`;
    taken.add(id);
    return id;
  };

  sorted.forEach((o, i) => {
    if (pinnedTo.has(o.id)) return;
    const scores = new Map<Building, number>();
    for (const [t, w] of vectors[i]!) {
      for (const b of postings.get(t) ?? []) scores.set(b, (scores.get(b) ?? 0) + w * b.sum.get(t)!);
    }
    let best: Building | undefined;
    let bestScore = options.threshold;
    const sides = sidesOf.get(o.id) ?? [];
    for (const [b, dot] of scores) {
      if (b.excluded.has(o.id)) continue;
      if (sides.length > 0 && keptApart(sides, b)) continue;
      const sameCategory = (b.categories.get(o.category) ?? 0) / b.size;
      const score = dot / b.size + options.categoryWeight * (2 * sameCategory - 1);
      // Ties go to the older group so the result does not depend on Map iteration details.
      if (score > bestScore || (score === bestScore && best && groups.indexOf(b) < groups.indexOf(best))) {
        best = b;
        bestScore = score;
      }
    }
    join(best ?? open({ id: autoId(o.id), manual: false, recordIds: [] }, []), i);
  });

  return { sorted, vectors, byId, groups, sidesOf };
}
