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

/**
 * conceptIndex's entries by the first UTF-16 unit of their word: a text is scanned once for the words that can start
 * at each place, instead of searched once for each of the thesaurus's words.
 */
const conceptsByFirstUnit = new Map<string, number[]>();
conceptIndex.forEach(([word], n) => {
  const list = conceptsByFirstUnit.get(word[0]!);
  if (list) list.push(n);
  else conceptsByFirstUnit.set(word[0]!, [n]);
});
/** Which of conceptIndex's words the text being tokenised has; all 0 between calls. */
const conceptFound = new Uint8Array(conceptIndex.length);

export interface TermWeights {
  unigram: number;
  word: number;
  bigram: number;
  /** 0 switches the thesaurus off. */
  concept: number;
}

/**
 * `u:<character>` for each Chinese character, made once per process: a campaign's tens of thousands of records
 * share a few thousand characters, and one string per character (its hash kept with it) spares making and hashing
 * a new one at every occurrence in every map the term goes through (idf, vectors, postings).
 */
const unigramTerms = new Map<string, string>();
const unigramTerm = (ch: string): string => {
  let term = unigramTerms.get(ch);
  if (term === undefined) unigramTerms.set(ch, (term = `u:${ch}`));
  return term;
};

/** term → its weight in this text (presence, not frequency: opinions are a sentence or two). */
export function tokenize(raw: string, weights: TermWeights): Map<string, number> {
  const text = raw.normalize('NFKC').toLowerCase();
  const terms = new Map<string, number>();
  const add = (term: string, w: number) => {
    if (w > 0 && !(terms.get(term)! >= w)) terms.set(term, w);
  };
  for (const run of text.match(CJK_RUN) ?? []) {
    for (const ch of run) if (!STOP_CHARACTERS.has(ch)) add(unigramTerm(ch), weights.unigram);
    if (weights.bigram > 0) for (let i = 0; i + 1 < run.length; i++) add(`b:${run.slice(i, i + 2)}`, weights.bigram);
  }
  for (const latin of text.match(LATIN_WORD) ?? []) add(`u:${latin}`, weights.unigram);
  if (weights.word > 0) {
    for (const seg of segmenter.segment(text)) {
      if (seg.isWordLike && seg.segment.length >= 2 && !STOPWORDS.has(seg.segment)) add(`w:${seg.segment}`, weights.word);
    }
  }
  if (weights.concept > 0) {
    let found = 0;
    for (let at = 0; at < text.length; at++) {
      for (const n of conceptsByFirstUnit.get(text[at]!) ?? []) {
        if (conceptFound[n] === 0 && text.startsWith(conceptIndex[n]![0], at)) {
          conceptFound[n] = 1;
          found++;
        }
      }
    }
    // In the thesaurus's order, as a search word by word would add them.
    for (let n = 0; found > 0 && n < conceptIndex.length; n++) {
      if (conceptFound[n] === 0) continue;
      conceptFound[n] = 0;
      found--;
      add(`c:${conceptIndex[n]![1]}`, weights.concept);
    }
  }
  return terms;
}
