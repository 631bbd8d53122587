/**
 * What the office reviews beside the grouping (issue 10, "the office's review loop"): why each group's
 * records were put together (the linking terms and a confidence), and the borderline pairs of groups
 * offered as suggestions "可能是同一问题". Pure; runs in the grouping worker with the grouping itself.
 *
 * Nothing here changes which records are grouped: the grouping is cluster.ts's, with the campaign's
 * own decisions (pins, exclusions, apart pairs, learnt weights) applied.
 */
import {
  type Clusterer,
  clusterOpinions,
  DEFAULT_GROUPING,
  keptApart,
  NO_REVIEW,
  type Building,
  type CampaignReview,
  type GroupDecision,
  type GroupingOptions,
  type OpinionGroup,
  type OpinionInput,
  type Vector,
} from './cluster';
import { CONCEPTS } from './concepts';

export type Confidence = 'high' | 'medium' | 'low';

/** Why a group holds its records. */
export interface GroupExplanation {
  /**
   * Average cosine similarity between the group's records (0 for one record): how alike they are,
   * on the same vectors the grouping used.
   */
  cohesion: number;
  /**
   * How sure the pair model is of the group's least sure member (Clusterer.weakestMember), 0–1; null without the
   * model (the cosine alone), for one record, and for a manual item holding only the records the office placed in it.
   * With the model the confidence comes from it (null with it); without, from `cohesion`.
   */
  likelihood: number | null;
  confidence: Confidence | null;
  /** The terms that make most of the similarity, strongest first (`u:价`, `c:price`). */
  terms: string[];
}

/** A pair of groups just below the merge threshold: "可能是同一问题". */
export interface Suggestion {
  /** The older group first: accepting keeps its id, as 合并 does (unless the other is already a manual group, whose id is kept). */
  groupIds: [string, string];
  /**
   * How alike the two are: with the pair model (GroupingOptions.pairModel), the probability it gives that
   * they are one problem (averaged over the first members of each); without, their average cosine with the
   * category adjustment.
   */
  similarity: number;
  terms: string[];
}

export interface ReviewOptions {
  /**
   * Pairs of groups whose similarity reaches this are suggested (the merge threshold is
   * GroupingOptions.threshold; pairs at or above it that greedy visiting left apart are suggested too).
   */
  suggestFrom: number;
  /**
   * With the pair model: pairs of groups it finds at least this likely one problem are suggested (those at
   * or above its threshold that greedy visiting left apart too), provided their cosine reaches the model's
   * candidate floor; `suggestFrom` is then not used.
   */
  suggestLikelyFrom: number;
  /** Cohesion at or above which a group's confidence is 高, and 中 (the cosine alone, without the pair model). */
  high: number;
  medium: number;
  /** The weakest member's likelihood (GroupExplanation.likelihood) at or above which a group's confidence is 高, and 中. */
  likelyHigh: number;
  likelyMedium: number;
  /** Most linking terms shown per group or suggestion. */
  maxTerms: number;
  /**
   * Most suggestions kept, the most similar. Nobody answers thousands, and answering the top ones
   * brings the next up on the following grouping; unbounded, 10k near-unique opinions made megabytes of
   * suggestions that the server had to parse in one piece (a 190 ms stall in the hardening bench).
   */
  maxSuggestions: number;
  /**
   * Only the pairs in which one group is among the other's this many most alike (by the cosine, ties to the
   * older group) are put to the pair model. Every pair above the floor is quadratic in near-unique records:
   * 10k of them from one member made two million model calls; this keeps the work linear in the groups.
   */
  suggestPartners: number;
}

/**
 * Chosen on the tuning sets only (the reference labeled.json and heldout.json; bench/grouping.bench.ts
 * prints the measurement per set, `npx tsx bench/run.ts grouping`):
 * - `suggestLikelyFrom` 0.5 (with the pair model): the simulated office's clicks (review-effort.ts) are
 *   lowest there summed over the two sets (heldout 35 without suggestions → 19 from 0.5 down, 21 from 0.6;
 *   reference 19 → 17 from 0.5 and 0.6, 19 from 0.4 down);
 * - `suggestFrom` 0.12 (the cosine alone, before the model): clicks fell as the band widened down to 0.12
 *   (heldout 57 → 51 per 100) and rose below 0.10;
 * - `high` 0.35: every tuning group at or above it was pure; `medium` 0.25: 7 of 10 between were (the cosine alone);
 * - `likelyHigh` 0.995 and `likelyMedium` 0.97 (with the pair model; first 0.99 and 0.95, chosen on the 62 development
 *   sets EG–EL, EW–GZ, where 高 held 59% of the groups, 99.8% pure, and 低 18% with 45 of the 77 impure groups; read
 *   again on the 18 settling sets EG–EL, GO–GZ when the text embedding made the model surer, round 27: at 0.99 / 0.95
 *   低 held 10% of the 874 groups of two or more and 6 of the 15 impure; at 0.995 / 0.97 高 holds 68%, 99.8% pure, 中
 *   16%, 98.5% pure, and 低 17%, 92% pure, with 12 of the 15 impure). The cosine's cohesion had 高 and 低 about as
 *   pure as each other (shared/grouping/README.md, "The office's review loop").
 * - `suggestPartners` 10: the simulated office's clicks and suggestions are the same as asking about every pair
 *   on heldout and reference, and on sets a, f, k, n, o, p (from 5 up already; 3 changes a few), and the top 100
 *   suggestions over 10k distinct realistic opinions are those of every pair; 10k near-unique ones then cost
 *   52k model calls instead of 2 million (shared/grouping/README.md).
 * The unseen sets say how well these carry over; the bench reports them.
 */
export const DEFAULT_REVIEW: ReviewOptions = {
  suggestFrom: 0.12,
  suggestLikelyFrom: 0.5,
  high: 0.35,
  medium: 0.25,
  likelyHigh: 0.995,
  likelyMedium: 0.97,
  maxTerms: 6,
  maxSuggestions: 100,
  suggestPartners: 10,
};

/** How likely the pair model finds two groups one problem (Clusterer.likelihood). */
export type Likelihood = (older: Building, newer: Building) => number;

export interface GroupingReview {
  groups: OpinionGroup[];
  /** By group id; every group has one. */
  explanations: Map<string, GroupExplanation>;
  /** Most similar first. */
  suggestions: Suggestion[];
}

/** A group's confidence: from the pair model's likelihood when there is one, else from the cosine's cohesion. */
export function confidenceOf(cohesion: number, size: number, options: ReviewOptions = DEFAULT_REVIEW, likelihood: number | null = null): Confidence | null {
  if (size < 2) return null;
  if (likelihood !== null) return likelihood >= options.likelyHigh ? 'high' : likelihood >= options.likelyMedium ? 'medium' : 'low';
  return cohesion >= options.high ? 'high' : cohesion >= options.medium ? 'medium' : 'low';
}

/** A group's weakest member as the pair model sees it (Clusterer.weakestMember); absent: the cosine alone. */
export type WeakestMember = (b: Building) => number | null;

/** The clustering's weakestMember when its grouping uses the pair model; else none (the confidence is the cosine's). */
export const weakestOf = (c: Clusterer, grouping: GroupingOptions): WeakestMember | undefined => (grouping.pairModel ? (b) => c.weakestMember(b) : undefined);

/** Terms whose contributions make up most of `total`, strongest first. */
function topTerms(contributions: Map<string, number>, total: number, max: number): string[] {
  const ranked = [...contributions].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out: string[] = [];
  let covered = 0;
  for (const [t, c] of ranked) {
    if (out.length >= max || (out.length > 0 && covered >= 0.8 * total)) break;
    out.push(t);
    covered += c;
  }
  return out;
}

export function explainGroup(
  b: Building,
  vectors: readonly Vector[],
  byId: ReadonlyMap<string, number>,
  options: ReviewOptions,
  weakest?: WeakestMember,
): GroupExplanation {
  const n = b.size;
  if (n < 2) return { cohesion: 0, likelihood: null, confidence: null, terms: [] };
  // Σ over ordered pairs i≠j of w_i·w_j for one term = (Σ w)² − Σ w²: each term's share of the average similarity.
  const squares = new Map<string, number>();
  for (const id of b.group.recordIds) for (const [t, w] of vectors[byId.get(id)!]!) squares.set(t, (squares.get(t) ?? 0) + w * w);
  const contributions = new Map<string, number>();
  let cohesion = 0;
  for (const [t, s] of b.sum) {
    const c = (s * s - (squares.get(t) ?? 0)) / (n * (n - 1));
    if (c <= 1e-12) continue;
    contributions.set(t, c);
    cohesion += c;
  }
  // With the model, its likelihood decides (none for a manual item holding only what the office placed: no doubt to
  // show); without it, the cohesion.
  const likelihood = weakest ? weakest(b) : null;
  const confidence = weakest ? (likelihood === null ? null : confidenceOf(cohesion, n, options, likelihood)) : confidenceOf(cohesion, n, options);
  return { cohesion, likelihood, confidence, terms: topTerms(contributions, cohesion, options.maxTerms) };
}

function categoryAgreement(x: Building, y: Building): number {
  let same = 0;
  for (const [c, n] of x.categories) same += n * (y.categories.get(c) ?? 0);
  return same / (x.size * y.size);
}

/** Whether the office already said these two groups are not one problem: an apart pair, or a split. */
export function decidedApart(x: Building, y: Building): boolean {
  // Nearly every pair in a campaign: nothing said about either group.
  if (x.sides.size === 0 && y.sides.size === 0 && x.excluded.size === 0 && y.excluded.size === 0) return false;
  if (keptApart(x.sides, y)) return true;
  for (const r of y.group.recordIds) if (x.excluded.has(r)) return true;
  for (const r of x.group.recordIds) if (y.excluded.has(r)) return true;
  return false;
}

/** Average similarity between two groups' records from the dot product of their sums, with the category adjustment. */
const groupSimilarity = (x: Building, y: Building, dot: number, grouping: GroupingOptions): number =>
  similarityOf(x, y, dot, categoryAgreement(x, y), grouping);

/** The same, with the category agreement already known (allSuggestions counts it from arrays when it can). */
const similarityOf = (x: Building, y: Building, dot: number, agreement: number, grouping: GroupingOptions): number =>
  dot / (x.size * y.size) + grouping.categoryWeight * (2 * agreement - 1);

/**
 * The dot product of two groups' sums, summed in the order of `older`'s terms: the same additions in the
 * same order as suggest()'s, so an incremental review (incremental.ts) gets the very same number.
 */
export function groupDot(older: Building, newer: Building): number {
  let dot = 0;
  for (const [t, w] of older.sum) {
    const other = newer.sum.get(t);
    if (other !== undefined) dot += w * other;
  }
  return dot;
}

/**
 * The suggestion between two groups (older first) of this cosine similarity, or none when they are too unlike or
 * the office said no. With the pair model (`likely`), the cosine only has to reach the model's candidate floor
 * and the model's probability decides and ranks.
 */
export function suggestionBetween(
  older: Building,
  newer: Building,
  cosine: number,
  options: ReviewOptions,
  grouping: GroupingOptions = DEFAULT_GROUPING,
  likely?: Likelihood,
): Suggestion | undefined {
  const model = likely && grouping.pairModel;
  if (model ? cosine < model.candidateFrom : cosine < options.suggestFrom) return undefined;
  if (decidedApart(older, newer)) return undefined;
  const similarity = model ? likely(older, newer) : cosine;
  if (model && similarity < options.suggestLikelyFrom) return undefined;
  const contributions = new Map<string, number>();
  let total = 0;
  for (const [t, w] of older.sum) {
    const other = newer.sum.get(t);
    if (other === undefined) continue;
    const c = (w * other) / (older.size * newer.size);
    contributions.set(t, c);
    total += c;
  }
  return { groupIds: [older.group.id, newer.group.id], similarity, terms: topTerms(contributions, total, options.maxTerms) };
}

/** Two groups' average cosine with the category adjustment (older first), as allSuggestions computes it. */
export const cosineBetween = (older: Building, newer: Building, grouping: GroupingOptions): number =>
  groupSimilarity(older, newer, groupDot(older, newer), grouping);

/** The cosine a pair of groups needs before anything else is asked about it. */
export const suggestionFloor = (grouping: GroupingOptions, options: ReviewOptions, likely?: Likelihood): number =>
  likely && grouping.pairModel ? grouping.pairModel.candidateFrom : options.suggestFrom;

/** Between two groups (older first), for incremental.ts: the same suggestion suggest() makes for them. */
export function pairSuggestion(
  older: Building,
  newer: Building,
  grouping: GroupingOptions,
  options: ReviewOptions,
  likely?: Likelihood,
): Suggestion | undefined {
  return suggestionBetween(older, newer, groupSimilarity(older, newer, groupDot(older, newer), grouping), options, grouping, likely);
}

/** Most similar first, then by ids: one order for a full and an incremental review. */
export const bySimilarity = (a: Suggestion, b: Suggestion): number => b.similarity - a.similarity || (a.groupIds.join() < b.groupIds.join() ? -1 : 1);

/** Every suggestion between the groups, unranked and unbounded. */
export function allSuggestions(
  groups: readonly Building[],
  grouping: GroupingOptions,
  options: ReviewOptions,
  likely?: Likelihood,
  /** Receives each group's most alike partners (when `options.suggestPartners` is finite), for incremental.ts. */
  partnersOut?: Map<Building, Array<[Building, number]>>,
): Suggestion[] {
  const live = groups.filter((b) => b.size > 0);
  const floor = suggestionFloor(grouping, options, likely);
  // Numeric postings — term id → the groups holding it (ascending) and their sums for it — and each group's
  // terms as ids in its sum's order, so that every pair is summed in the order of the older group's terms
  // (as groupDot sums it) without a string lookup per pair and term.
  const termIds = new Map<string, number>();
  const postingGroups: number[][] = [];
  const postingSums: number[][] = [];
  const groupTerms = live.map((b, i) => {
    const ids = new Int32Array(b.sum.size);
    const weights = new Float64Array(b.sum.size);
    let k = 0;
    for (const [t, w] of b.sum) {
      let id = termIds.get(t);
      if (id === undefined) {
        id = postingGroups.push([]) - 1;
        postingSums.push([]);
        termIds.set(t, id);
      }
      postingGroups[id]!.push(i);
      postingSums[id]!.push(w);
      ids[k] = id;
      weights[k++] = w;
    }
    return { ids, weights };
  });
  const dots = new Float64Array(live.length);
  // Each newer group at most once per older one: a group is noted when its dot leaves 0, and every weight is
  // positive (vectorOf drops zeros; learnt multipliers are at least DEFAULT_LEARNING.min), so a dot never comes back.
  const touched = new Int32Array(live.length);
  // What the pass over pairs asks of each group, in arrays: most pairs are dropped on these alone (10k near-unique
  // opinions: 16M pairs share a term, 5M pass the floor, under 1M need the groups themselves).
  const sizes = Float64Array.from(live, (b) => b.size);
  const soles = soleCategories(live);
  const unsaid = live.map((b) => b.sides.size === 0 && b.excluded.size === 0);
  /** Per group, its most alike partners above the floor: [place in `live`, cosine], best first. */
  const partners: Array<Array<[number, number]>> = live.map(() => []);
  /** Per group, the cosine of the last of a full list (below it nothing enters), or -Infinity while it has room. */
  const bars = new Float64Array(live.length).fill(Number.NEGATIVE_INFINITY);
  const pairs: Array<[number, number, number]> = [];
  const limited = Number.isFinite(options.suggestPartners);
  const offer = (list: Array<[number, number]>, owner: number, j: number, cosine: number) => {
    offerPartner(list, j, cosine, options.suggestPartners);
    if (list.length >= options.suggestPartners) bars[owner] = list[list.length - 1]![1];
  };
  for (let i = 0; i < live.length; i++) {
    const x = live[i]!;
    const xSize = sizes[i]!;
    let reached = 0;
    const { ids, weights } = groupTerms[i]!;
    for (let k = 0; k < ids.length; k++) {
      const holders = postingGroups[ids[k]!]!;
      const sums = postingSums[ids[k]!]!;
      const w = weights[k]!;
      // Newer groups only (a pair is scored once, from its older group): they are at the end of the list.
      for (let n = holders.length - 1; n >= 0; n--) {
        const j = holders[n]!;
        if (j <= i) break;
        if (dots[j] === 0) touched[reached++] = j;
        dots[j] = dots[j]! + w * sums[n]!;
      }
    }
    for (let r = 0; r < reached; r++) {
      const j = touched[r]!;
      const dot = dots[j]!;
      dots[j] = 0;
      // The category adjustment adds at most categoryWeight: most pairs share a common character and are out here.
      const most = dot / (xSize * sizes[j]!) + grouping.categoryWeight;
      if (most < floor) continue;
      // Nor can it enter two full lists it would rank below in either (strictly below the last: no allocation; a
      // tie is settled by cannotEnter, which also orders by place).
      if (limited && most < bars[i]! && most < bars[j]!) continue;
      if (limited && cannotEnter(partners[i]!, j, most, options.suggestPartners) && cannotEnter(partners[j]!, i, most, options.suggestPartners)) continue;
      const y = live[j]!;
      const agreement = soles[i]! >= 0 && soles[j]! >= 0 ? (soles[i] === soles[j] ? 1 : 0) : categoryAgreement(x, y);
      const cosine = similarityOf(x, y, dot, agreement, grouping);
      if (cosine < floor || (!(unsaid[i] && unsaid[j]) && decidedApart(x, y))) continue;
      if (limited) {
        offer(partners[i]!, i, j, cosine);
        offer(partners[j]!, j, i, cosine);
      } else pairs.push([i, j, cosine]);
    }
  }
  if (limited) {
    // Each listed pair once, older group first (both groups' lists may name it).
    const listed = new Map<number, [number, number, number]>();
    partners.forEach((list, i) => {
      for (const [j, cosine] of list) {
        const [a, b] = i < j ? [i, j] : [j, i];
        listed.set(a * live.length + b, [a, b, cosine]);
      }
    });
    for (const pair of listed.values()) pairs.push(pair);
    if (partnersOut)
      for (const [i, list] of partners.entries())
        partnersOut.set(
          live[i]!,
          list.map(([j, cosine]) => [live[j]!, cosine]),
        );
  }
  const out: Suggestion[] = [];
  for (const [i, j, cosine] of pairs) {
    const suggestion = suggestionBetween(live[i]!, live[j]!, cosine, options, grouping, likely);
    if (suggestion) out.push(suggestion);
  }
  return out;
}

/** Whether partner (place, cosine) ranks above another: more alike first, then the older group. */
const ranksAbove = (a: readonly [number, number], b: readonly [number, number]): boolean => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);

/** Whether a partner of at most this cosine would be left out of a full best-first list. */
function cannotEnter(list: ReadonlyArray<[number, number]>, j: number, cosine: number, most: number): boolean {
  if (list.length < most) return false;
  const [lastPlace, lastCosine] = list[list.length - 1]!;
  return !(cosine > lastCosine || (cosine === lastCosine && j < lastPlace));
}

/**
 * Each group's category as a number when all its records have the one category (its agreement with another such
 * group is then 1 or 0, exactly as categoryAgreement counts it), or -1.
 */
function soleCategories(groups: readonly Building[]): Int32Array {
  const numbers = new Map<string, number>();
  return Int32Array.from(groups, (b) => {
    if (b.categories.size !== 1) return -1;
    const [category, count] = b.categories.entries().next().value!;
    if (count !== b.size) return -1;
    let n = numbers.get(category);
    if (n === undefined) numbers.set(category, (n = numbers.size));
    return n;
  });
}

/** Puts a partner into a best-first list of at most `most`. */
function offerPartner(list: Array<[number, number]>, j: number, cosine: number, most: number): void {
  const entry: [number, number] = [j, cosine];
  if (list.length >= most && !ranksAbove(entry, list[list.length - 1]!)) return;
  let at = list.length;
  while (at > 0 && ranksAbove(entry, list[at - 1]!)) at--;
  list.splice(at, 0, entry);
  if (list.length > most) list.pop();
}

const suggest = (groups: readonly Building[], grouping: GroupingOptions, options: ReviewOptions, likely?: Likelihood): Suggestion[] =>
  allSuggestions(groups, grouping, options, likely).sort(bySimilarity).slice(0, options.maxSuggestions);

/** The grouping with its explanations and suggestions, under the campaign's own decisions. */
export function reviewOpinions(
  opinions: readonly OpinionInput[],
  decisions: readonly GroupDecision[] = [],
  review: CampaignReview = NO_REVIEW,
  grouping: GroupingOptions = DEFAULT_GROUPING,
  options: ReviewOptions = DEFAULT_REVIEW,
): GroupingReview {
  const c = clusterOpinions(opinions, decisions, grouping, review);
  return {
    groups: c.groups.map((b) => b.group),
    explanations: new Map(c.groups.map((b) => [b.group.id, explainGroup(b, c.vectors, c.byId, options, weakestOf(c, grouping))])),
    suggestions: suggest(c.groups, grouping, options, (x, y) => c.likelihood(x, y)),
  };
}

/** How a term reads to the office, and the words to highlight for it in a record's text. */
export function termWords(term: string): { label: string; words: string[] } {
  const body = term.slice(2);
  if (term.startsWith('c:')) {
    const words = CONCEPTS[body] ?? [];
    return { label: words.slice(0, 3).join('/') || body, words: [...words] };
  }
  return { label: body, words: [body] };
}

/** A record's text cut into plain and highlighted runs, for the linking terms given. */
export function highlight(text: string, terms: readonly string[]): Array<{ text: string; mark: boolean }> {
  const words = [...new Set(terms.flatMap((t) => termWords(t).words))].filter((w) => w !== '');
  const marked = new Array<boolean>(text.length).fill(false);
  const lower = text.normalize('NFKC').toLowerCase();
  // NFKC can change lengths (full-width letters stay one code unit, ligatures do not): only highlight when it did not.
  const haystack = lower.length === text.length ? lower : text;
  for (const w of words) {
    for (let at = haystack.indexOf(w); at !== -1; at = haystack.indexOf(w, at + 1)) marked.fill(true, at, at + w.length);
  }
  const runs: Array<{ text: string; mark: boolean }> = [];
  for (let i = 0; i < text.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.mark === marked[i]) last.text += text[i];
    else runs.push({ text: text[i]!, mark: marked[i]! });
  }
  return runs;
}
