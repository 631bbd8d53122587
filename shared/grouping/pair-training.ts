/**
 * Learns the pair model (pair-model.ts) from labelled opinion sets: every pair of records of one set whose
 * cosine (cluster.ts, the campaign's own idf over that set, category ±) reaches `minCosine` is an example,
 * labelled "one problem" when both records carry the same cluster label. Class-weighted logistic regression
 * by stochastic gradient descent, in a fixed order (a seeded shuffle), so the same sets always give the
 * same file; weights below `prune` are dropped and the rest rounded, to ship a small file.
 *
 * The options were chosen by leaving one set out at a time over sets a–g, the factors' over a–p
 * (shared/grouping/README.md, rounds 1 and 5).
 */
import { DEFAULT_GROUPING, type GroupingOptions, vectorize } from './cluster';
import type { LabeledOpinion } from './labeled-score';
import { characterTerms, factorProduct, factorSign, type PairModelFile } from './pair-model';
import { tokenize } from './tokenize';

export interface TrainingOptions {
  /** L2 penalty on the character weights. */
  l2: number;
  epochs: number;
  rate: number;
  /** Pairs below this cosine are not examples: the grouping never asks the model about them. */
  minCosine: number;
  /** Weights smaller than this (in absolute value) are not shipped. */
  prune: number;
  /**
   * Length of each character's factor vector (0: none). The contrast weights are learnt per pair of characters
   * and know nothing of a pair the training sets never had; the factors give every character a few numbers whose
   * products stand in for the contrasts of any two (pair-model.ts), learnt from all the pairs each one was in.
   */
  factors: number;
  factorRate: number;
  factorL2: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  l2: 1e-4,
  epochs: 8,
  rate: 0.3,
  minCosine: 0.08,
  prune: 0.1,
  factors: 8,
  factorRate: 0.05,
  factorL2: 1e-4,
};

interface Example {
  cosine: number;
  same: 0 | 1;
  /** The pair's features as ids into the training's feature table (`Vocabulary`), and their values. */
  featureIds: Int32Array;
  featureValues: Float64Array;
  /** The characters only one record has, each side (for the factors), as ids into the character table. */
  onlyX: Int32Array;
  onlyY: Int32Array;
}

/**
 * Numbers for the strings training meets (feature keys, characters), so that its inner loop reads and writes
 * plain arrays instead of hashing a string per feature per step; `names[id]` turns them back into the file's keys.
 */
class Vocabulary {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

/** The characters two records share and those only one of them has. */
function split(x: ReadonlySet<string>, y: ReadonlySet<string>): { shared: string[]; onlyX: string[]; onlyY: string[] } {
  const shared: string[] = [];
  const onlyX: string[] = [];
  const onlyY: string[] = [];
  for (const ch of x) (y.has(ch) ? shared : onlyX).push(ch);
  for (const ch of y) if (!x.has(ch)) onlyY.push(ch);
  return { shared, onlyX, onlyY };
}

/** The features of one pair, keyed as the file keys them: `x` shared, `x|y` a contrast. */
export const pairFeatures = (x: ReadonlySet<string>, y: ReadonlySet<string>): Array<[string, number]> => featuresOf(split(x, y));

function featuresOf({ shared, onlyX, onlyY }: ReturnType<typeof split>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (onlyX.length > 0 && onlyY.length > 0) {
    const w = 1 / Math.sqrt(onlyX.length * onlyY.length);
    for (const p of onlyX) for (const q of onlyY) out.push([p < q ? `${p}|${q}` : `${q}|${p}`, w]);
  }
  if (shared.length > 0) {
    const w = 1 / Math.sqrt(shared.length);
    for (const ch of shared) out.push([ch, w]);
  }
  return out;
}

function examplesOf(set: readonly LabeledOpinion[], grouping: GroupingOptions, minCosine: number, features: Vocabulary, characters: Vocabulary): Example[] {
  const vectors = vectorize(
    set.map((o) => o.content),
    grouping,
  );
  const chars = set.map((o) => new Set(characterTerms(tokenize(o.content, grouping.terms))));
  const out: Example[] = [];
  for (let i = 0; i < set.length; i++) {
    for (let j = i + 1; j < set.length; j++) {
      let dot = 0;
      for (const [t, w] of vectors[i]!) dot += w * (vectors[j]!.get(t) ?? 0);
      const cosine = dot + (set[i]!.category === set[j]!.category ? grouping.categoryWeight : -grouping.categoryWeight);
      if (cosine < minCosine) continue;
      const parts = split(chars[i]!, chars[j]!);
      const pairs = featuresOf(parts);
      out.push({
        cosine,
        same: set[i]!.cluster === set[j]!.cluster ? 1 : 0,
        featureIds: Int32Array.from(pairs, ([key]) => features.id(key)),
        featureValues: Float64Array.from(pairs, ([, value]) => value),
        onlyX: Int32Array.from(parts.onlyX, (ch) => characters.id(ch)),
        onlyY: Int32Array.from(parts.onlyY, (ch) => characters.id(ch)),
      });
    }
  }
  return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function trainPairModel(
  sets: ReadonlyArray<{ name: string; opinions: readonly LabeledOpinion[] }>,
  options: TrainingOptions = DEFAULT_TRAINING,
  grouping: GroupingOptions = DEFAULT_GROUPING,
): PairModelFile {
  const featureNames = new Vocabulary();
  const characterNames = new Vocabulary();
  const examples = sets.flatMap((s) => examplesOf(s.opinions, grouping, options.minCosine, featureNames, characterNames));
  const positives = examples.filter((e) => e.same === 1).length;
  const negatives = examples.length - positives;
  // Each class weighs half of the whole: most candidate pairs are different problems.
  const classWeight = [examples.length / (2 * Math.max(1, negatives)), examples.length / (2 * Math.max(1, positives))];
  const w = new Float64Array(featureNames.names.length);
  let a = 5;
  let b = -2;
  const order = examples.map((_, k) => k);
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  // The factors: small seeded starting values (from their own stream, so the examples' order is the same with or
  // without them), made as each character is first met; the sign of each component is fixed (factorSign).
  const rank = options.factors;
  const factors: Array<Float64Array | undefined> = new Array(characterNames.names.length);
  let factorSeed = 777;
  const factorOf = (ch: number) => {
    let v = factors[ch];
    if (!v) {
      v = new Float64Array(rank);
      for (let k = 0; k < rank; k++) {
        factorSeed = (Math.imul(factorSeed, 1103515245) + 12345) >>> 0;
        v[k] = 0.1 * (factorSeed / 2 ** 32 - 0.5);
      }
      factors[ch] = v;
    }
    return v;
  };
  const sumX = new Float64Array(rank);
  const sumY = new Float64Array(rank);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [order[k], order[r]] = [order[r]!, order[k]!];
    }
    for (const k of order) {
      const e = examples[k]!;
      let z = a * e.cosine + b;
      const ids = e.featureIds;
      const values = e.featureValues;
      for (let f = 0; f < ids.length; f++) z += w[ids[f]!]! * values[f]!;
      const norm = rank > 0 && e.onlyX.length > 0 && e.onlyY.length > 0 ? 1 / Math.sqrt(e.onlyX.length * e.onlyY.length) : 0;
      if (norm > 0) {
        sumX.fill(0);
        sumY.fill(0);
        for (const ch of e.onlyX) addTo(sumX, factorOf(ch));
        for (const ch of e.onlyY) addTo(sumY, factorOf(ch));
        z += factorProduct(sumX, sumY) * norm;
      }
      const g = (sigmoid(z) - e.same) * classWeight[e.same]!;
      // The cosine's slope and the bias move ten times slower: they are two numbers fitted on every example.
      a -= options.rate * 0.1 * g * e.cosine;
      b -= options.rate * 0.1 * g;
      for (let f = 0; f < ids.length; f++) {
        const old = w[ids[f]!]!;
        w[ids[f]!] = old - options.rate * (g * values[f]! + options.l2 * old);
      }
      if (norm > 0) {
        // d z / d (x's factor) = sign ⊙ (sum of y's factors) · norm, and the other way round.
        for (const ch of e.onlyX) step(factorOf(ch), sumY, g * norm, options);
        for (const ch of e.onlyY) step(factorOf(ch), sumX, g * norm, options);
      }
    }
  }
  const shared: Record<string, number> = {};
  const contrast: Record<string, number> = {};
  const byKey = featureNames.names.map((key, id) => [key, id] as const).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (const [key, id] of byKey) {
    const value = w[id]!;
    if (Math.abs(value) < options.prune) continue;
    if (key.includes('|')) contrast[key] = round(value, 2);
    else shared[key] = round(value, 2);
  }
  return {
    about:
      'Learnt pair model for opinion grouping (shared/grouping/pair-model.ts); written by `npm run train:grouping` from the sets named in trainedOn. Do not edit by hand.',
    trainedOn: sets.map((s) => s.name),
    training: { ...options, examples: examples.length, positives },
    a: round(a, 4),
    b: round(b, 4),
    shared,
    contrast,
    ...(rank > 0 ? { factors: factorsByCharacter(factors, characterNames.names) } : {}),
  };
}

/** The factors of every character training met, by character in sorted order, rounded as the file keeps them. */
function factorsByCharacter(factors: ReadonlyArray<Float64Array | undefined>, names: readonly string[]): Record<string, number[]> {
  const met = names.flatMap((ch, id) => (factors[id] ? [[ch, factors[id]!] as const] : []));
  met.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return Object.fromEntries(met.map(([ch, v]) => [ch, Array.from(v, (x) => round(x, 3))]));
}

const addTo = (sum: Float64Array, v: Float64Array) => {
  for (let k = 0; k < v.length; k++) sum[k]! += v[k]!;
};

function step(v: Float64Array, other: Float64Array, scale: number, options: TrainingOptions): void {
  for (let k = 0; k < v.length; k++) v[k]! -= options.factorRate * (scale * factorSign(k, v.length) * other[k]! + options.factorL2 * v[k]!);
}
