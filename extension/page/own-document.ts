/**
 * Whether a page shows a document of its own or only lists others (a 待办 list, a news list, search
 * results, a portal home). A list page has no title, 文号, issuer or date of its own: every fact the
 * readers could find there belongs to one of the listed documents, and filling the form with it would
 * put the wrong document on the record.
 *
 * Two signals, both structural and independent of any vocabulary:
 * - listed items: links with a title's length standing in rows (li, tr, dd…) that also hold a date
 *   outside the link, or links that read as a document's title;
 * - prose: text outside links, in blocks that hold sentences (。！？；). A document's body has it;
 *   a list has little but its links. A document page with a sidebar of related links keeps its body,
 *   so it is not a list however many links it has.
 */
import { clean } from './labelled-fields';

/** A date a list row shows beside its link: 2024-03-05, 2024/3/5, 2024年3月5日, 03-05. */
const ROW_DATE = /\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2})?|(?:^|[^\d])\d{1,2}[-/]\d{1,2}(?:$|[^\d])/;
const ROW = 'li, tr, dd, dt';
/** Rows of a list are many; a document's own "related documents" box has a few. */
const MIN_LISTED_ITEMS = 5;
/** Characters of sentence-bearing text outside links that make a body. */
const MIN_PROSE_CHARS = 120;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'SELECT', 'A', 'BUTTON']);
const SENTENCE_END = /[。！？；]/;

/** Links that stand for other documents: a title's length, in a row with a date outside the link. */
function listedItems(doc: Document, readsAsTitle: (text: string) => boolean): number {
  let items = 0;
  for (const a of Array.from(doc.querySelectorAll('a'))) {
    const text = clean(a.textContent);
    if (text.length < 6 || text.length > 90) continue;
    const row = a.closest(ROW) ?? a.parentElement;
    const around = row ? clean(row.textContent).replace(text, '') : '';
    if (ROW_DATE.test(around) || readsAsTitle(text)) items++;
  }
  return items;
}

/** Characters of text outside links in blocks that hold at least one sentence, plus text areas' values. */
function proseChars(doc: Document): number {
  const byBlock = new Map<Element, string>();
  const walk = (node: Node, block: Element) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        byBlock.set(block, (byBlock.get(block) ?? '') + (child.textContent ?? ''));
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (SKIPPED.has(el.tagName)) continue;
        if (el.tagName === 'TEXTAREA') {
          byBlock.set(el, (el as HTMLTextAreaElement).value || el.textContent || '');
          continue;
        }
        const style = el.getAttribute('style') ?? '';
        if (el.hasAttribute('hidden') || /display\s*:\s*none/i.test(style)) continue;
        walk(el, /^(P|DIV|TD|LI|ARTICLE|SECTION|PRE|BLOCKQUOTE|DD)$/.test(el.tagName) ? el : block);
      }
    }
  };
  if (doc.body) walk(doc.body, doc.body);
  let total = 0;
  for (const text of byBlock.values()) {
    const t = clean(text);
    if (SENTENCE_END.test(t)) total += t.length;
  }
  return total;
}

/** True when the page lists documents and shows none of its own. */
export function listsOthersOnly(doc: Document, readsAsTitle: (text: string) => boolean): boolean {
  return listedItems(doc, readsAsTitle) >= MIN_LISTED_ITEMS && proseChars(doc) < MIN_PROSE_CHARS;
}
