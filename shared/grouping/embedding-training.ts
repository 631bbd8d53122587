/**
 * Learns the text embedding (text-embedding.ts) from labelled opinion sets. Each record with another of its problem
 * in its set is an anchor: the embedding should find that other record (picked at random) more alike than `negatives`
 * records of other problems of the same set — half of them the records sharing most of its tokens (the sibling
 * problems about the same place or thing, which is where grouping goes wrong), the rest at random. The loss is the
 * softmax's over those cosines at a temperature (InfoNCE); each token's vector moves by AdaGrad, one step size per
 * token (its gradients' mean square summed over the steps). Seeded and in a fixed
 * order, so the same sets always give the same file. Tokens in fewer than `minRecords` training records are left out:
 * what one record alone says teaches nothing that carries.
 *
 * The options are those of the round-27 lab (shared/grouping/README.md), where they were not tuned further.
 */
import type { LabeledOpinion } from './labeled-score';
import { embeddingTokens, type EmbeddingFile } from './text-embedding';

export interface EmbeddingTrainingOptions {
  dimensions: number;
  epochs: number;
  /** The softmax's temperature over cosines. */
  temperature: number;
  /** AdaGrad's base step. */
  rate: number;
  negatives: number;
  /** Of the negatives, how many are the records sharing most tokens with the anchor (the same ones every epoch). */
  hardNegatives: number;
  minRecords: number;
}

export const DEFAULT_EMBEDDING_TRAINING: EmbeddingTrainingOptions = {
  dimensions: 48,
  epochs: 6,
  temperature: 0.05,
  rate: 0.2,
  negatives: 15,
  hardNegatives: 8,
  minRecords: 2,
};

interface TrainingRecord {
  ids: Int32Array;
  cluster: string;
}

export function trainEmbedding(
  sets: ReadonlyArray<{ name: string; opinions: readonly LabeledOpinion[] }>,
  options: EmbeddingTrainingOptions = DEFAULT_EMBEDDING_TRAINING,
): EmbeddingFile {
  const d = options.dimensions;
  const vocabulary = new Map<string, number>();
  const records: number[] = [];
  for (const set of sets)
    for (const o of set.opinions)
      for (const token of embeddingTokens(o.content)) {
        let id = vocabulary.get(token);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(token, id);
          records.push(0);
        }
        records[id]!++;
      }
  let seed = 4242;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const vectors = new Float64Array(vocabulary.size * d);
  for (let i = 0; i < vectors.length; i++) vectors[i] = (random() - 0.5) * 0.2;
  const squares = new Float64Array(vocabulary.size).fill(1e-8);
  const idsOf = (text: string) =>
    Int32Array.from(
      embeddingTokens(text)
        .map((t) => vocabulary.get(t)!)
        .filter((id) => records[id]! >= options.minRecords),
    );
  const trainingSets: TrainingRecord[][] = sets.map((s) => s.opinions.map((o) => ({ ids: idsOf(o.content), cluster: o.cluster })));
  const hardOf = trainingSets.map((set) => set.map((a, i) => mostSharing(set, i, a, options.hardNegatives)));
  // A set of one problem has no negatives to draw: its records teach nothing here.
  const manyProblems = trainingSets.map((set) => set.some((r) => r.cluster !== set[0]!.cluster));

  const size = options.negatives + 2;
  const sums = Array.from({ length: size }, () => new Float64Array(d));
  const grads = Array.from({ length: size }, () => new Float64Array(d));
  const norms = new Float64Array(size);
  const cosines = new Float64Array(size - 1);
  const sumOf = (ids: Int32Array, out: Float64Array) => {
    out.fill(0);
    const w = 1 / Math.sqrt(Math.max(1, ids.length));
    for (const id of ids) for (let k = 0; k < d; k++) out[k]! += vectors[id * d + k]! * w;
    let n = 0;
    for (let k = 0; k < d; k++) n += out[k]! * out[k]!;
    return Math.sqrt(n) || 1e-9;
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Every epoch shuffles the anchors afresh from the sets' order.
    const anchors: Array<[number, number]> = [];
    trainingSets.forEach((set, s) => set.forEach((_, i) => anchors.push([s, i])));
    for (let k = anchors.length - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [anchors[k], anchors[r]] = [anchors[r]!, anchors[k]!];
    }
    for (const [s, i] of anchors) {
      const set = trainingSets[s]!;
      const a = set[i]!;
      const positives: number[] = [];
      for (let j = 0; j < set.length; j++) if (j !== i && set[j]!.cluster === a.cluster) positives.push(j);
      if (positives.length === 0 || a.ids.length === 0 || !manyProblems[s]) continue;
      const members = [i, positives[Math.floor(random() * positives.length)]!];
      const hard = hardOf[s]![i]!;
      for (let k = 0; k < options.negatives; k++) {
        let j: number;
        if (k < options.hardNegatives && k < hard.length) j = hard[k]!;
        else
          do j = Math.floor(random() * set.length);
          while (set[j]!.cluster === a.cluster);
        members.push(j);
      }
      members.forEach((m, q) => (norms[q] = sumOf(set[m]!.ids, sums[q]!)));
      const u = sums[0]!;
      let most = -Infinity;
      for (let q = 1; q < size; q++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += u[k]! * sums[q]![k]!;
        cosines[q - 1] = dot / (norms[0]! * norms[q]!);
        most = Math.max(most, cosines[q - 1]! / options.temperature);
      }
      let total = 0;
      for (let q = 0; q < size - 1; q++) total += Math.exp(cosines[q]! / options.temperature - most);
      for (const g of grads) g.fill(0);
      for (let q = 0; q < size - 1; q++) {
        // d loss / d cosine: the softmax's share, less 1 for the true pair, over the temperature.
        const g = (Math.exp(cosines[q]! / options.temperature - most) / total - (q === 0 ? 1 : 0)) / options.temperature;
        if (g === 0) continue;
        const x = sums[q + 1]!;
        const c = cosines[q]!;
        const nu = norms[0]!;
        const nx = norms[q + 1]!;
        for (let k = 0; k < d; k++) {
          grads[0]![k]! += g * (x[k]! / (nu * nx) - (c * u[k]!) / (nu * nu));
          grads[q + 1]![k]! += g * (u[k]! / (nu * nx) - (c * x[k]!) / (nx * nx));
        }
      }
      members.forEach((m, q) => {
        const ids = set[m]!.ids;
        const w = 1 / Math.sqrt(Math.max(1, ids.length));
        const g = grads[q]!;
        let square = 0;
        for (let k = 0; k < d; k++) square += g[k]! * g[k]!;
        square *= w * w;
        for (const id of ids) {
          squares[id]! += square / d;
          const step = options.rate / Math.sqrt(squares[id]!);
          for (let k = 0; k < d; k++) vectors[id * d + k]! -= step * g[k]! * w;
        }
      });
    }
  }
  const tokens: EmbeddingFile['tokens'] = [];
  for (const [token, id] of vocabulary) {
    if (records[id]! < options.minRecords) continue;
    tokens.push(quantise(token, vectors.subarray(id * d, (id + 1) * d)));
  }
  return {
    about:
      'Learnt text embedding for opinion grouping (shared/grouping/text-embedding.ts); written by `npm run train:grouping` from the sets named in trainedOn. Do not edit by hand.',
    trainedOn: sets.map((s) => s.name),
    training: { ...options },
    dimensions: d,
    tokens,
  };
}

/** The `count` records of other problems of the set sharing most tokens with record `i` (by Jaccard), most first. */
function mostSharing(set: readonly TrainingRecord[], i: number, a: TrainingRecord, count: number): number[] {
  const own = new Set(a.ids);
  const scored: Array<[number, number]> = [];
  set.forEach((b, j) => {
    if (j === i || b.cluster === a.cluster) return;
    let shared = 0;
    for (const id of b.ids) if (own.has(id)) shared++;
    scored.push([shared / (own.size + b.ids.length - shared + 1), j]);
  });
  scored.sort((x, y) => y[0] - x[0]);
  return scored.slice(0, count).map(([, j]) => j);
}

/** A byte per number with the vector's own scale (its largest magnitude over 127). */
function quantise(token: string, v: Float64Array): [string, number, string] {
  let most = 0;
  for (const x of v) most = Math.max(most, Math.abs(x));
  const scale = most > 0 ? Number((most / 127).toPrecision(6)) : 1;
  const bytes = Buffer.from(Int8Array.from(v, (x) => Math.max(-127, Math.min(127, Math.round(x / scale)))).buffer);
  return [token, scale, bytes.toString('base64')];
}
