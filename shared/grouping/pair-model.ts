/**
 * The learned pair model: how likely two opinions are one problem, from what they share AND what they
 * do not (issue 10's two wrong-merge kinds). The hand-set cosine (cluster.ts) only sees shared terms, so
 * two records about the same place with different complaints (the same object's characters) or the same
 * complaint about different things (the same complaint's characters) look alike to it. This model adds
 *
 * - a learnt weight per shared character (sharing 建 of 建议 says nothing; sharing 霉 says much), and
 * - a learnt weight per pair of characters one record has and the other lacks (a contrast: 贵 on one side
 *   and 坏 on the other says "different complaint" whatever the shared object), and
 * - a few learnt numbers per character (factors) whose product stands in for the contrast of two characters
 *   no training pair had together,
 *
 * on top of the cosine:  p = σ(a·cosine + b + Σ shared w / √|shared| + Σ (contrast w + f·D·f) / √(|only A|·|only B|)).
 *
 * The weights are learnt by logistic regression (pair-training.ts) from labelled opinion sets written by
 * other hands, and shipped as data (pair-model.json, `npm run train:grouping` writes it; a test holds the
 * file to a fresh training run). Which sets it was trained on is in the file; sets not among them are the
 * only evidence of how it generalises (bench/grouping.bench.ts, shared/grouping/README.md).
 */
import { readFileSync } from 'node:fs';

/** The model as training gives it (pair-training.ts), keyed by character: what tests and the lab read. */
export interface PairModelFile {
  about: string;
  trainedOn: string[];
  training: Record<string, number>;
  a: number;
  b: number;
  /** character → weight when both records have it. */
  shared: Record<string, number>;
  /** `x|y` (x < y) → weight when one record has x and lacks y, the other has y and lacks x. */
  contrast: Record<string, number>;
  /** character → its factor vector (pair-training.ts `factors`); absent in a model trained without. */
  factors?: Record<string, number[]>;
}

/**
 * The shipped file's shape (pair-model.json): the same model packed for loading, every character named once and
 * every weight in an array by character number. Keyed by `x|y`, the 256k contrast weights of the a–cf model took
 * a worker ~2.4 s to import and index before its first grouping; as arrays they parse in ~0.15 s.
 */
export interface PackedPairModel {
  about: string;
  trainedOn: string[];
  training: Record<string, number>;
  a: number;
  b: number;
  /** Every character with a weight: those with shared or contrast weights first (0 … tabled − 1), then those with only factors; each part sorted. */
  chars: string[];
  tabled: number;
  /** Per tabled character, its shared weight (0 for none). */
  shared: number[];
  /** The contrast weights' characters as numbers, two per weight (x < y by character), in the order of `contrastWeights`. */
  contrastPairs: number[];
  contrastWeights: number[];
  rank: number;
  /** chars.length × rank: each character's factor vector in turn (zeros for one without). */
  factors: number[];
}

const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export function packPairModel(file: PairModelFile): PackedPairModel {
  const contrast = Object.entries(file.contrast).map(([key, w]) => [...(key.split('|') as [string, string]), w] as const);
  const withWeight = new Set(Object.keys(file.shared));
  for (const [x, y] of contrast) withWeight.add(x).add(y);
  const tabledChars = [...withWeight].sort(byCodeUnits);
  const factorOnly = Object.keys(file.factors ?? {})
    .filter((ch) => !withWeight.has(ch))
    .sort(byCodeUnits);
  const chars = [...tabledChars, ...factorOnly];
  const number = new Map(chars.map((ch, n) => [ch, n]));
  const rank = Object.values(file.factors ?? {})[0]?.length ?? 0;
  return {
    about: file.about,
    trainedOn: file.trainedOn,
    training: file.training,
    a: file.a,
    b: file.b,
    chars,
    tabled: tabledChars.length,
    shared: tabledChars.map((ch) => file.shared[ch] ?? 0),
    contrastPairs: contrast.flatMap(([x, y]) => [number.get(x)!, number.get(y)!]),
    contrastWeights: contrast.map(([, , w]) => w),
    rank,
    factors: chars.flatMap((ch) => file.factors?.[ch] ?? new Array<number>(rank).fill(0)),
  };
}

/**
 * The factors' contribution for two records: (Σ of x's one-sided factors) · D · (Σ of y's), D = diag(+1 … −1):
 * the first half of the components make two characters alike, the second half make them contrast, so the
 * products can say "these two go together" and "these two say different things" alike (a plain dot product
 * could only make a character most like itself). Symmetric in x and y.
 */
export function factorProduct(sumX: ArrayLike<number>, sumY: ArrayLike<number>): number {
  let f = 0;
  for (let k = 0; k < sumX.length; k++) f += factorSign(k, sumX.length) * sumX[k]! * sumY[k]!;
  return f;
}

export const factorSign = (k: number, rank: number) => (k < rank / 2 ? 1 : -1);

/** A record's characters as the model reads them: every one as an id, sorted (ids below `PairModel.known` have weights). */
export interface PairChars {
  ids: Int32Array;
}

/** The characters of a record: its `u:` terms (tokenize.ts), the same units the cosine weighs. */
export const characterTerms = (terms: ReadonlyMap<string, number>): string[] => {
  const out: string[] = [];
  for (const t of terms.keys()) if (t.startsWith('u:')) out.push(t.slice(2));
  return out;
};

export class PairModel {
  readonly a: number;
  readonly b: number;
  /** Characters with a weight get the ids 0 … known − 1 (the file's numbers); others are numbered after them as they come. */
  readonly known: number;
  /** Those with shared or contrast weights come first, 0 … tabled − 1 (the contrast table's side); then those with only factors. */
  private readonly tabled: number;
  readonly rank: number;
  /** Row id · rank … : each known character's factor vector (zeros for one without). */
  private readonly factors: Float64Array;
  private readonly sumX: Float64Array;
  private readonly sumY: Float64Array;
  private readonly ids = new Map<string, number>();
  /** `u:<character>` → the character's id (charsOfTerms). */
  private readonly idsByTerm = new Map<string, number>();
  private readonly sharedWeight: Float64Array;
  private table: Int16Array | undefined;
  /** Per id, the character's number in the file (packed). */
  private readonly fileNumberOf: Int32Array;
  private readonly onlyX: Int32Array = new Int32Array(4096);
  private readonly onlyY: Int32Array = new Int32Array(4096);

  /** A model as training gives it (tests, the lab); the shipped one is read packed (shippedPairModel). */
  static fromFile(file: PairModelFile): PairModel {
    return new PairModel(packPairModel(file));
  }

  constructor(readonly packed: PackedPairModel) {
    this.a = packed.a;
    this.b = packed.b;
    this.tabled = packed.tabled;
    this.rank = packed.rank;
    // The file's numbers in the order of how many contrast weights each character has: the characters most records
    // have come first, so that the pairs a grouping looks up sit in one corner of the contrast table (a few hundred
    // kilobytes that stay in the processor's cache) rather than all over its 8.5 MB.
    const partners = new Int32Array(packed.tabled);
    for (const n of packed.contrastPairs) partners[n]!++;
    const fileOrder = [...packed.chars.keys()];
    const tabledOrder = fileOrder.slice(0, packed.tabled).sort((x, y) => partners[y]! - partners[x]! || x - y);
    this.fileNumberOf = Int32Array.from([...tabledOrder, ...fileOrder.slice(packed.tabled)]);
    for (const n of this.fileNumberOf) this.id(packed.chars[n]!);
    this.known = this.ids.size;
    const rank = this.rank;
    this.factors = new Float64Array(this.known * rank);
    this.sharedWeight = new Float64Array(this.known);
    this.fileNumberOf.forEach((n, id) => {
      this.factors.set(packed.factors.slice(n * rank, (n + 1) * rank), id * rank);
      if (n < packed.shared.length) this.sharedWeight[id] = packed.shared[n]!;
    });
    this.sumX = new Float64Array(this.rank);
    this.sumY = new Float64Array(this.rank);
  }

  /** Builds what the first probability would (the contrast table), for a process that is about to group. */
  prepare(): this {
    this.contrastTable();
    return this;
  }

  /**
   * The contrast weights as one tabled × tabled table, made on first use: a pair of records then costs one load
   * per pair of one-sided characters instead of a walk along each one's partners (common characters have
   * hundreds), which is what made the model's suggestions slow over many groups. In hundredths, as 16-bit
   * integers: training keeps every weight to two decimals (pair-training.ts), so nothing is lost (groupings are the
   * same), and the table is 8.5 MB instead of 34 as doubles: the model costs a grouping worker ~36 MB of memory
   * instead of ~69, and the server runs three. (A 50k regroup takes as long either way.)
   */
  private contrastTable(): Int16Array {
    if (this.table) return this.table;
    const side = this.tabled;
    const table = new Int16Array(side * side);
    const { contrastPairs: pairs, contrastWeights: weights } = this.packed;
    const idOf = new Int32Array(this.fileNumberOf.length);
    this.fileNumberOf.forEach((n, id) => {
      idOf[n] = id;
    });
    for (let k = 0; k < weights.length; k++) {
      const x = idOf[pairs[2 * k]!]!;
      const y = idOf[pairs[2 * k + 1]!]!;
      const hundredths = Math.round(weights[k]! * 100);
      if (Math.abs(hundredths) > 32_767) throw new RangeError(`contrast weight out of range: ${weights[k]}`);
      table[x * side + y] = hundredths;
      table[y * side + x] = hundredths;
    }
    this.table = table;
    return table;
  }

  private id(ch: string): number {
    let n = this.ids.get(ch);
    if (n === undefined) this.ids.set(ch, (n = this.ids.size));
    return n;
  }

  chars(characters: readonly string[]): PairChars {
    return { ids: Int32Array.from(new Set(characters), (ch) => this.id(ch)).sort() };
  }

  /**
   * chars(characterTerms(terms)), without making a string per character: the ids are kept by term (tokenize.ts
   * makes each character's term once), which is what a grouping of tens of thousands of records asks for.
   */
  charsOfTerms(terms: ReadonlyMap<string, number>): PairChars {
    const out: number[] = [];
    for (const t of terms.keys()) {
      if (!t.startsWith('u:')) continue;
      let n = this.idsByTerm.get(t);
      if (n === undefined) this.idsByTerm.set(t, (n = this.id(t.slice(2))));
      out.push(n);
    }
    return { ids: Int32Array.from(out).sort() };
  }

  /**
   * Probability that two records are one problem, given their cosine (with the category adjustment) and characters;
   * `evidence` is added to the log-odds (what the memory of known problems says, cluster.ts).
   */
  probability(cosine: number, x: PairChars, y: PairChars, evidence = 0): number {
    const kx = x.ids;
    const ky = y.ids;
    let shared = 0;
    let sharedSum = 0;
    let nx = 0;
    let ny = 0;
    let onlyKnownX = 0;
    let onlyKnownY = 0;
    let i = 0;
    let j = 0;
    while (i < kx.length && j < ky.length) {
      const p = kx[i]!;
      const q = ky[j]!;
      if (p === q) {
        shared++;
        if (p < this.known) sharedSum += this.sharedWeight[p]!;
        i++;
        j++;
      } else if (p < q) {
        nx++;
        if (p < this.known && onlyKnownX < this.onlyX.length) this.onlyX[onlyKnownX++] = p;
        i++;
      } else {
        ny++;
        if (q < this.known && onlyKnownY < this.onlyY.length) this.onlyY[onlyKnownY++] = q;
        j++;
      }
    }
    for (; i < kx.length; i++) {
      nx++;
      if (kx[i]! < this.known && onlyKnownX < this.onlyX.length) this.onlyX[onlyKnownX++] = kx[i]!;
    }
    for (; j < ky.length; j++) {
      ny++;
      if (ky[j]! < this.known && onlyKnownY < this.onlyY.length) this.onlyY[onlyKnownY++] = ky[j]!;
    }
    let z = this.a * cosine + this.b + evidence;
    if (shared > 0) z += sharedSum / Math.sqrt(shared);
    if (onlyKnownX > 0 && onlyKnownY > 0) {
      // Each one-sided character of x against each of y's, in hundredths (exact integer sums; absent pairs add 0).
      const table = this.contrastTable();
      const tabled = this.tabled;
      let contrast = 0;
      for (let m = 0; m < onlyKnownX; m++) {
        const p = this.onlyX[m]!;
        if (p >= tabled) continue;
        const row = p * tabled;
        for (let n = 0; n < onlyKnownY; n++) {
          const q = this.onlyY[n]!;
          if (q < tabled) contrast += table[row + q]!;
        }
      }
      z += contrast / 100 / Math.sqrt(nx * ny);
      if (this.rank > 0) z += this.factorTerm(onlyKnownX, onlyKnownY) / Math.sqrt(nx * ny);
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** factorProduct over the one-sided characters just collected in onlyX / onlyY. */
  private factorTerm(countX: number, countY: number): number {
    const rank = this.rank;
    const { sumX, sumY, factors } = this;
    sumX.fill(0);
    sumY.fill(0);
    for (let m = 0; m < countX; m++) {
      const at = this.onlyX[m]! * rank;
      for (let k = 0; k < rank; k++) sumX[k]! += factors[at + k]!;
    }
    for (let n = 0; n < countY; n++) {
      const at = this.onlyY[n]! * rank;
      for (let k = 0; k < rank; k++) sumY[k]! += factors[at + k]!;
    }
    return factorProduct(sumX, sumY);
  }
}

let shipped: PairModel | undefined;

/**
 * The model that ships, read once per process: as a grouping worker starts (grouping-worker.ts), elsewhere on the
 * first grouping. Read and parsed rather than imported: tsx turns a 4 MB JSON import into most of a second, and a
 * process that never groups (the server's main thread hands grouping to workers) never pays. The file sits next to this module, in the sources and in
 * the server build alike (scripts/build-server.mjs copies it); grouping runs in Node only.
 */
export function shippedPairModel(): PairModel {
  shipped ??= new PairModel(JSON.parse(readFileSync(new URL('./pair-model.json', import.meta.url), 'utf8')) as PackedPairModel);
  return shipped;
}
