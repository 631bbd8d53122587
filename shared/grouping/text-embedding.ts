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
  private readonly vectors: Float32Array;

  constructor(file: EmbeddingFile) {
    const d = file.dimensions;
    this.dimensions = d;
    this.vectors = new Float32Array(file.tokens.length * d);
    file.tokens.forEach(([token, scale, bytes], id) => {
      this.ids.set(token, id);
      const b = Buffer.from(bytes, 'base64');
      for (let k = 0; k < d; k++) this.vectors[id * d + k] = ((b[k]! << 24) >> 24) * scale;
    });
  }

  /** The text's unit vector; null when it has no token the embedding knows (then it has nothing to say about it). */
  embed(text: string): Float32Array | null {
    const d = this.dimensions;
    const sum = new Float64Array(d);
    for (const token of embeddingTokens(text)) {
      const id = this.ids.get(token);
      if (id === undefined) continue;
      for (let k = 0; k < d; k++) sum[k]! += this.vectors[id * d + k]!;
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

let shipped: TextEmbedding | undefined;

/** The embedding that ships, read once per process, on its first grouping (as pair-model.ts reads its model). */
export function shippedEmbedding(): TextEmbedding {
  shipped ??= new TextEmbedding(JSON.parse(readFileSync(new URL('./text-embedding.json', import.meta.url), 'utf8')) as EmbeddingFile);
  return shipped;
}
