/**
 * The learnt text embedding (round 27): a few dozen numbers per character and per pair of adjacent characters, learnt
 * from the labelled sets (embedding-training.ts) so that a record's vector — the sum of its tokens', made unit length —
 * points the same way as the vectors of other wordings of its problem and away from its sibling problems'. Its cosine
 * is more evidence for the pair model, beside the memory of known problems (cluster.ts `probabilityOf`).
 *
 * Why: the pair model sees characters, shared and one-sided; two wordings of one problem that share few characters
 * (网上办事大厅不好用 / 线上审批系统操作太复杂) look like two problems to it, and the memory helps only where a training
 * set wrote that very problem. The embedding learns from every cluster of every training set which characters and
 * character pairs stand in for one another, and carries that to problems no set wrote. No text is downloaded: the
 * vectors are learnt here, from this repository's sets, and ship as data (text-embedding.json).
 */
import { readFileSync } from 'node:fs';

/** The shipped file: each token with its vector, quantised to a byte per number with the token's own scale. */
export interface EmbeddingFile {
  about: string;
  trainedOn: string[];
  training: Record<string, number>;
  dimensions: number;
  /** [token, scale, the vector's bytes (Int8, base64)]: number k of the vector is scale × byte k. */
  tokens: Array<[string, number, string]>;
}

/** The tokens of a text: its Chinese characters and pairs of adjacent ones, and its Latin or digit words; each once. */
export function embeddingTokens(text: string): string[] {
  const t = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) {
    for (const ch of run) out.add(ch);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  for (const w of t.match(/[a-z0-9]+/g) ?? []) out.add(w);
  return [...out];
}

export class TextEmbedding {
  readonly dimensions: number;
  private readonly ids = new Map<string, number>();
  /** Every token's bytes in turn, and each token's scale: 2.2 MB for the shipped file, where numbers would take 8.8. */
  private readonly bytes: Int8Array;
  private readonly scales: Float64Array;

  constructor(file: EmbeddingFile) {
    const d = file.dimensions;
    this.dimensions = d;
    this.bytes = new Int8Array(file.tokens.length * d);
    this.scales = new Float64Array(file.tokens.length);
    file.tokens.forEach(([token, scale, packed], id) => {
      const b = Buffer.from(packed, 'base64');
      if (b.length !== d) throw new Error(`text-embedding.json: token ${id} (${token}) has ${b.length} numbers, not ${d}`);
      this.ids.set(token, id);
      this.scales[id] = scale;
      this.bytes.set(new Int8Array(b.buffer, b.byteOffset, d), id * d);
    });
  }

  /** The text's unit vector; null when it has no token the embedding knows (then it has nothing to say about it). */
  embed(text: string): Float32Array | null {
    const d = this.dimensions;
    const sum = new Float64Array(d);
    for (const token of embeddingTokens(text)) {
      const id = this.ids.get(token);
      if (id === undefined) continue;
      const scale = this.scales[id]!;
      // Each number as a 32-bit float, as training's file was first read (round 27's measurements used those).
      for (let k = 0; k < d; k++) sum[k]! += Math.fround(this.bytes[id * d + k]! * scale);
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += sum[k]! * sum[k]!;
    norm = Math.sqrt(norm);
    if (norm === 0) return null;
    const out = new Float32Array(d);
    for (let k = 0; k < d; k++) out[k] = sum[k]! / norm;
    return out;
  }
}

/** The cosine of two unit vectors. */
export function cosineOf(x: Float32Array, y: Float32Array): number {
  let dot = 0;
  for (let k = 0; k < x.length; k++) dot += x[k]! * y[k]!;
  return dot;
}

/** How the grouping weighs the embedding (cluster.ts PairModelOptions.embedding). */
export interface EmbeddingEvidenceOptions {
  weight: number;
  centre: number;
  most: number;
}

/**
 * The log-odds two records' embeddings add to the pair model's: weight × (cosine − centre), the rise held to
 * weight × most. The fall is not held: two records the embedding finds unlike (cosine 0.2: −10) are kept apart
 * whatever else they share (holding it at −3 to −10 changed almost nothing on the settling sets: what the embedding
 * finds unlike, the model mostly does too; shared/grouping/README.md). 0 when either text had no token it knows.
 */
export function embeddingLogit(x: Float32Array | null, y: Float32Array | null, options: EmbeddingEvidenceOptions): number {
  if (!x || !y) return 0;
  return options.weight * Math.min(cosineOf(x, y) - options.centre, options.most);
}

let shipped: TextEmbedding | undefined;

/** The embedding that ships, read once per process, on its first grouping (as pair-model.ts reads its model). */
export function shippedEmbedding(): TextEmbedding {
  shipped ??= new TextEmbedding(JSON.parse(readFileSync(new URL('./text-embedding.json', import.meta.url), 'utf8')) as EmbeddingFile);
  return shipped;
}
