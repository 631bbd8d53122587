/**
 * A campaign's grouping kept between requests, so that a new opinion costs milliseconds instead of a
 * regroup of every record (issue 10). Greedy visiting (cluster.ts) only ever looks back, so a record that
 * sorts after all the others can be visited last with exactly the result a regroup from scratch gives —
 * provided nothing it is weighed by moves: the decisions and verdicts are the same, and the idf's basis
 * is (cluster.ts, GroupingOptions.exactIdfUpTo: a large campaign's idf is counted over its first 2^k
 * records and only changes when the campaign doubles). Whenever that does not hold — an edited or
 * withdrawn record, a late record from an offline device sorting before the newest, a new decision, a
 * small campaign — `update` regroups from scratch. Either way the answer is the same as reviewOpinions's;
 * the tests hold it to that. The suggestions come from each group's few most alike partners
 * (ReviewOptions.suggestPartners): the lists are kept too, and brought up to date for the groups that grew
 * and those sharing a term with them, so that they stay the lists a regroup would make.
 */
import {
  clusterOpinions,
  DEFAULT_GROUPING,
  visitingOrder,
  type Building,
  type Clusterer,
  type GroupDecision,
  type GroupingOptions,
  type OpinionInput,
} from './cluster';
import { campaignReview, DEFAULT_LEARNING, type OfficeVerdict, type SharedWeights } from './learning';
import {
  allSuggestions,
  bySimilarity,
  cosineBetween,
  decidedApart,
  DEFAULT_REVIEW,
  explainGroup,
  pairSuggestion,
  suggestionFloor,
  type GroupExplanation,
  type GroupingReview,
  type ReviewOptions,
  type Suggestion,
  type WeakestMember,
  weakestOf,
} from './review';

export interface ReviewInput {
  opinions: readonly OpinionInput[];
  decisions: readonly GroupDecision[];
  verdicts: readonly OfficeVerdict[];
  /** What other campaigns learnt, shared with this one by an admin (learning.ts); absent = none. */
  shared?: readonly SharedWeights[];
}

const decidedKey = (input: ReviewInput) => JSON.stringify([input.decisions, input.verdicts, input.shared ?? []]);

const sameOpinion = (a: OpinionInput, b: OpinionInput) => a.id === b.id && a.order === b.order && a.content === b.content && a.category === b.category;

/** Every pair of groups with a suggestion, keyed by both ids; the review shows the top ones. */
const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

export class IncrementalReview {
  private clusterer: Clusterer;
  /** JSON of the decisions, verdicts and shared learning the grouping was made under: any change regroups. */
  private decided: string;
  private readonly explanations = new Map<string, GroupExplanation>();
  private readonly suggestions = new Map<string, Suggestion>();
  /** Position of each group in creation order (older first in a suggestion). */
  private readonly position = new Map<Building, number>();
  /**
   * Each group's most alike partners, best first (ReviewOptions.suggestPartners; only when that is finite):
   * a pair is put to the model when one is among the other's.
   */
  private readonly partners = new Map<Building, Array<[Building, number]>>();
  /** The pair model's view of two groups, through the grouping of the moment. */
  private readonly likely = (x: Building, y: Building) => this.clusterer.likelihood(x, y);
  /** The confidence's measure, through the grouping of the moment, when it uses the pair model. */
  private get weakest(): WeakestMember | undefined {
    return weakestOf(this.clusterer, this.grouping);
  }
  /** How the last update went, for the bench and the tests. */
  lastUpdate: 'regrouped' | 'added' | 'unchanged' = 'regrouped';

  constructor(
    input: ReviewInput,
    private readonly grouping: GroupingOptions = DEFAULT_GROUPING,
    private readonly options: ReviewOptions = DEFAULT_REVIEW,
  ) {
    this.decided = '';
    this.clusterer = this.regroup(input);
  }

  /** Brings the grouping up to `input`: by visiting the new records last when that gives the same result, else from scratch. */
  update(input: ReviewInput): void {
    const decided = decidedKey(input);
    const sorted = [...input.opinions].sort(visitingOrder);
    const known = this.clusterer.sorted;
    const keeps = decided === this.decided && sorted.length >= known.length && known.every((o, i) => sameOpinion(o, sorted[i]!));
    const added = sorted.slice(known.length);
    const verdictIds = new Set(input.verdicts.flatMap((v) => [...v.left, ...v.right]));
    if (!keeps || added.some((o) => verdictIds.has(o.id)) || !this.clusterer.canVisitLast(added)) {
      this.clusterer = this.regroup(input);
      return;
    }
    if (added.length === 0) {
      this.lastUpdate = 'unchanged';
      return;
    }
    this.clusterer.visitLast(added);
    this.refresh();
    this.lastUpdate = 'added';
  }

  /** The grouping with its explanations and suggestions, as reviewOpinions gives it for the same input. */
  review(): GroupingReview {
    return {
      groups: this.clusterer.groups.map((b) => b.group),
      explanations: new Map(this.explanations),
      suggestions: [...this.suggestions.values()].sort(bySimilarity).slice(0, this.options.maxSuggestions),
    };
  }

  get size(): number {
    return this.clusterer.sorted.length;
  }

  private regroup(input: ReviewInput): Clusterer {
    this.decided = decidedKey(input);
    this.explanations.clear();
    this.suggestions.clear();
    this.position.clear();
    this.partners.clear();
    const c = clusterOpinions(
      input.opinions,
      input.decisions,
      this.grouping,
      campaignReview(input.opinions, input.verdicts, this.grouping, DEFAULT_LEARNING, input.shared),
    );
    this.clusterer = c;
    c.groups.forEach((b, i) => this.position.set(b, i));
    c.takeTouched();
    for (const b of c.groups) this.explanations.set(b.group.id, explainGroup(b, c.vectors, c.byId, this.options, this.weakest));
    for (const s of allSuggestions(c.groups, this.grouping, this.options, this.likely, this.partners)) this.suggestions.set(pairKey(...s.groupIds), s);
    this.lastUpdate = 'regrouped';
    return c;
  }

  /**
   * Explanations and suggestions again for the groups whose members changed, and only those; a group another
   * absorbed (cluster.ts, mergeLikely) leaves with its explanation and every suggestion it was in.
   */
  private refresh(): void {
    const c = this.clusterer;
    for (const b of c.groups) if (!this.position.has(b)) this.position.set(b, this.position.size);
    const touched = c.takeTouched();
    const absorbed = new Set(c.takeAbsorbed());
    if (absorbed.size > 0) {
      const ids = new Set([...absorbed].map((b) => b.group.id));
      for (const id of ids) this.explanations.delete(id);
      for (const [key, s] of this.suggestions) if (ids.has(s.groupIds[0]) || ids.has(s.groupIds[1])) this.suggestions.delete(key);
      for (const b of absorbed) this.partners.delete(b);
    }
    for (const b of touched) this.explanations.set(b.group.id, explainGroup(b, c.vectors, c.byId, this.options, this.weakest));
    if (Number.isFinite(this.options.suggestPartners)) {
      this.refreshPartners(touched, absorbed);
      return;
    }
    // Drop every pair a touched group is in, then score those groups against all that share a term.
    const touchedIds = new Set([...touched].map((b) => b.group.id));
    for (const [key, s] of this.suggestions) if (touchedIds.has(s.groupIds[0]) || touchedIds.has(s.groupIds[1])) this.suggestions.delete(key);
    for (const g of touched) {
      const seen = new Set<Building>([g]);
      for (const t of g.sum.keys()) {
        for (const h of c.groupsWith(t)) {
          if (seen.has(h)) continue;
          seen.add(h);
          const [older, newer] = this.older(g, h);
          const s = pairSuggestion(older, newer, this.grouping, this.options, this.likely);
          if (s) this.suggestions.set(pairKey(older.group.id, newer.group.id), s);
        }
      }
    }
  }

  private older(g: Building, h: Building): [Building, Building] {
    return this.position.get(g)! < this.position.get(h)! ? [g, h] : [h, g];
  }

  /** Whether partner `a` ranks above `b` in a list: more alike first, then the older group (as allSuggestions ranks). */
  private ranksAbove(a: readonly [Building, number], b: readonly [Building, number]): boolean {
    return a[1] > b[1] || (a[1] === b[1] && this.position.get(a[0])! < this.position.get(b[0])!);
  }

  /** `g`'s cosine to every group sharing a term with it that clears the floor and the office did not keep apart. */
  private scoredPartners(g: Building): Array<[Building, number]> {
    const floor = suggestionFloor(this.grouping, this.options, this.likely);
    const seen = new Set<Building>([g]);
    const out: Array<[Building, number]> = [];
    for (const t of g.sum.keys()) {
      for (const h of this.clusterer.groupsWith(t)) {
        if (seen.has(h)) continue;
        seen.add(h);
        const [older, newer] = this.older(g, h);
        const cosine = cosineBetween(older, newer, this.grouping);
        if (cosine >= floor && !decidedApart(older, newer)) out.push([h, cosine]);
      }
    }
    return out;
  }

  private best(entries: Array<[Building, number]>): Array<[Building, number]> {
    return entries.sort((a, b) => (this.ranksAbove(a, b) ? -1 : this.ranksAbove(b, a) ? 1 : 0)).slice(0, this.options.suggestPartners);
  }

  /**
   * The partner lists and suggestions again after the touched groups grew (incremental.ts adds records, it
   * never removes them): the touched groups' lists are scored afresh; a group that shares a term with one
   * keeps what its list says of the others, which still holds, and takes the touched ones at their new
   * cosine — unless a touched one left a full list, when what comes next is unknown and its list is scored
   * afresh too. Then every pair whose candidacy or groups changed gets its suggestion again.
   */
  private refreshPartners(touched: ReadonlySet<Building>, absorbed: ReadonlySet<Building>): void {
    const most = this.options.suggestPartners;
    const fresh = new Map<Building, Map<Building, number>>();
    const affected = new Set<Building>();
    for (const g of touched) {
      const scored = this.scoredPartners(g);
      fresh.set(g, new Map(scored));
      for (const t of g.sum.keys()) for (const h of this.clusterer.groupsWith(t)) if (!touched.has(h)) affected.add(h);
    }
    const dirty = new Map<string, [Building, Building]>();
    const markAll = (g: Building, list: ReadonlyArray<[Building, number]> | undefined) => {
      for (const [h] of list ?? []) {
        const [older, newer] = this.older(g, h);
        dirty.set(pairKey(older.group.id, newer.group.id), [older, newer]);
      }
    };
    const relist = (g: Building, list: Array<[Building, number]>) => {
      const old = this.partners.get(g) ?? [];
      if (touched.has(g)) {
        markAll(g, old);
        markAll(g, list);
      } else {
        // An untouched group's pairs with untouched partners it keeps listed are as they were: only what
        // entered or left its list, and its pairs with the touched groups, can have changed.
        const was = new Set(old.map(([h]) => h));
        const is = new Set(list.map(([h]) => h));
        markAll(
          g,
          old.filter(([h]) => !is.has(h) || touched.has(h)),
        );
        markAll(
          g,
          list.filter(([h]) => !was.has(h) || touched.has(h)),
        );
      }
      this.partners.set(g, list);
    };
    for (const g of touched) relist(g, this.best([...fresh.get(g)!]));
    for (const h of affected) {
      const old = this.partners.get(h) ?? [];
      // An absorbed partner leaves the list like a touched one (its records are in a touched group now).
      const kept = old.filter(([p]) => !touched.has(p) && !absorbed.has(p));
      const merged = [...kept];
      for (const g of touched) {
        const cosine = fresh.get(g)!.get(h);
        if (cosine !== undefined) merged.push([g, cosine]);
      }
      let list = this.best(merged);
      if (old.length >= most && kept.length < old.length) {
        // A touched group left a full list: only entries ranking above its old last are known to be in the top.
        const last = old[old.length - 1]!;
        const known = list.filter((e) => (e[0] === last[0] && !touched.has(e[0])) || this.ranksAbove(e, last));
        list = known.length >= most ? known.slice(0, most) : this.best(this.scoredPartners(h));
      }
      relist(h, list);
    }
    // Every suggestion a touched group was in is among these pairs: it was in one of the two groups' old lists.
    for (const [key, [older, newer]] of dirty) {
      const listed = (x: Building, y: Building) => (this.partners.get(x) ?? []).some(([p]) => p === y);
      const s = listed(older, newer) || listed(newer, older) ? pairSuggestion(older, newer, this.grouping, this.options, this.likely) : undefined;
      if (s) this.suggestions.set(key, s);
      else this.suggestions.delete(key);
    }
  }
}
