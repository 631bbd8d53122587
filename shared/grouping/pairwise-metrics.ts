/** Pairwise precision / recall / F1 of a clustering against the true one (how labeled.json is scored). */
export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/**
 * `truth` and `predicted` map each item id to its cluster label. Counted from the contingency table
 * (pairs inside each cluster, each group, each cluster × group cell), so 50k items cost no more than a pass.
 */
export function pairwiseScore(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): PairwiseScore {
  const pairs = (counts: Iterable<number>) => {
    let n = 0;
    for (const c of counts) n += (c * (c - 1)) / 2;
    return n;
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const trueSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const [id, t] of truth) {
    // An item the prediction does not place is a group of its own.
    const p = predicted.get(id) ?? `\u0000${id}`;
    bump(trueSizes, t);
    bump(predictedSizes, p);
    bump(cells, `${t}\u0000${p}`);
  }
  const truePairs = pairs(trueSizes.values());
  const predictedPairs = pairs(predictedSizes.values());
  const correctPairs = pairs(cells.values());
  // With no predicted pairs nothing was merged wrongly: precision is 1 by convention.
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}
