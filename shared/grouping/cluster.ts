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
  /**
   * Up to this many records the idf is counted over all of them (the campaign's own, as it stands).
   * Above it, it is counted over the first 2^k records in visiting order (2^k the largest power of two
   * not above the count): records added later cannot change it until the campaign doubles, so they are
   * grouped by visiting them last, with exactly the result a regroup from scratch gives (incremental.ts).
   * Small campaigns, where one record moves the idf, regroup from scratch, which costs little there.
   */
  exactIdfUpTo: number;
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
  exactIdfUpTo: 2048,
};

export type Vector = Map<string, number>;

/** How many of `count` records (in visiting order) the idf is counted over; see GroupingOptions.exactIdfUpTo. */
export function idfBasis(count: number, exactIdfUpTo: number): number {
  if (count <= exactIdfUpTo) return count;
  return 2 ** Math.floor(Math.log2(count));
}

/** Document frequencies over the term sets of the idf's basis (the first `basis` records). */
export interface IdfTable {
  basis: number;
  df: Map<string, number>;
}

export function idfTable(termSets: readonly Map<string, number>[], basis: number): IdfTable {
  const df = new Map<string, number>();
  for (let i = 0; i < basis; i++) for (const t of termSets[i]!.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return { basis, df };
}

/**
 * One record's idf-weighted vector, L2-normalised; `learnt` (the campaign's term weights,
 * learning.ts) scales each term before normalising. A term the basis never saw counts as seen once.
 */
export function vectorOf(
  terms: ReadonlyMap<string, number>,
  idf: IdfTable,
  options: Pick<GroupingOptions, 'unsharedWeight'>,
  learnt: ReadonlyMap<string, number> = NO_REVIEW.termWeights,
): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, weight] of terms) {
    const d = idf.df.get(t) ?? 1;
    const w = weight * Math.log(1 + idf.basis / d) * (d === 1 ? options.unsharedWeight : 1) * (learnt.get(t) ?? 1);
    if (w === 0) continue;
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/**
 * idf-weighted vectors, L2-normalised; idf is computed over these opinions (the campaign's own: all of
 * them, or the first 2^k in a large campaign, see GroupingOptions.exactIdfUpTo).
 */
export function vectorize(
  texts: readonly string[],
  options: Pick<GroupingOptions, 'terms' | 'unsharedWeight'> & Partial<Pick<GroupingOptions, 'exactIdfUpTo'>>,
  learnt: ReadonlyMap<string, number> = NO_REVIEW.termWeights,
): Vector[] {
  const termSets = texts.map((t) => tokenize(t, options.terms));
  const idf = idfTable(termSets, idfBasis(texts.length, options.exactIdfUpTo ?? Number.POSITIVE_INFINITY));
  return termSets.map((terms) => vectorOf(terms, idf, options, learnt));
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

/** Visiting order: createdAt, then id. */
export const visitingOrder = (a: OpinionInput, b: OpinionInput): number =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function clusterOpinions(
  opinions: readonly OpinionInput[],
  decisions: readonly GroupDecision[] = [],
  options: GroupingOptions = DEFAULT_GROUPING,
  review: CampaignReview = NO_REVIEW,
): Clusterer {
  return new Clusterer(opinions, decisions, options, review);
}

/**
 * The greedy visit, kept open: after grouping the records it was built with, `visitLast` visits one
 * more record that sorts after all of them, exactly as if it had been there from the start — as long
 * as the idf's basis stays the same (`canVisitLast`). incremental.ts builds on that.
 */
export class Clusterer implements Clustering {
  readonly sorted: OpinionInput[];
  readonly vectors: Vector[];
  readonly byId: Map<string, number>;
  readonly groups: Building[] = [];
  readonly sidesOf = new Map<string, string[]>();
  private readonly idf: IdfTable;
  /** term → groups whose members contain it: only those can score above zero. */
  private readonly postings = new Map<string, Building[]>();
  private readonly pinnedTo = new Map<string, GroupDecision>();
  /** Records the office's decisions name (pinned, or in an apart pair), present or not. */
  private readonly named = new Set<string>();
  /** A manual group may carry the id of the automatic group it came from; never hand that id out twice. */
  private readonly taken: Set<string>;
  /** Groups whose members changed since `takeTouched` was last asked (for incremental explanations). */
  private touched = new Set<Building>();

  constructor(
    opinions: readonly OpinionInput[],
    decisions: readonly GroupDecision[],
    private readonly options: GroupingOptions,
    private readonly review: CampaignReview,
  ) {
    this.sorted = [...opinions].sort(visitingOrder);
    const termSets = this.sorted.map((o) => tokenize(o.content, options.terms));
    this.idf = idfTable(termSets, idfBasis(termSets.length, options.exactIdfUpTo));
    this.vectors = termSets.map((terms) => vectorOf(terms, this.idf, options, review.termWeights));
    this.byId = new Map(this.sorted.map((o, i) => [o.id, i]));
    review.apart.forEach((a, n) => {
      for (const [records, side] of [
        [a.left, `${n}:L`],
        [a.right, `${n}:R`],
      ] as const) {
        for (const r of records) if (this.byId.has(r)) this.sidesOf.set(r, [...(this.sidesOf.get(r) ?? []), side]);
      }
    });

    // A record pinned by two decisions belongs to the later one (decisions arrive in store order).
    for (const d of decisions) for (const r of d.pinnedRecordIds) if (this.byId.has(r)) this.pinnedTo.set(r, d);
    for (const d of decisions) {
      const members = d.pinnedRecordIds.filter((r) => this.pinnedTo.get(r) === d);
      if (members.length === 0) continue;
      const b = this.open({ id: d.id, manual: true, recordIds: [], title: d.title, category: d.category }, d.excludedRecordIds);
      for (const r of members.sort((x, y) => this.byId.get(x)! - this.byId.get(y)!)) this.join(b, this.byId.get(r)!);
    }
    for (const d of decisions) for (const r of d.pinnedRecordIds) this.named.add(r);
    for (const a of review.apart) for (const r of [...a.left, ...a.right]) this.named.add(r);
    this.taken = new Set(this.groups.map((b) => b.group.id));
    this.sorted.forEach((_, i) => this.visit(i));
  }

  /**
   * Whether `batch` (in visiting order) can be visited last with the same result as grouping everything
   * again: each record sorts after every record before it, is new, no decision names it, and the idf's
   * basis stays what it is (that the decisions and the campaign's review are unchanged is the caller's
   * to know).
   */
  canVisitLast(batch: readonly OpinionInput[]): boolean {
    if (batch.length === 0) return true;
    let last = this.sorted[this.sorted.length - 1];
    for (const o of batch) {
      if (this.byId.has(o.id) || this.named.has(o.id) || (last && visitingOrder(last, o) >= 0)) return false;
      last = o;
    }
    const { basis } = this.idf;
    const n = this.sorted.length;
    return basis < n + 1 && idfBasis(n + batch.length, this.options.exactIdfUpTo) === basis;
  }

  /** Visits more records, in visiting order; only when `canVisitLast(batch)`. */
  visitLast(batch: readonly OpinionInput[]): void {
    if (!this.canVisitLast(batch)) throw new Error('visitLast: these records would change the grouping of the others; group from scratch');
    for (const o of batch) {
      const i = this.sorted.push(o) - 1;
      this.vectors.push(vectorOf(tokenize(o.content, this.options.terms), this.idf, this.options, this.review.termWeights));
      this.byId.set(o.id, i);
      this.visit(i);
    }
  }

  /** The groups holding `term` (for finding which groups can be similar at all). */
  groupsWith(term: string): readonly Building[] {
    return this.postings.get(term) ?? [];
  }

  /** The groups whose members changed since the last call (all of them the first time). */
  takeTouched(): Set<Building> {
    const t = this.touched;
    this.touched = new Set();
    return t;
  }

  private join(b: Building, i: number): void {
    const o = this.sorted[i]!;
    b.group.recordIds.push(o.id);
    b.size++;
    b.categories.set(o.category, (b.categories.get(o.category) ?? 0) + 1);
    for (const side of this.sidesOf.get(o.id) ?? []) b.sides.add(side);
    for (const [t, w] of this.vectors[i]!) {
      const had = b.sum.get(t);
      b.sum.set(t, (had ?? 0) + w);
      if (had === undefined) {
        const list = this.postings.get(t);
        if (list) list.push(b);
        else this.postings.set(t, [b]);
      }
    }
    this.touched.add(b);
  }

  private open(group: OpinionGroup, excluded: Iterable<string>): Building {
    const b: Building = { group, sum: new Map(), size: 0, categories: new Map(), excluded: new Set(excluded), sides: new Set() };
    this.groups.push(b);
    return b;
  }

  private autoId(recordId: string): string {
    let id = `auto-${recordId}`;
    for (let n = 2; this.taken.has(id); n++) id = `auto-${recordId}-${n}`;
    this.taken.add(id);
    return id;
  }

  private visit(i: number): void {
    const o = this.sorted[i]!;
    if (this.pinnedTo.has(o.id)) return;
    const scores = new Map<Building, number>();
    for (const [t, w] of this.vectors[i]!) {
      for (const b of this.postings.get(t) ?? []) scores.set(b, (scores.get(b) ?? 0) + w * b.sum.get(t)!);
    }
    let best: Building | undefined;
    let bestScore = this.options.threshold;
    const sides = this.sidesOf.get(o.id) ?? [];
    for (const [b, dot] of scores) {
      if (b.excluded.has(o.id)) continue;
      if (sides.length > 0 && keptApart(sides, b)) continue;
      const sameCategory = (b.categories.get(o.category) ?? 0) / b.size;
      const score = dot / b.size + this.options.categoryWeight * (2 * sameCategory - 1);
      // Ties go to the older group so the result does not depend on Map iteration details.
      if (score > bestScore || (score === bestScore && best && this.groups.indexOf(b) < this.groups.indexOf(best))) {
        best = b;
        bestScore = score;
      }
    }
    this.join(best ?? this.open({ id: this.autoId(o.id), manual: false, recordIds: [] }, []), i);
  }
}
