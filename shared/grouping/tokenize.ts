/**
 * Turns an opinion's text into the terms its similarity is measured on:
 * - `u:` single Chinese characters (and Latin/digit words). Chinese paraphrases of one complaint
 *   rarely share whole words (菜价偏贵 / 饭菜涨价) but do share the characters that carry the
 *   meaning; idf weighting then lets rare characters (菜, 价) count and common ones (学, 的) fade.
 * - `w:` the words Intl.Segmenter finds, and `b:` character bigrams inside each run of Chinese:
 *   kept as options, off by default because on short texts they split the same phrase's evidence.
 * - `c:` one concept term per thesaurus match (concepts.ts), for synonyms no character links.
 */
import { CONCEPTS } from './concepts';

/** Words that say nothing about which complaint this is. */
const STOPWORDS = new Set([
  '建议',
  '希望',
  '反映',
  '学生',
  '学校',
  '我们',
  '他们',
  '没有',
  '不能',
  '能不能',
  '可以',
  '一些',
  '太多',
  '问题',
  '情况',
  '存在',
  '不够',
  '比较',
  '非常',
  '需要',
  '进一步',
  '加强',
  '老师',
  '同学',
]);

/**
 * Function characters and the commonest verbs of complaint: alone they say nothing about which
 * complaint this is, and in a small campaign idf has too few opinions to learn that by itself.
 */
const STOP_CHARACTERS = new Set([
  ...'的了是在有和与及或就都也还又把被让给对向从等着过很太更最不没无要能会可想去到来上下里中个些这那其之而且但如果就很好多少大小点时人们我你他她它啊吧呢吗',
]);

const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
const CJK_RUN = /[\u3400-\u9fff]+/g;
const LATIN_WORD = /[a-z0-9]+/g;

const conceptIndex: Array<[word: string, concept: string]> = Object.entries(CONCEPTS).flatMap(([concept, words]) =>
  words.map((w): [string, string] => [w.normalize('NFKC').toLowerCase(), concept]),
);

export interface TermWeights {
  unigram: number;
  word: number;
  bigram: number;
  /** 0 switches the thesaurus off. */
  concept: number;
}

/** term → its weight in this text (presence, not frequency: opinions are a sentence or two). */
export function tokenize(raw: string, weights: TermWeights): Map<string, number> {
  const text = raw.normalize('NFKC').toLowerCase();
  const terms = new Map<string, number>();
  const add = (term: string, w: number) => {
    if (w > 0 && !(terms.get(term)! >= w)) terms.set(term, w);
  };
  for (const run of text.match(CJK_RUN) ?? []) {
    for (const ch of run) if (!STOP_CHARACTERS.has(ch)) add(`u:${ch}`, weights.unigram);
    if (weights.bigram > 0) for (let i = 0; i + 1 < run.length; i++) add(`b:${run.slice(i, i + 2)}`, weights.bigram);
  }
  for (const latin of text.match(LATIN_WORD) ?? []) add(`u:${latin}`, weights.unigram);
  if (weights.word > 0) {
    for (const seg of segmenter.segment(text)) {
      if (seg.isWordLike && seg.segment.length >= 2 && !STOPWORDS.has(seg.segment)) add(`w:${seg.segment}`, weights.word);
    }
  }
  if (weights.concept > 0) for (const [word, concept] of conceptIndex) if (text.includes(word)) add(`c:${concept}`, weights.concept);
  return terms;
}
