/**
 * 方正 (Founder) 数字报: the e-paper system campus newspapers (校报) publish on. An article page marks
 * its parts in elements of its own (<founder-title>, <founder-author>, <founder-content>) and repeats
 * them in an `enpproperty` comment (<title>, <date>…), so the headline is known without a heading, a
 * kind of document or a byline to find it by. The date is the issue's: when the article was published.
 */
import { normalizeDate } from '../dates';
import { clean } from '../labelled-fields';
import type { OaAdapter } from './adapter';

/** The `<!--enpproperty …-->` comment of an article page, if the page has one. */
function enpProperties(doc: Document): string | null {
  const walker = doc.createTreeWalker(doc, 128 /* NodeFilter.SHOW_COMMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (/^\s*enpproperty\b/.test(text)) return text;
  }
  return null;
}

const property = (props: string | null, name: string) => (props ? clean(new RegExp(`<${name}>([^<]*)</${name}>`).exec(props)?.[1]) : '');

export const founder: OaAdapter = {
  vendor: 'founder',
  detect: (doc) => doc.querySelector('founder-title, founder-content') !== null,
  read(doc) {
    const props = enpProperties(doc);
    const date = normalizeDate(property(props, 'date'));
    return {
      title: clean(doc.querySelector('founder-title')?.textContent) || property(props, 'title') || null,
      docNumber: null,
      issuer: null,
      docDate: date,
      ...(date ? { docDateKind: 'published' as const } : {}),
    };
  },
};
