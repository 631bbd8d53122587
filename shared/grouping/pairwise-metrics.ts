/** Pairwise precision / recall / F1 of a clustering against the true one (how labeled.json is scored). */
export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/** `truth` and `predicted` map each item id to its cluster label. */
export function pairwiseScore(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): PairwiseScore {
  const ids = [...truth.keys()];
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const sameTrue = truth.get(ids[i]!) === truth.get(ids[j]!);
      const samePred = predicted.get(ids[i]!) === predicted.get(ids[j]!);
      if (sameTrue) truePairs++;
      if (samePred) predictedPairs++;
      if (sameTrue && samePred) correctPairs++;
    }
  }
  // With no predicted pairs nothing was merged wrongly: precision is 1 by convention.
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}
