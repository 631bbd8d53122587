/**
 * The grouping's pair model and text embedding ship as data (shared/grouping/pair-model.json, text-embedding.json): this holds them to a fresh
 * training run on the sets scripts/train-pair-model.ts names, so it can never be edited by hand or drift from
 * the code that learns it. Run `npm run train:grouping` after changing either.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBEDDING_PATH, embeddingText, MEMORY_PATH, memoryText, MODEL_PATH, modelText, readTrainingSets } from '../../scripts/train-pair-model';
import { trainEmbedding } from '../../shared/grouping/embedding-training';
import type { EmbeddingFile } from '../../shared/grouping/text-embedding';
import type { PackedPairModel } from '../../shared/grouping/pair-model';
import { DEFAULT_GROUPING } from '../../shared/grouping/cluster';
import { WITHOUT_THESAURUS } from '../../shared/grouping/labeled-score';
import { LINKS_PER_PROBLEM, matchKey, type ProblemMemoryFile } from '../../shared/grouping/problem-memory';
import { trainPairModel } from '../../shared/grouping/pair-training';

describe('the shipped pair model', () => {
  it('is exactly what training on its named sets gives (reproducible, not edited by hand)', { timeout: 600_000 }, () => {
    const shipped = readFileSync(MODEL_PATH, 'utf8');
    const sets = readTrainingSets();
    expect((JSON.parse(shipped) as PackedPairModel).trainedOn).toEqual(sets.map((s) => s.name));
    expect(modelText(trainPairModel(sets))).toBe(shipped);
  });

  it('ships the text embedding training on the same sets gives (text-embedding.json)', { timeout: 600_000 }, () => {
    const shipped = readFileSync(EMBEDDING_PATH, 'utf8');
    const sets = readTrainingSets();
    expect((JSON.parse(shipped) as EmbeddingFile).trainedOn).toEqual(sets.map((s) => s.name));
    expect(embeddingText(trainEmbedding(sets))).toBe(shipped);
  });

  it('ships the memory of known problems made from the same sets, record for record, with their links (problem-memory.json)', { timeout: 300_000 }, () => {
    const shipped = readFileSync(MEMORY_PATH, 'utf8');
    expect(shipped).toBe(memoryText(readTrainingSets()));
    const file = JSON.parse(shipped) as ProblemMemoryFile;
    expect(file.trainedOn).toEqual(readTrainingSets().map((s) => s.name));
    expect(file.records.every(([p, text]) => typeof file.problems[p] === 'string' && text.length > 0)).toBe(true);
    // Links for the shipped way of matching and for the bench's floor, each problem's to other sets' problems only.
    for (const { terms, pairModel } of [DEFAULT_GROUPING, WITHOUT_THESAURUS]) {
      const table = file.links?.[matchKey(terms, pairModel!.memory!)];
      expect(table).toHaveLength(file.problems.length);
      const setOf = (p: number) => file.problems[p]!.slice(0, file.problems[p]!.indexOf('/'));
      for (const [p, links] of table!.entries()) {
        expect(links.length).toBeLessThanOrEqual(2 * LINKS_PER_PROBLEM);
        for (let j = 0; j < links.length; j += 2) expect(setOf(links[j]!)).not.toBe(setOf(p));
      }
    }
  });
});
