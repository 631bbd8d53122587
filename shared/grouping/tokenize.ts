/**
 * Turns an opinion's text into the terms its similarity is measured on: the words Intl.Segmenter
 * finds, the character bigrams inside each run of Chinese (robust where segmentation splits a
 * compound differently in two texts), and one concept term per thesaurus match.
 */
import { CONCEPTS } from './concepts';

/** Words that say nothing about which complaint this is. */
const STOPWORDS = new Set([
  '建议', '希望', '反映', '学生', '学校', '我们', '他们', '没有', '不能', '能不能', '可以', '一些', '太多', '很', '太',
  '要', '的', '了', '和', '在', '是', '有', '就', '都', '也', '还', '把', '被', '让', '给', '对', '等', '问题', '情况',
  '存在', '不够', '比较', '非常', '需要', '进一步', '加强', '老师', '不', '能', '去', '到', '多', '少', '开',
]);

const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
const CJK_RUN = /[\u3400-\u9fff]+/g;

/** Concept words sorted longest first so the longest match is found first. */
const conceptIndex: Array<[word: string, concept: string]> = Object.entries(CONCEPTS)
  .flatMap(([concept, words]) => words.map((w): [string, string] => [w.toLowerCase(), concept]))
  .sort((a, b) => b[0].length - a[0].length);

export interface Terms {
  /** term → count; words as-is, bigrams prefixed `b:`, concepts prefixed `c:`. */
  counts: Map<string, number>;
}

function add(counts: Map<string, number>, term: string): void {
  counts.set(term, (counts.get(term) ?? 0) + 1);
}

export function tokenize(raw: string): Map<string, number> {
  const text = raw.normalize('NFKC').toLowerCase();
  const counts = new Map<string, number>();
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const w = seg.segment;
    if (STOPWORDS.has(w)) continue;
    // Single characters carry little meaning alone; the bigrams below cover them in context.
    if (w.length >= 2 || /[a-z0-9]/.test(w)) add(counts, `w:${w}`);
  }
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (!STOPWORDS.has(bigram)) add(counts, `b:${bigram}`);
    }
  }
  const seen = new Set<string>();
  for (const [word, concept] of conceptIndex) {
    if (!seen.has(concept) && text.includes(word)) {
      seen.add(concept);
      add(counts, `c:${concept}`);
    }
  }
  return counts;
}
