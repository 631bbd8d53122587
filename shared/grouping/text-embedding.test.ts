import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/support/paths';
import { DEFAULT_GROUPING } from './cluster';
import { trainEmbedding } from './embedding-training';
import { type LabeledOpinion, scoreLabeled, WITHOUT_EMBEDDING } from './labeled-score';
import { cosineOf, embeddingLogit, embeddingTokens, shippedEmbedding, TextEmbedding } from './text-embedding';

const readSet = (name: string) =>
  (JSON.parse(readFileSync(path.join(projectRoot, `test/fixtures/opinions/${name}.json`), 'utf8')) as { opinions: LabeledOpinion[] }).opinions;

describe('the text embedding', () => {
  it('reads a text as its characters, its pairs of adjacent characters and its Latin words, each once', () => {
    expect(embeddingTokens('校园网，网速 WiFi慢！')).toEqual(['校', '园', '网', '校园', '园网', '速', '网速', '慢', 'wifi']);
    expect(embeddingTokens('Ｗｉｆｉ')).toEqual(['wifi']);
  });

  it('gives a unit vector, and nothing for a text none of whose tokens it knows', () => {
    const v = shippedEmbedding().embed('食堂饭菜太贵了')!;
    expect(cosineOf(v, v)).toBeCloseTo(1, 5);
    // Characters it has no vector for (seen in fewer than two training records), and none at all.
    expect(shippedEmbedding().embed('龘靐齉')).toBeNull();
    expect(shippedEmbedding().embed('☃ 𠀀')).toBeNull();
  });

  it('learns from a set of one problem nothing, and does not wait for a negative that is not there', () => {
    const one = { name: 'one', opinions: readSet('set-a').filter((o, _, all) => o.cluster === all[0]!.cluster) };
    expect(one.opinions.length).toBeGreaterThan(1);
    const options = { dimensions: 4, epochs: 1, temperature: 0.05, rate: 0.2, negatives: 4, hardNegatives: 2, minRecords: 1 };
    expect(trainEmbedding([one], options).tokens.length).toBeGreaterThan(0);
  });

  it('packs each token’s numbers a byte each at the token’s own scale, and reads them back as they were packed', () => {
    const sets = ['set-a', 'set-b'].map((name) => ({ name, opinions: readSet(name).slice(0, 60) }));
    const options = { dimensions: 8, epochs: 1, temperature: 0.05, rate: 0.2, negatives: 4, hardNegatives: 2, minRecords: 2 };
    const file = trainEmbedding(sets, options);
    expect(file.trainedOn).toEqual(['set-a', 'set-b']);
    expect(file.tokens.length).toBeGreaterThan(50);
    // Training the same sets again gives the same file: seeded, in a fixed order.
    expect(trainEmbedding(sets, options)).toEqual(file);
    const embedding = new TextEmbedding(file);
    const single = file.tokens.filter(([t]) => /^[\u3400-\u9fff]$/.test(t)).slice(0, 20);
    expect(single.length).toBe(20);
    for (const [token, scale, packed] of single) {
      const bytes = Int8Array.from(Buffer.from(packed, 'base64'));
      expect(bytes).toHaveLength(8);
      // The largest number takes the whole byte: the scale is the largest magnitude over 127.
      expect(Math.max(...bytes.map(Math.abs))).toBe(127);
      const decoded = Array.from(bytes, (x) => x * scale);
      const norm = Math.hypot(...decoded);
      // A one-character text is that character's vector, made unit length.
      expect(Array.from(embedding.embed(token)!)).toEqual(decoded.map((x) => expect.closeTo(x / norm, 6)));
    }
    // Only tokens of at least `minRecords` training records are kept.
    const counts = new Map<string, number>();
    for (const s of sets) for (const o of s.opinions) for (const t of embeddingTokens(o.content)) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(file.tokens.every(([t]) => counts.get(t)! >= 2)).toBe(true);
  });

  it('finds more of one problem’s paraphrases on sets it was not trained on, at no cost in precision', () => {
    // Two of the settling sets (GO–GZ): neither trained on nor held by the memory.
    for (const name of ['set-gq', 'set-gr']) {
      const opinions = readSet(name);
      const withIt = scoreLabeled(opinions);
      const without = scoreLabeled(opinions, WITHOUT_EMBEDDING);
      expect(withIt.recall).toBeGreaterThan(without.recall + 0.03);
      expect(withIt.precision).toBeGreaterThanOrEqual(without.precision);
      expect(withIt.effort.per100).toBeLessThan(without.effort.per100);
    }
  });

  it('lifts two wordings of one problem that share few characters, but by no more than its cap', () => {
    const options = DEFAULT_GROUPING.pairModel!.embedding!;
    const a = shippedEmbedding().embed('网上办事大厅不好用')!;
    const b = shippedEmbedding().embed('线上审批系统操作太复杂')!;
    const c = shippedEmbedding().embed('食堂饭菜涨价了')!;
    expect(cosineOf(a, b)).toBeGreaterThan(cosineOf(a, c) + 0.2);
    expect(embeddingLogit(a, b, options)).toBeGreaterThan(embeddingLogit(a, c, options));
    // However alike, a pair gains at most weight × most (3) in log-odds: the model's view of two differing complaints
    // stays; a pair it finds unlike loses without a limit; a text it knows nothing of adds nothing.
    expect(embeddingLogit(a, a, options)).toBeCloseTo(options.weight * options.most, 10);
    expect(embeddingLogit(a, a, { ...options, most: 1 })).toBeCloseTo(options.weight * (1 - options.centre), 5);
    expect(embeddingLogit(a, c, options)).toBeCloseTo(options.weight * (cosineOf(a, c) - options.centre), 10);
    expect(embeddingLogit(a, null, options)).toBe(0);
  });
});
