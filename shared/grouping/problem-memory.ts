/**
 * A memory of known problems: the records of the labelled sets the pair model trains on, each with the problem
 * its writer put it under (set/cluster). A campaign's record is matched to the memory records most like it, and
 * the problems those belong to are what it is probably about. Two records matched to the same known problem are
 * evidence of one problem though they share few characters (the memory holds the paraphrases that link them);
 * two matched to different problems of one labelled set are evidence of two (that set's writer told them apart:
 * the same object with another thing wrong, the same complaint of another object).
 *
 * The match is a cosine over characters and character bigrams, weighted by an idf counted over the memory itself
 * (a few tens of thousands of campus complaints: a general corpus, not the campaign's), so a record's known problems
 * depend on its text alone: a record added to a campaign changes no other record's (incremental.ts holds).
 *
 * Known problems are linked across sets (round 25): one set's "canteen prices" and another's are two labels of one
 * problem, and two records matched one to each would otherwise count for nothing. Each problem is linked to the
 * problems of other sets its own records match (its own set left out), and part of a record's known problems
 * (MemoryOptions.linkShare) is passed on along those links before two records' are compared for one problem.
 */
import { readFileSync } from 'node:fs';
import { tokenize, type TermWeights } from './tokenize';

/** problem-memory.json, as `npm run train:grouping` writes it. */
export interface ProblemMemoryFile {
  trainedOn: string[];
  /** `<set>/<cluster>` per problem. */
  problems: string[];
  /** Per record: its problem's number and its text. */
  records: Array<[problem: number, text: string]>;
  /**
   * Each problem's links (ProblemMemory.linkTable), per way of matching (matchKey): they depend on the tokenising
   * and the match, so the bench's floor (no thesaurus) has its own. Worked out when the memory is written, since they
   * take every memory record's match (some seconds); a way of matching the file lacks works them out when indexed.
   */
  links?: Record<string, LinkTable>;
}

/** Per problem: [problem, share, problem, share, …] — the problems of other sets it is linked to, shares summing to about 1. */
export type LinkTable = number[][];

export interface MemoryOptions {
  /** The memory records a record is matched to (its nearest by the cosine). */
  neighbours: number;
  /** Each match weighs its cosine to this power: the nearest count most. */
  sharpness: number;
  /**
   * Terms in more than this share of the memory's records are left out of the match: they say little of which
   * problem (a place everyone names) and they are most of its cost (a few thousand records each).
   */
  commonShare: number;
  /** Whether single characters count in the match (1) or only bigrams and the thesaurus's concepts (0). */
  characters: number;
  /**
   * The share of a record's known problems passed on along their links (the problems of other sets their records
   * match) before two records are compared for one problem; 0 compares the problems alone.
   */
  linkShare: number;
}

/** How many problems each problem is linked to (its strongest links). */
export const LINKS_PER_PROBLEM = 10;

/** What a memory's matches depend on, besides its records: the tokenising and the match options (not linkShare). */
export const matchKey = (terms: TermWeights, options: MemoryOptions): string =>
  JSON.stringify([terms.unigram, terms.concept, options.neighbours, options.sharpness, options.commonShare, options.characters]);

/** What a record is probably about: known problems (ascending) and their shares (summing to 1), and the same by labelled set. */
export interface KnownProblems {
  readonly problems: readonly number[];
  readonly weights: readonly number[];
  readonly sets: readonly number[];
  readonly setWeights: readonly number[];
  /**
   * The problems with the share passed on along their links (ascending), and their shares: summing to about 1 (the
   * links' shares are rounded), less linkShare × the share of any known problem that has no links (the shipped
   * tables have none such). Without links, the known problems themselves.
   */
  readonly linked: readonly number[];
  readonly linkedWeights: readonly number[];
}

const NO_PROBLEMS: readonly number[] = Object.freeze([]);
const NOTHING_KNOWN: KnownProblems = Object.freeze({
  problems: NO_PROBLEMS,
  weights: NO_PROBLEMS,
  sets: Object.freeze([]),
  setWeights: Object.freeze([]),
  linked: NO_PROBLEMS,
  linkedWeights: NO_PROBLEMS,
});

/** How many texts' matches a memory keeps (some 0.7 KB each); when full it starts again. */
const MATCHES_KEPT = 20_000;

/** Bigrams weigh half a character, where characters count too (MemoryOptions.characters; as shipped they do not). */
const BIGRAM_WEIGHT = 0.5;

export class ProblemMemory {
  private readonly setOfProblem: Int32Array;
  private readonly problemOfRecord: Int32Array;
  /**
   * term → its idf over the memory and its postings (the memory records that have it, and its weight in each one's
   * vector); terms too common to count (MemoryOptions.commonShare) are not here.
   */
  private readonly index = new Map<string, { idf: number; records: Int32Array; weights: Float64Array }>();
  private readonly scores: Float64Array;
  /** The records a match reached, in the order reached (as many as that match counts). */
  private readonly reached: Int32Array;
  private readonly nearest: Int32Array;
  private readonly matched = new Map<string, KnownProblems>();
  private readonly terms: TermWeights;
  private readonly texts: string[];
  /** Empty while linkTable works them out (its matches are not passed on), and when linkShare is 0. */
  private links: LinkTable = [];
  /** Per problem, the share passed on to it in the match under way, and whether it was reached (matchAfresh). */
  private readonly passed: Float64Array;
  private readonly reachedProblem: Uint8Array;
  private touched = new Int32Array(0);

  constructor(
    file: ProblemMemoryFile,
    terms: TermWeights,
    private readonly options: MemoryOptions,
  ) {
    this.terms = { ...terms, unigram: terms.unigram * options.characters, word: 0, bigram: BIGRAM_WEIGHT };
    const setNumbers = new Map<string, number>();
    this.setOfProblem = Int32Array.from(file.problems, (p) => {
      const set = p.slice(0, p.indexOf('/'));
      let n = setNumbers.get(set);
      if (n === undefined) setNumbers.set(set, (n = setNumbers.size));
      return n;
    });
    this.problemOfRecord = Int32Array.from(file.records, ([p]) => p);
    this.texts = file.records.map(([, text]) => text);
    const termSets = file.records.map(([, text]) => tokenize(text, this.terms));
    const df = new Map<string, number>();
    for (const ts of termSets) for (const t of ts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = termSets.length;
    const idf = new Map<string, number>();
    for (const [t, d] of df) if (d <= options.commonShare * n) idf.set(t, Math.log(1 + n / d));
    const lists = new Map<string, number[]>();
    termSets.forEach((ts, r) => {
      const { entries: kept, weights } = this.weigh(
        ts,
        (t) => (idf.has(t) ? t : undefined),
        (t) => idf.get(t)!,
      );
      kept.forEach((t, k) => {
        let list = lists.get(t);
        if (!list) lists.set(t, (list = []));
        list.push(r, weights[k]!);
      });
    });
    for (const [t, list] of lists) {
      const records = new Int32Array(list.length / 2);
      const weights = new Float64Array(list.length / 2);
      for (let k = 0; k < records.length; k++) {
        records[k] = list[2 * k]!;
        weights[k] = list[2 * k + 1]!;
      }
      this.index.set(t, { idf: idf.get(t)!, records, weights });
    }
    this.scores = new Float64Array(file.records.length);
    this.reached = new Int32Array(file.records.length);
    this.nearest = new Int32Array(options.neighbours);
    this.passed = new Float64Array(file.problems.length);
    this.reachedProblem = new Uint8Array(file.problems.length);

    this.links = options.linkShare > 0 ? (file.links?.[matchKey(terms, options)] ?? this.linkTable()) : [];
    // A table that does not fit the problems (a file edited by hand, or the records changed without the links) would
    // read past the arrays and make NaN of every pair it touches: refused, with what to do.
    const fits =
      this.links.length === 0 ||
      (this.links.length === file.problems.length &&
        this.links.every(
          (l) => l.length % 2 === 0 && l.every((x, j) => (j % 2 === 1 ? Number.isFinite(x) : Number.isInteger(x) && x >= 0 && x < file.problems.length)),
        ));
    if (!fits) throw new Error('problem-memory: its links do not fit its problems; run `npm run train:grouping` to write them again');
    // At most every problem a record's known problems reach: each of its neighbours' and their links.
    this.touched = new Int32Array(options.neighbours * (1 + Math.max(0, ...this.links.map((l) => l.length / 2))));
  }

  /**
   * Each problem's links: the problems of other labelled sets its records match (each record matched with its own
   * set left out, the shares of its known problems summed over the problem's records), the LINKS_PER_PROBLEM
   * strongest, their shares scaled to sum to 1 and rounded to 4 places (as the memory file keeps them).
   */
  linkTable(): LinkTable {
    const sums = Array.from(this.setOfProblem, () => new Map<number, number>());
    this.problemOfRecord.forEach((p, r) => {
      const known = this.matchAfresh(this.texts[r]!, this.setOfProblem[p]!);
      const sum = sums[p]!;
      for (let k = 0; k < known.problems.length; k++) sum.set(known.problems[k]!, (sum.get(known.problems[k]!) ?? 0) + known.weights[k]!);
    });
    return sums.map((sum) => {
      const strongest = [...sum].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, LINKS_PER_PROBLEM);
      const total = strongest.reduce((t, [, w]) => t + w, 0) || 1;
      return strongest.sort((x, y) => x[0] - y[0]).flatMap(([q, w]) => [q, Math.round((w / total) * 1e4) / 1e4]);
    });
  }

  /**
   * A text's terms weighted by the memory's idf, L2-normalised, as parallel lists; terms the memory never saw (or
   * holds too often) are left out: they match nothing.
   */
  private weigh<E>(
    terms: ReadonlyMap<string, number>,
    entryOf: (term: string) => E | undefined,
    idfOf: (entry: E) => number,
  ): { entries: E[]; weights: number[] } {
    const entries: E[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (const [t, w] of terms) {
      const entry = entryOf(t);
      if (entry === undefined) continue;
      const x = w * idfOf(entry);
      entries.push(entry);
      weights.push(x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < weights.length; k++) weights[k] = weights[k]! / norm;
    return { entries, weights };
  }

  /**
   * The known problems of a text: its nearest memory records' problems, each weighted by its best match. Kept per
   * text (they depend on nothing else; never changed by a reader): a campaign of up to 2,048 records is regrouped from
   * scratch on every change (cluster.ts, exactIdfUpTo), and matching its records again was most of that regroup's time.
   */
  match(text: string): KnownProblems {
    let known = this.matched.get(text);
    if (!known) {
      if (this.matched.size >= MATCHES_KEPT) this.matched.clear();
      known = this.matchAfresh(text);
      this.matched.set(text, known);
    }
    return known;
  }

  /** Forgets the kept matches (the bench times regroups from a cold start). */
  forgetMatches(): void {
    this.matched.clear();
  }

  /** The known problems of `text`; memory records of the labelled set `leaveOut` are not matched (linkTable). */
  private matchAfresh(text: string, leaveOut = -1): KnownProblems {
    const query = this.weigh(
      tokenize(text, this.terms),
      (t) => this.index.get(t),
      (entry) => entry.idf,
    );
    const scores = this.scores;
    const reached = this.reached;
    let count = 0;
    for (let q = 0; q < query.entries.length; q++) {
      const { records, weights } = query.entries[q]!;
      const x = query.weights[q]!;
      for (let k = 0; k < records.length; k++) {
        const r = records[k]!;
        if (scores[r] === 0) reached[count++] = r;
        scores[r]! += x * weights[k]!;
      }
    }
    // The nearest (ties: the earlier memory record, so the result does not depend on the order they were reached),
    // kept as they come in a short sorted array rather than sorting every record reached (thousands share a character).
    const k = this.options.neighbours;
    const nearest = this.nearest;
    let kept = 0;
    let last = Number.NEGATIVE_INFINITY;
    for (let m = 0; m < count; m++) {
      const r = reached[m]!;
      const score = scores[r]!;
      if (leaveOut >= 0 && this.setOfProblem[this.problemOfRecord[r]!] === leaveOut) continue;
      if (kept === k && (score < last || (score === last && r > nearest[k - 1]!))) continue;
      let at = kept < k ? kept++ : k - 1;
      while (at > 0 && (scores[nearest[at - 1]!]! < score || (scores[nearest[at - 1]!]! === score && nearest[at - 1]! > r))) {
        nearest[at] = nearest[at - 1]!;
        at--;
      }
      nearest[at] = r;
      if (kept === k) last = scores[nearest[k - 1]!]!;
    }
    // Per problem, its best match's weight; then by labelled set. A few entries each: kept sorted by insertion.
    const problems: number[] = [];
    const weights: number[] = [];
    let total = 0;
    for (let m = 0; m < kept; m++) {
      const r = nearest[m]!;
      add(problems, weights, this.problemOfRecord[r]!, scores[r]! ** this.options.sharpness, Math.max);
    }
    for (let m = 0; m < count; m++) scores[reached[m]!] = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) return NOTHING_KNOWN;
    const sets: number[] = [];
    const setWeights: number[] = [];
    for (let k = 0; k < problems.length; k++) {
      weights[k] = weights[k]! / total;
      add(sets, setWeights, this.setOfProblem[problems[k]!]!, weights[k]!, (x, y) => x + y);
    }
    if (this.links.length === 0) return { problems, weights, sets, setWeights, linked: problems, linkedWeights: weights };
    // Each problem keeps 1 − linkShare of its share and passes linkShare on to its links, by their shares.
    // Summed in one array over all problems (a few hundred entries per record, every record of a regroup).
    const share = this.options.linkShare;
    const passed = this.passed;
    const reachedProblem = this.reachedProblem;
    const touched = this.touched;
    let reachedCount = 0;
    for (let k = 0; k < problems.length; k++) {
      const p = problems[k]!;
      if (!reachedProblem[p]) {
        reachedProblem[p] = 1;
        touched[reachedCount++] = p;
      }
      passed[p]! += (1 - share) * weights[k]!;
      const links = this.links[p]!;
      for (let j = 0; j < links.length; j += 2) {
        const q = links[j]!;
        if (!reachedProblem[q]) {
          reachedProblem[q] = 1;
          touched[reachedCount++] = q;
        }
        passed[q]! += share * weights[k]! * links[j + 1]!;
      }
    }
    // Sorted in the scratch array, then copied into plain arrays: a typed array of this size per record is allocated
    // off the heap, and 10k of them made a regroup's garbage collection a third slower.
    const order = touched.subarray(0, reachedCount).sort();
    const linked: number[] = [];
    const linkedWeights: number[] = [];
    for (let m = 0; m < reachedCount; m++) {
      const q = order[m]!;
      linked.push(q);
      linkedWeights.push(passed[q]!);
      passed[q] = 0;
      reachedProblem[q] = 0;
    }
    return { problems, weights, sets, setWeights, linked, linkedWeights };
  }
}

/** Puts `id` in the sorted list `ids` with weight `w`, or combines `w` with the weight it has. */
function add(ids: number[], weights: number[], id: number, w: number, combine: (was: number, w: number) => number): void {
  let at = ids.length;
  while (at > 0 && ids[at - 1]! > id) at--;
  if (at > 0 && ids[at - 1] === id) weights[at - 1] = combine(weights[at - 1]!, w);
  else {
    ids.splice(at, 0, id);
    weights.splice(at, 0, w);
  }
}

/** Σ over two sorted id lists' common ids of the products of their weights. */
function overlap(xi: readonly number[], xw: readonly number[], yi: readonly number[], yw: readonly number[]): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < xi.length && j < yi.length) {
    if (xi[i] === yi[j]) s += xw[i++]! * yw[j++]!;
    else if (xi[i]! < yi[j]!) i++;
    else j++;
  }
  return s;
}

/**
 * One record's linked shares spread over an array by problem (the record most pairs are asked of, as a regroup
 * visits it): the overlap with another record is then a pass over the other's list, with no branch on which list is
 * behind. The same products, summed in the same (ascending) order, as a walk of both lists.
 */
let spread = new Float64Array(0);
let spreadOf: KnownProblems | undefined;

function spreadOut(x: KnownProblems): void {
  if (spreadOf) for (const q of spreadOf.linked) spread[q] = 0;
  const last = x.linked.length > 0 ? x.linked[x.linked.length - 1]! : -1;
  if (last >= spread.length) spread = new Float64Array(Math.max(last + 1, 2 * spread.length));
  for (let k = 0; k < x.linked.length; k++) spread[x.linked[k]!] = x.linkedWeights[k]!;
  spreadOf = x;
}

function spreadOverlap(list: readonly number[], weights: readonly number[]): number {
  const dense = spread;
  let s = 0;
  for (let k = 0; k < list.length; k++) {
    const q = list[k]!;
    if (q < dense.length) s += dense[q]! * weights[k]!;
  }
  return s;
}

/**
 * Σ over both records' linked problems of the products of their shares; their known problems' overlap (`same`) when
 * either passes nothing on (no links, or nothing known).
 */
function linkedOverlap(x: KnownProblems, y: KnownProblems, same: number): number {
  if (x.linked === x.problems || y.linked === y.problems) return same;
  if (spreadOf === y) return spreadOverlap(x.linked, x.linkedWeights);
  if (spreadOf !== x) spreadOut(x);
  return spreadOverlap(y.linked, y.linkedWeights);
}

/**
 * How far two records' known problems say one problem (`same`: the chance that a draw from each one's linked shares
 * is the same problem — with links, a problem both matched directly counts at (1 − linkShare)², the rest of the
 * chance coming through the links; without, the chance that a match of each is the same known problem) and two
 * (`different`: the chance that they are different problems of one labelled set, from the known problems alone).
 */
export function memoryEvidence(x: KnownProblems, y: KnownProblems): { same: number; different: number } {
  const same = overlap(x.problems, x.weights, y.problems, y.weights);
  return { same: linkedOverlap(x, y, same), different: Math.max(0, overlap(x.sets, x.setWeights, y.sets, y.setWeights) - same) };
}

/**
 * What the evidence adds to a pair's log-odds: `sameWeight` · √same − `differentWeight` · √different, `same` over the
 * linked shares as in memoryEvidence — memoryEvidence without an object per pair (a regroup asks it for every pair the
 * model scores).
 */
export function memoryLogit(x: KnownProblems, y: KnownProblems, sameWeight: number, differentWeight: number): number {
  if (x.problems.length === 0 || y.problems.length === 0) return 0;
  const same = overlap(x.problems, x.weights, y.problems, y.weights);
  return (
    sameWeight * Math.sqrt(linkedOverlap(x, y, same)) - differentWeight * Math.sqrt(Math.max(0, overlap(x.sets, x.setWeights, y.sets, y.setWeights) - same))
  );
}

const memories = new Map<string, ProblemMemory>();

/** Forgets every shipped memory's kept matches (ProblemMemory.forgetMatches). */
export const forgetShippedMatches = (): void => {
  for (const memory of memories.values()) memory.forgetMatches();
};
let shippedFile: ProblemMemoryFile | undefined;

/**
 * The memory that ships (problem-memory.json beside this module), indexed once per process and per way of
 * tokenising (with the thesaurus or without: the bench's floor), on a grouping's first use.
 */
export function shippedProblemMemory(terms: TermWeights, options: MemoryOptions): ProblemMemory {
  // Keyed by what the index and the matches depend on (the evidence's weights and reach do not change them).
  const key = `${matchKey(terms, options)}/${options.linkShare}`;
  let memory = memories.get(key);
  if (!memory) {
    shippedFile ??= JSON.parse(readFileSync(new URL('./problem-memory.json', import.meta.url), 'utf8')) as ProblemMemoryFile;
    memory = new ProblemMemory(shippedFile, terms, options);
    memories.set(key, memory);
  }
  return memory;
}
