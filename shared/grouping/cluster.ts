/**
 * Groups near-duplicate opinions into one item each (意见建议汇总表), deterministically.
 *
 * Records are visited in a fixed order (createdAt, then id); each joins the most similar group
 * when the average similarity to that group's members clears the threshold, or starts a new one.
 * Average rather than single linkage so that a chain of loosely related records cannot glue two
 * different complaints together: a wrong merge costs the office more than a missed one. With the
 * pair model, the group a record lands in may then become one with a group the model finds the same
 * problem (mergeLikely): pieces of one problem worded apart come together when a record links them.
 *
 * The office's decisions (GroupDoc) come first: pinned records seed their group and never move;
 * excluded records never join the group they were taken out of. New records still join manual
 * groups when they match, so the office's work stays useful as records arrive. Records the office
 * said are not the same problem (ApartDecision, review.ts) never end up in one automatic group, and
 * the campaign's learnt term weights (learning.ts) scale its vectors; both are the campaign's own.
 */
import { shippedPairModel, type PairChars } from './pair-model';
import { type EmbeddingEvidenceOptions, embeddingLogit, shippedEmbedding } from './text-embedding';
import { memoryLogit, shippedProblemMemory, type KnownProblems, type MemoryOptions } from './problem-memory';
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
  /**
   * The learnt pair model (pair-model.ts) decides which group a record joins: the groups most like it by
   * the cosine are its candidates, and it joins the one whose members the model finds most likely to be
   * the same problem, when that probability reaches `threshold`. Null groups by the cosine alone (the
   * method before the model, kept for the bench's comparison).
   */
  pairModel: PairModelOptions | null;
}

export interface PairModelOptions {
  /** Probability (averaged over the sampled members) a record needs to join a group. */
  threshold: number;
  /** A group is a candidate only when the record's average cosine to it (category ±) reaches this. */
  candidateFrom: number;
  /** At most this many candidates, the most similar by the cosine, are put to the model. */
  candidates: number;
  /** The model is asked about this many of a group's members, its first (its oldest and its representative). */
  sample: number;
  /**
   * After a record joins or opens its group, that group is put to the model against this many of the groups most
   * like the record by the cosine (from `mergeCandidateFrom`), and the two become one when the model finds their
   * first members one problem (on average, over the `sample` first members of each) at `threshold` or above.
   * A record decides only which group it joins; a problem whose records arrived far apart in wording is left in
   * pieces, each grown around its first records, until a record links them. 0 switches it off.
   */
  mergeCandidates: number;
  mergeCandidateFrom: number;
  /**
   * The memory of known problems (problem-memory.ts) as more evidence for the model: a pair's log-odds rise by
   * `same` × √(the chance their matches are one known problem) and fall by `different` × √(the chance they are
   * two problems one labelled set told apart); and a record's group is also put, for merging, to the `candidates`
   * groups whose records share its known problems most. Null leaves the model alone.
   */
  memory: MemoryEvidenceOptions | null;
  /**
   * The learnt text embedding (text-embedding.ts) as more evidence for the model: a pair's log-odds move by
   * `weight` × (the cosine of the two records' embeddings − `centre`), the rise held to `weight` × `most` so that the
   * embedding can lift a pair the characters find unlike but cannot by itself outvote what the model learnt about two
   * records' differing complaints; the fall is not held (`embeddingLogit`). Null leaves the model without it.
   */
  embedding: EmbeddingEvidenceOptions | null;
}

export interface MemoryEvidenceOptions extends MemoryOptions {
  same: number;
  different: number;
  candidates: number;
  /**
   * Campaigns of up to this many records use the memory; larger ones group without it. Matching costs each record
   * some 0.1 ms and its evidence about as much as the model's own work: a 50k regroup took 13–15 s with it against
   * 6 s without (the aim is 10 s), and campaigns a tenth that size are already large.
   */
  upTo: number;
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
  // Chosen by leaving one of the training sets out at a time (shared/grouping/README.md): 0.85, precision first
  // (over a–m: precision .87, lowest .78, at one more click per 100 than 0.8; kept when retrained on a–p: .86,
  // lowest .69, 0.9 gives .88 at four more clicks; with factors, round 5: .865, lowest .74; 0.8 .837, 0.9 .886 at five more clicks;
  // over a–bd, round 6: .929, lowest .74; 0.8 .918, 0.9 .944 at six more clicks);
  // 3 candidates and a sample of 3 members bound the model's work
  // per record and cost nothing there (a sample of 5 gave the same groupings; on n–p 9 members the same, 6 candidates a little less precise).
  // Groups merge at the same threshold (round 17, shared/grouping/README.md): on the 12 sets a–ev was not trained on,
  // recall .50 → .58 at no loss of precision; 6 candidates from 0.05 gave what 50 from 0 did.
  // The memory's links across sets (round 25): half of a record's known problems passed on, the evidence of one
  // problem at 26 (24 unlinked), settled on the 62 sets the model and the memory were not trained on, where a share of
  // 0.6–0.7 or a weight of 28 put a set under precision 0.9 (shared/grouping/README.md).
  pairModel: {
    threshold: 0.85,
    candidateFrom: 0.1,
    candidates: 3,
    sample: 3,
    mergeCandidates: 6,
    mergeCandidateFrom: 0.05,
    memory: { neighbours: 20, sharpness: 4, commonShare: 0.05, characters: 0, linkShare: 0.5, same: 26, different: 48, candidates: 6, upTo: 16_384 },
    // The learnt embedding (round 27): settled on the 18 settling sets with the model trained on the other 203, and on
    // HG–HL with the model trained on the 197 written before them, as the highest mean F1 with every one of the 24 at
    // precision 0.9 or more and neither group's mean precision below the method's without it (shared/grouping/README.md).
    embedding: { weight: 20, centre: 0.7, most: 0.15 },
  },
};

/** The method before the pair model: the cosine alone (for the bench's comparison and the tests of its mechanics). */
export const COSINE_ONLY: GroupingOptions = { ...DEFAULT_GROUPING, pairModel: null };

export type Vector = Map<string, number>;

/** What likelihoodFrom answers for two groups that cannot pass: below any probability. */
const NOT_ABOVE = -1;

/** How many records per known problem are kept as the memory's merge candidates (Clusterer.remember). */
const MEMORY_LIST = 16;

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
  /**
   * Sum of member vectors: dot(v, sum) / size is the average cosine to the members. Terms in the order the members
   * brought them. Read when the grouping is explained (review.ts, incremental.ts): made from the postings on first
   * reading after the group last changed, since keeping a map of boxed numbers up to date on every join was a
   * tenth of a large regroup.
   */
  readonly sum: Vector;
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
  /** The groups as they stand, older first (those absorbed by another are gone). */
  readonly groups: Building[];
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
  /** Every group opened, by place (the postings number groups by place); an absorbed group stays here, emptied. */
  private readonly places: Building[] = [];
  /** The groups other groups absorbed (mergeLikely): out of `groups` and of the postings. */
  private readonly absorbed = new Set<Building>();
  /** Absorbed since `takeAbsorbed` was last asked (for incremental explanations and suggestions). */
  private newlyAbsorbed: Building[] = [];
  private live: Building[] | undefined;
  /**
   * How often each group's first members (those the model samples) changed: a link between two groups (mergeLikely)
   * holds while neither count moves, and most records join groups whose first members are long settled.
   */
  private readonly sampleVersion = new Map<Building, number>();
  /** Per group, the links worked out to other groups, with the two groups' sample versions they were worked out at. */
  private readonly links = new Map<Building, Map<Building, { x: number; y: number; likelihood: number }>>();
  readonly sidesOf = new Map<string, string[]>();
  private readonly idf: IdfTable;
  private readonly pinnedTo = new Map<string, GroupDecision>();
  /** Records the office's decisions name (pinned, or in an apart pair), present or not. */
  private readonly named = new Set<string>();
  /** A manual group may carry the id of the automatic group it came from; never hand that id out twice. */
  private readonly taken: Set<string>;
  /** Groups whose members changed since `takeTouched` was last asked (for incremental explanations). */
  private touched = new Set<Building>();
  /** Each record's characters as the pair model reads them (when the options use it). */
  private chars: PairChars[] = [];
  /** The memory's options when this grouping uses it (the options do, and the campaign is within its `upTo`). */
  private readonly memory: MemoryEvidenceOptions | null;
  /** Each record's known problems (when the grouping uses the memory). */
  private known: KnownProblems[] = [];
  /** Each record's value in weakestMember, with the group and the first members' version it was worked out for. */
  private readonly memberScores = new Map<string, { group: Building; version: string; score: number }>();
  /** Per known problem, the remembered records matched to it (by index) and their shares of it (Clusterer.remember). */
  private readonly recordsByProblem = new Map<number, { records: number[]; weights: number[] }>();
  /** Per record (by index), the place of the group holding it. */
  private placeOfRecord = new Int32Array(64);
  /** Each group's place in `groups` (older first), for ties without a linear search. */
  private readonly position = new Map<Building, number>();
  /**
   * The postings, as numbers so that a record is scored against every group in one pass over plain arrays:
   * per term id, the groups whose members contain it (by place; only those can score above zero) and the
   * sum of their members' weights for it.
   */
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly fastPostings: Array<{ groups: number[]; sums: number[] }> = [];
  /** Per group (by place): Building.sum as last made, until the group changes. */
  private readonly sums: Array<Vector | undefined> = [];
  /** Per group (by place): term id → its slot in that term's fast postings (in the order the members brought them). */
  private readonly slots: Array<Map<number, number>> = [];
  /** Per record: its terms as ids, in the vector's order, and their weights. */
  private readonly fastVectors: Array<{ ids: Int32Array; weights: Float64Array }> = [];
  private scratch = new Float64Array(64);
  private reached = new Int32Array(64);
  /** Each group's size by place, beside `places`: what the visit asks of most groups it reaches. */
  private sizes = new Float64Array(64);
  /** By term id, one record's weights while it is scored against another (pairProbability); all 0 between uses. */
  private pairScratch = new Float64Array(64);
  /** The record being visited, and its probabilities with the records it was put to, by their place. */
  private visiting = -1;
  /** Each record's text embedding (when the options use it). */
  private readonly embedded: Array<Float32Array | null> = [];
  private readonly visitingPairs = new Map<number, number>();

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
    if (options.pairModel) this.chars = termSets.map((terms) => shippedPairModel().charsOfTerms(terms));
    const memory = options.pairModel?.memory;
    this.memory = memory && this.sorted.length <= memory.upTo ? memory : null;
    if (this.memory) {
      const known = shippedProblemMemory(options.terms, this.memory);
      this.known = this.sorted.map((o) => known.match(o.content));
    }
    if (options.pairModel?.embedding) for (const o of this.sorted) this.embedded.push(shippedEmbedding().embed(o.content));
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

  get groups(): Building[] {
    this.live ??= this.absorbed.size === 0 ? [...this.places] : this.places.filter((b) => !this.absorbed.has(b));
    return this.live;
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
    // A campaign that grows past the memory's reach groups without it: from scratch, once.
    if (this.memory && n + batch.length > this.memory.upTo) return false;
    return basis < n + 1 && idfBasis(n + batch.length, this.options.exactIdfUpTo) === basis;
  }

  /** Visits more records, in visiting order; only when `canVisitLast(batch)`. */
  visitLast(batch: readonly OpinionInput[]): void {
    if (!this.canVisitLast(batch)) throw new Error('visitLast: these records would change the grouping of the others; group from scratch');
    for (const o of batch) {
      const i = this.sorted.push(o) - 1;
      const terms = tokenize(o.content, this.options.terms);
      this.vectors.push(vectorOf(terms, this.idf, this.options, this.review.termWeights));
      if (this.options.pairModel) this.chars.push(shippedPairModel().charsOfTerms(terms));
      if (this.memory) this.known.push(shippedProblemMemory(this.options.terms, this.memory).match(o.content));
      if (this.options.pairModel?.embedding) this.embedded.push(shippedEmbedding().embed(o.content));
      this.byId.set(o.id, i);
      this.visit(i);
    }
  }

  /**
   * How likely the pair model finds two groups one problem: the mean over the pairs of their first members
   * (as many as it samples when a record joins); 0 when the options do not use the model.
   */
  likelihood(x: Building, y: Building): number {
    return this.likelihoodFrom(x, y, Number.NEGATIVE_INFINITY);
  }

  /**
   * How sure the pair model is of a group's least sure member, asked of every member once the group is whole with the
   * kind of measure records join by: in an automatic group, a member's mean probability of being one problem with the
   * group's first `sample` members (itself left out); in a manual group, the records that joined it automatically,
   * each by its best with the item's first 3 × `sample` members (bestByModel) — the records the office placed there
   * are its own decision, not a doubt. The lowest of them; null without the model, for a single record, and for a
   * manual group holding only what the office placed. A group is as doubtful as its weakest member: on the 62
   * development sets this ranks impure groups below pure ones (AUC .84), where the cosine's cohesion did not (.46:
   * paraphrases joined by the model look least alike to the cosine).
   *
   * Each member's value is kept while its group's first members stay as they were, so that an added record costs
   * the model only its own few calls however large the group it joins.
   */
  weakestMember(b: Building): number | null {
    const model = this.options.pairModel;
    const ids = b.group.recordIds;
    if (!model || ids.length < 2) return null;
    const manual = b.group.manual;
    const first = Math.min(manual ? model.sample * 3 : model.sample, ids.length);
    // The first members are fixed by the group's sample version, but for a manual group below 3 × sample members.
    const version = `${this.sampleVersion.get(b) ?? 0}/${first}`;
    let weakest: number | null = null;
    for (let m = 0; m < ids.length; m++) {
      if (manual && this.pinnedTo.has(ids[m]!)) continue;
      const kept = this.memberScores.get(ids[m]!);
      let score: number;
      if (kept && kept.group === b && kept.version === version) score = kept.score;
      else {
        const record = this.byId.get(ids[m]!)!;
        let sum = 0;
        let most = 0;
        let n = 0;
        for (let f = 0; f < first; f++) {
          if (f === m) continue;
          const other = this.byId.get(ids[f]!)!;
          const p = this.probabilityOf(Math.min(record, other), Math.max(record, other));
          sum += p;
          most = Math.max(most, p);
          n++;
        }
        if (n === 0) continue;
        score = manual ? most : sum / n;
        this.memberScores.set(ids[m]!, { group: b, version, score });
      }
      weakest = weakest === null ? score : Math.min(weakest, score);
    }
    return weakest;
  }

  /**
   * likelihood(x, y), or NOT_ABOVE as soon as the pairs left could not lift the mean above `above` even at a
   * probability of 1 each (most pairs of groups put to the model are two problems, and say so at their first pair).
   */
  private likelihoodFrom(x: Building, y: Building, above: number): number {
    const model = this.options.pairModel;
    if (!model || x.size === 0 || y.size === 0) return 0;
    const nx = Math.min(model.sample, x.group.recordIds.length);
    const ny = Math.min(model.sample, y.group.recordIds.length);
    const n = nx * ny;
    let sum = 0;
    let left = n;
    for (let a = 0; a < nx; a++) {
      const i = this.byId.get(x.group.recordIds[a]!)!;
      for (let b = 0; b < ny; b++) {
        if (sum + left < above * n - 1e-9) return NOT_ABOVE;
        sum += this.pairProbability(i, this.byId.get(y.group.recordIds[b]!)!);
        left--;
      }
    }
    return sum / n;
  }

  /**
   * The pair model's probability for two records, from their cosine (with the category adjustment) and characters.
   * It depends on the two records alone, worked out with the older first so that either order gives the same bits;
   * the record being visited keeps its own (`visiting`): a record that opens its group is put to the model against
   * the same first members when the group may merge (mergeLikely) as when it chose where to go (bestByModel).
   */
  private pairProbability(i: number, j: number): number {
    if (i !== this.visiting && j !== this.visiting) return this.probabilityOf(Math.min(i, j), Math.max(i, j));
    const other = i === this.visiting ? j : i;
    let p = this.visitingPairs.get(other);
    if (p === undefined) this.visitingPairs.set(other, (p = this.probabilityOf(Math.min(i, j), Math.max(i, j))));
    return p;
  }

  private probabilityOf(i: number, j: number): number {
    const x = this.fastVector(i);
    const y = this.fastVector(j);
    // The records' dot product through a dense scratch by term id: the same products added in the order of i's
    // terms as a lookup of each in j's vector (a term j lacks adds an exact 0), without hashing a string per term.
    if (this.pairScratch.length < this.termIds.size) this.pairScratch = new Float64Array(Math.max(this.termIds.size, 2 * this.pairScratch.length));
    const dense = this.pairScratch;
    for (let k = 0; k < y.ids.length; k++) dense[y.ids[k]!] = y.weights[k]!;
    let dot = 0;
    for (let k = 0; k < x.ids.length; k++) dot += x.weights[k]! * dense[x.ids[k]!]!;
    for (let k = 0; k < y.ids.length; k++) dense[y.ids[k]!] = 0;
    const sameCategory = this.sorted[i]!.category === this.sorted[j]!.category;
    const memory = this.memory;
    let evidence = memory ? memoryLogit(this.known[i]!, this.known[j]!, memory.same, memory.different) : 0;
    const embedding = this.options.pairModel?.embedding;
    if (embedding) evidence += embeddingLogit(this.embedded[i] ?? null, this.embedded[j] ?? null, embedding);
    return shippedPairModel().probability(
      dot + (sameCategory ? this.options.categoryWeight : -this.options.categoryWeight),
      this.chars[i]!,
      this.chars[j]!,
      evidence,
    );
  }

  /** The groups holding `term` (for finding which groups can be similar at all). */
  groupsWith(term: string): readonly Building[] {
    const id = this.termIds.get(term);
    return id === undefined ? [] : this.fastPostings[id]!.groups.map((g) => this.places[g]!);
  }

  /** The groups whose members changed since the last call (all of them the first time); never an absorbed one. */
  takeTouched(): Set<Building> {
    const t = this.touched;
    this.touched = new Set();
    return t;
  }

  /** The groups absorbed by another since the last call (emptied; their ids are gone from the grouping). */
  takeAbsorbed(): Building[] {
    const a = this.newlyAbsorbed;
    this.newlyAbsorbed = [];
    return a;
  }

  private join(b: Building, i: number): void {
    const o = this.sorted[i]!;
    if (this.options.pairModel && b.size < this.options.pairModel.sample) this.sampleVersion.set(b, (this.sampleVersion.get(b) ?? 0) + 1);
    b.group.recordIds.push(o.id);
    b.size++;
    const at = this.position.get(b)!;
    if (this.placeOfRecord.length <= i) {
      const grown = new Int32Array(Math.max(2 * this.placeOfRecord.length, i + 1));
      grown.set(this.placeOfRecord);
      this.placeOfRecord = grown;
    }
    this.placeOfRecord[i] = at;
    this.sizes[at] = this.sizes[at]! + 1;
    b.categories.set(o.category, (b.categories.get(o.category) ?? 0) + 1);
    for (const side of this.sidesOf.get(o.id) ?? []) b.sides.add(side);
    this.sums[at] = undefined;
    const slots = this.slots[at]!;
    const { ids, weights } = this.fastVector(i);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const list = this.fastPostings[id]!;
      const slot = slots.get(id);
      if (slot === undefined) {
        slots.set(id, list.groups.length);
        list.groups.push(at);
        list.sums.push(weights[k]!);
      } else {
        list.sums[slot]! += weights[k]!;
      }
    }
    this.touched.add(b);
  }

  /** The sum of the members' vectors of the group at `place` (Building.sum), from its postings: the same numbers. */
  private sumOf(place: number): Vector {
    let sum = this.sums[place];
    if (!sum) {
      sum = new Map();
      for (const [id, slot] of this.slots[place]!) sum.set(this.termNames[id]!, this.fastPostings[id]!.sums[slot]!);
      this.sums[place] = sum;
    }
    return sum;
  }

  /** Record `i`'s vector as term ids and weights (made once, on first use). */
  private fastVector(i: number): { ids: Int32Array; weights: Float64Array } {
    let fv = this.fastVectors[i];
    if (!fv) {
      const v = this.vectors[i]!;
      const ids = new Int32Array(v.size);
      const weights = new Float64Array(v.size);
      let k = 0;
      for (const [t, w] of v) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(t, id);
          this.termNames.push(t);
          this.fastPostings.push({ groups: [], sums: [] });
        }
        ids[k] = id;
        weights[k++] = w;
      }
      fv = { ids, weights };
      this.fastVectors[i] = fv;
    }
    return fv;
  }

  /**
   * Record `i`'s dot product with every group sharing a term, in one pass over the fast postings: the same
   * sums, added in the same order, as scoring through the groups' maps (so the same floating-point result).
   * Leaves them in `scratch` by group place and the places, in the order they were first reached, in the first
   * entries of `reached` (answers how many); the caller reads them and sets them back to 0. Both arrays are kept
   * from record to record: a fresh list of the groups reached was most of what a regroup allocated.
   */
  private dots(i: number): number {
    if (this.scratch.length < this.places.length) {
      this.scratch = new Float64Array(Math.max(this.places.length, 2 * this.scratch.length));
      this.reached = new Int32Array(this.scratch.length);
    }
    const scratch = this.scratch;
    const reached = this.reached;
    let count = 0;
    const { ids, weights } = this.fastVector(i);
    for (let k = 0; k < ids.length; k++) {
      const list = this.fastPostings[ids[k]!]!;
      const w = weights[k]!;
      const groups = list.groups;
      const sums = list.sums;
      for (let n = 0; n < groups.length; n++) {
        const g = groups[n]!;
        if (scratch[g] === 0) reached[count++] = g;
        scratch[g]! += w * sums[n]!;
      }
    }
    return count;
  }

  private open(group: OpinionGroup, excluded: Iterable<string>): Building {
    const at = this.places.length;
    const sumOf = (place: number) => this.sumOf(place);
    const b: Building = {
      group,
      get sum() {
        return sumOf(at);
      },
      size: 0,
      categories: new Map(),
      excluded: new Set(excluded),
      sides: new Set(),
    };
    this.position.set(b, this.places.push(b) - 1);
    if (this.sizes.length <= at) {
      const grown = new Float64Array(2 * this.sizes.length);
      grown.set(this.sizes);
      this.sizes = grown;
    }
    this.live = undefined;
    this.slots.push(new Map());
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
    const model = this.options.pairModel;
    this.visiting = i;
    this.visitingPairs.clear();
    const sides = this.sidesOf.get(o.id) ?? [];
    // (dots() may grow the scratch arrays: read them after.)
    const count = this.dots(i);
    const { scratch, reached, sizes } = this;
    // Average cosine (with the category adjustment) to each group it may join: the best one (the cosine alone),
    // or the few best (candidates for the model), kept as they come rather than sorting every group.
    const keep = model ? Math.max(model.candidates, model.mergeCandidates) : 1;
    const floor = !model ? this.options.threshold : model.mergeCandidates > 0 ? Math.min(model.candidateFrom, model.mergeCandidateFrom) : model.candidateFrom;
    const top: Array<[Building, number]> = [];
    for (let r = 0; r < count; r++) {
      const g = reached[r]!;
      const dot = scratch[g]!;
      scratch[g] = 0;
      // Most groups reached share a common character or two and nothing more: out before any lookup (their size is
      // read from an array, not the group), when even an agreeing category could not lift them to the floor or past
      // the last of the few kept so far.
      const size = sizes[g]!;
      const most = dot / size + this.options.categoryWeight;
      if (most < floor || (top.length === keep && most < top[keep - 1]![1])) continue;
      const b = this.places[g]!;
      if (b.excluded.size > 0 && b.excluded.has(o.id)) continue;
      if (sides.length > 0 && keptApart(sides, b)) continue;
      const sameCategory = (b.categories.get(o.category) ?? 0) / size;
      const cosine = dot / size + this.options.categoryWeight * (2 * sameCategory - 1);
      if (cosine < floor) continue;
      // Higher first; ties go to the older group, so the result does not depend on the order groups were reached.
      let at = top.length;
      while (at > 0 && (top[at - 1]![1] < cosine || (top[at - 1]![1] === cosine && this.position.get(top[at - 1]![0])! > g))) at--;
      if (at < keep) {
        top.splice(at, 0, [b, cosine]);
        if (top.length > keep) top.pop();
      }
    }
    if (!model) {
      this.join(top[0]?.[0] ?? this.open({ id: this.autoId(o.id), manual: false, recordIds: [] }, []), i);
      return;
    }
    const joinable = top.filter(([, cosine]) => cosine >= model.candidateFrom).slice(0, model.candidates);
    const group = this.bestByModel(i, joinable, model) ?? this.open({ id: this.autoId(o.id), manual: false, recordIds: [] }, []);
    this.join(group, i);
    if (model.mergeCandidates > 0 && !group.group.manual) {
      const candidates = top.filter(([, cosine]) => cosine >= model.mergeCandidateFrom).slice(0, model.mergeCandidates);
      if (this.memory)
        for (const b of this.sharingKnownProblems(i, group, this.memory.candidates)) if (!candidates.some(([c]) => c === b)) candidates.push([b, 0]);
      this.mergeLikely(group, candidates, model);
    }
    if (this.memory) this.remember(i, this.places[this.placeOfRecord[i]!]!, model.sample);
  }

  /**
   * Record `i` among the records of its known problems, when it is one of its group's first members (those the model
   * samples; a group's first members stay among the records listed, for a merged group's are the earlier of each's):
   * then its group is a merge candidate of a later record matched to the same problems. At most
   * MEMORY_LIST records per problem, the first visited: in a large campaign a common problem's records run to
   * thousands, and the first of them are in the groups the later ones join anyway.
   */
  private remember(i: number, group: Building, sample: number): void {
    // Every other member of an automatic group was visited before `i`: it is the last of them.
    if (group.group.manual || group.size > sample) return;
    const { problems, weights } = this.known[i]!;
    for (let k = 0; k < problems.length; k++) {
      const list = this.recordsByProblem.get(problems[k]!);
      if (!list) this.recordsByProblem.set(problems[k]!, { records: [i], weights: [weights[k]!] });
      else if (list.records.length < MEMORY_LIST) {
        list.records.push(i);
        list.weights.push(weights[k]!);
      }
    }
  }

  /**
   * The `count` groups (other than `own`, automatic, live) whose remembered records share record `i`'s known problems
   * most: Σ over such records of the product of the two records' shares of each problem they share. Ties: the older.
   * Summed by group place in the visit's scratch (all 0 between uses), as dots() does.
   */
  private sharingKnownProblems(i: number, own: Building, count: number): Building[] {
    if (this.scratch.length < this.places.length) {
      this.scratch = new Float64Array(Math.max(this.places.length, 2 * this.scratch.length));
      this.reached = new Int32Array(this.scratch.length);
    }
    const { scratch, reached } = this;
    const { problems, weights } = this.known[i]!;
    let n = 0;
    for (let k = 0; k < problems.length; k++) {
      const list = this.recordsByProblem.get(problems[k]!);
      if (!list) continue;
      for (let m = 0; m < list.records.length; m++) {
        const place = this.placeOfRecord[list.records[m]!]!;
        if (scratch[place] === 0) reached[n++] = place;
        scratch[place]! += weights[k]! * list.weights[m]!;
      }
    }
    const ownPlace = this.position.get(own)!;
    const top: Array<[number, number]> = [];
    for (let r = 0; r < n; r++) {
      const place = reached[r]!;
      const score = scratch[place]!;
      scratch[place] = 0;
      if (place === ownPlace || this.sizes[place] === 0 || this.places[place]!.group.manual || keptApart(own.sides, this.places[place]!)) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]![1] < score || (top[at - 1]![1] === score && top[at - 1]![0] > place))) at--;
      if (at < count) {
        top.splice(at, 0, [place, score]);
        if (top.length > count) top.pop();
      }
    }
    return top.map(([place]) => this.places[place]!);
  }

  /**
   * The group record `i` just joined or opened, put to the model against the groups most like `i` (PairModelOptions.
   * mergeCandidates): it becomes one with the automatic group whose first members the model finds most likely one
   * problem with its own, when that reaches the threshold (ties: the older), and the merged group is put again.
   * The office's groups never merge this way (a record may still join them), nor groups the office kept apart.
   */
  private mergeLikely(group: Building, candidates: ReadonlyArray<[Building, number]>, model: PairModelOptions): void {
    let g = group;
    for (;;) {
      let best: Building | undefined;
      let bestScore = model.threshold;
      for (const [h] of candidates) {
        if (h === g || this.absorbed.has(h) || h.group.manual || keptApart(g.sides, h)) continue;
        const score = this.link(g, h);
        if (score > bestScore || (score === bestScore && best && this.older(h, best) < 0)) {
          best = h;
          bestScore = score;
        }
      }
      if (!best) return;
      g = this.absorb(g, best);
    }
  }

  /** Negative when `x` was opened before `y` (creation order decides ties and which group keeps its id). */
  private older(x: Building, y: Building): number {
    return this.position.get(x)! - this.position.get(y)!;
  }

  /** likelihood(g, h), worked out again only when the first members of either changed since it last was. */
  private link(g: Building, h: Building): number {
    const [x, y] = this.older(g, h) < 0 ? [g, h] : [h, g];
    const vx = this.sampleVersion.get(x) ?? 0;
    const vy = this.sampleVersion.get(y) ?? 0;
    let known = this.links.get(x);
    const was = known?.get(y);
    if (was && was.x === vx && was.y === vy) return was.likelihood;
    // Only whether it passes the threshold matters here (mergeLikely): a link that cannot is not worked out to the end.
    const likelihood = this.likelihoodFrom(x, y, this.options.pairModel!.threshold);
    if (!known) this.links.set(x, (known = new Map()));
    known.set(y, { x: vx, y: vy, likelihood });
    return likelihood;
  }

  /**
   * Two automatic groups become one: the older keeps its id (its first record is the older, so `auto-<first record>`
   * still names it) and takes the other's records, in visiting order; the other leaves the grouping and the postings.
   */
  private absorb(x: Building, y: Building): Building {
    const [keep, gone] = this.older(x, y) < 0 ? [x, y] : [y, x];
    const sample = this.options.pairModel?.sample ?? 0;
    const sampled = keep.group.recordIds.slice(0, sample);
    for (const r of gone.group.recordIds) this.join(keep, this.byId.get(r)!);
    keep.group.recordIds.sort((a, b) => this.byId.get(a)! - this.byId.get(b)!);
    // Its links hold unless the other's records sort among its first members (a settled group usually keeps them).
    if (sampled.some((r, k) => keep.group.recordIds[k] !== r)) this.sampleVersion.set(keep, (this.sampleVersion.get(keep) ?? 0) + 1);
    this.links.delete(gone);
    const at = this.position.get(gone)!;
    for (const [id, slot] of this.slots[at]!) {
      // Out of the term's postings: the last entry takes its slot.
      const list = this.fastPostings[id]!;
      const last = list.groups.length - 1;
      if (slot !== last) {
        const moved = list.groups[last]!;
        list.groups[slot] = moved;
        list.sums[slot] = list.sums[last]!;
        this.slots[moved]!.set(id, slot);
      }
      list.groups.pop();
      list.sums.pop();
    }
    this.slots[at]!.clear();
    gone.group.recordIds = [];
    gone.size = 0;
    this.sizes[at] = 0;
    this.sums[at] = undefined;
    gone.categories.clear();
    gone.sides.clear();
    this.absorbed.add(gone);
    this.newlyAbsorbed.push(gone);
    this.touched.delete(gone);
    this.live = undefined;
    return keep;
  }

  /**
   * The candidates most like record `i` by the cosine, put to the pair model: the one whose first members
   * it finds most likely one problem with `i`, if that reaches the model's threshold (ties: the older group).
   */
  private bestByModel(i: number, candidates: ReadonlyArray<[Building, number]>, model: PairModelOptions): Building | undefined {
    let best: Building | undefined;
    let bestScore = model.threshold;
    for (const [b] of candidates) {
      // An automatic group is one problem: the record must fit its members on average. A manual group is the
      // office's item, which may gather several: fitting any of its members is fitting the item.
      const n = Math.min(b.group.manual ? model.sample * 3 : model.sample, b.group.recordIds.length);
      let sum = 0;
      let most = 0;
      let k = 0;
      for (; k < n; k++) {
        // Out as soon as the members left could not lift the mean to the best so far even at a probability of 1
        // each (most candidates are another problem, and tell so at their first member): the same choice, fewer pairs.
        if (!b.group.manual && sum + (n - k) < bestScore * n - 1e-9) break;
        const p = this.pairProbability(i, this.byId.get(b.group.recordIds[k]!)!);
        sum += p;
        most = Math.max(most, p);
      }
      if (k < n) continue;
      const score = b.group.manual ? most : sum / n;
      if (score > bestScore || (score === bestScore && best && this.older(b, best) < 0)) {
        best = b;
        bestScore = score;
      }
    }
    return best;
  }
}
