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
import trained from './pair-model.json';

/** The shipped file's shape (pair-training.ts writes it). */
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
  /** Characters with a weight get the ids 0 … known − 1; others are numbered after them as they come. */
  readonly known: number;
  /** Those with shared or contrast weights come first, 0 … tabled − 1 (the contrast table's side); then those with only factors. */
  private readonly tabled: number;
  readonly rank: number;
  /** Row id · rank … : each known character's factor vector (zeros for one without). */
  private readonly factors: Float64Array;
  private readonly sumX: Float64Array;
  private readonly sumY: Float64Array;
  private readonly ids = new Map<string, number>();
  private readonly sharedWeight: Float64Array;
  /** Per known character, its contrast partners (sorted ids) and the weights, both directions stored. */
  private readonly partners: Int32Array[] = [];
  private readonly partnerWeights: Float64Array[] = [];
  private table: Float64Array | undefined;
  private readonly onlyX: Int32Array = new Int32Array(4096);
  private readonly onlyY: Int32Array = new Int32Array(4096);

  constructor(readonly file: PairModelFile) {
    this.a = file.a;
    this.b = file.b;
    const contrast = Object.entries(file.contrast).map(([key, w]) => [...(key.split('|') as [string, string]), w] as const);
    for (const ch of Object.keys(file.shared)) this.id(ch);
    for (const [x, y] of contrast) {
      this.id(x);
      this.id(y);
    }
    this.tabled = this.ids.size;
    const factors = Object.entries(file.factors ?? {});
    for (const [ch] of factors) this.id(ch);
    this.known = this.ids.size;
    this.rank = factors[0]?.[1].length ?? 0;
    this.factors = new Float64Array(this.known * this.rank);
    for (const [ch, v] of factors) this.factors.set(v, this.ids.get(ch)! * this.rank);
    this.sumX = new Float64Array(this.rank);
    this.sumY = new Float64Array(this.rank);
    this.sharedWeight = new Float64Array(this.known);
    for (const [ch, w] of Object.entries(file.shared)) this.sharedWeight[this.ids.get(ch)!] = w;
    const rows: Array<Array<[number, number]>> = Array.from({ length: this.tabled }, () => []);
    for (const [x, y, w] of contrast) {
      const p = this.ids.get(x)!;
      const q = this.ids.get(y)!;
      rows[p]!.push([q, w]);
      rows[q]!.push([p, w]);
    }
    for (const row of rows) {
      row.sort((u, v) => u[0] - v[0]);
      this.partners.push(Int32Array.from(row, (r) => r[0]));
      this.partnerWeights.push(Float64Array.from(row, (r) => r[1]));
    }
  }

  /**
   * The contrast weights as one tabled × tabled table (29 MB for the shipped model), made on first use: a pair of
   * records then costs one load per pair of one-sided characters instead of a walk along each one's partners
   * (common characters have hundreds), which is what made the model's suggestions slow over many groups.
   */
  private contrastTable(): Float64Array {
    if (this.table) return this.table;
    const table = new Float64Array(this.tabled * this.tabled);
    this.partners.forEach((row, p) => {
      const weights = this.partnerWeights[p]!;
      for (let r = 0; r < row.length; r++) table[p * this.tabled + row[r]!] = weights[r]!;
    });
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

  /** Probability that two records are one problem, given their cosine (with the category adjustment) and characters. */
  probability(cosine: number, x: PairChars, y: PairChars): number {
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
    let z = this.a * cosine + this.b;
    if (shared > 0) z += sharedSum / Math.sqrt(shared);
    if (onlyKnownX > 0 && onlyKnownY > 0) {
      // Each one-sided character of x against each of y's, in ascending order: the weights add up in the same
      // order a merge of the sorted partner rows would add them (the absent pairs add an exact 0).
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
      z += contrast / Math.sqrt(nx * ny);
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

/** The model that ships, loaded once per process (or worker). */
export const PAIR_MODEL = new PairModel(trained as PairModelFile);
