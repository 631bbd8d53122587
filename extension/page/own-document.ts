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
import { ISSUER_LABELS, NUMBER_LABELS, SOURCE_LABELS, labelText } from './generic-fields';
import { clean, findDocNumber, visibleText } from './labelled-fields';

/** A date a list row shows beside its link: 2024-03-05, 2024/3/5, 2024年3月5日, 03-05. */
const ROW_DATE = /\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2})?|(?:^|[^\d])\d{1,2}[-/]\d{1,2}(?:$|[^\d])/;
const ROW = 'li, tr, dd, dt';
/** Rows of a list are many; a document's own "related documents" box has a few. */
const MIN_LISTED_ITEMS = 5;
/** …but a short list with no prose beside it (a page of four search hits) is a list too. */
const FEWEST_LISTED_ITEMS = 3;
/** Characters of sentence-bearing text outside links that make a body. */
const MIN_PROSE_CHARS = 120;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'SELECT', 'A', 'BUTTON']);
const SENTENCE_END = /[。！？；]/;

/**
 * Links that stand for other documents: a title's length, in a row with a date outside the link.
 * Returns the rows (li, tr, dd…) they stand in: a summary in such a row is the listed item's, not a body.
 */
function listedItems(doc: Document, readsAsTitle: (text: string) => boolean): Element[] {
  const rows: Element[] = [];
  for (const a of Array.from(doc.querySelectorAll('a'))) {
    const text = clean(a.textContent);
    if (text.length < 6 || text.length > 90) continue;
    const inRow = a.closest(ROW);
    const row = inRow ?? a.parentElement;
    const around = row ? clean(row.textContent).replace(text, '') : '';
    if (ROW_DATE.test(around) || readsAsTitle(text)) rows.push(inRow ?? a);
  }
  return rows;
}

/** Characters of text outside links and listed rows in blocks that hold at least one sentence, plus text areas' values. */
function proseChars(doc: Document, listedRows: ReadonlySet<Element>): number {
  const byBlock = new Map<Element, string>();
  const walk = (node: Node, block: Element) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        byBlock.set(block, (byBlock.get(block) ?? '') + (child.textContent ?? ''));
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (SKIPPED.has(el.tagName) || listedRows.has(el)) continue;
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
  const rows = listedItems(doc, readsAsTitle);
  if (rows.length < FEWEST_LISTED_ITEMS) return false;
  const prose = proseChars(doc, new Set(rows));
  // A short list (four search hits) is a list when nothing outside its rows is prose at all.
  return prose === 0 || (rows.length >= MIN_LISTED_ITEMS && prose < MIN_PROSE_CHARS);
}

/** Labels of the facts one document states once: its 文号 and its issuer. */
const ONCE_PER_DOCUMENT: ReadonlyArray<{ labels: readonly string[]; value: (text: string) => string | null }> = [
  { labels: NUMBER_LABELS, value: findDocNumber },
  { labels: [...ISSUER_LABELS, ...SOURCE_LABELS], value: (text) => /^[\u4e00-\u9fa5（）()]{2,30}/.exec(clean(text))?.[0] ?? null },
];

const inlineLabel = (labels: readonly string[]) => new RegExp(`(?:^|\\t|\\s)(${labels.join('|')})\\s*[：:]\\s*([^\\t\\s]+)`, 'g');

/**
 * True when the page states one of a document's once-only facts (its 文号, its issuer) under the same
 * label with two or more different values: a batch print of several documents, search results that
 * label each hit's 文号 or 来源. Each fact then belongs to one of them, so the page has none of its own.
 * (A 文号 cited in a body is not labelled, and a received document's registration number has a label
 * of its own, so one document's page states each once.)
 */
export function statesSeveralDocuments(doc: Document, lines: readonly string[]): boolean {
  const cells = Array.from(doc.querySelectorAll('td, th, dt'));
  for (const { labels, value } of ONCE_PER_DOCUMENT) {
    const seen = new Map<string, Set<string>>();
    const note = (label: string, text: string | null | undefined) => {
      const v = text ? value(text) : null;
      if (!v) return false;
      const values = seen.get(label) ?? new Set<string>();
      seen.set(label, values.add(v));
      return values.size >= 2;
    };
    const wanted = new Set(labels);
    for (const cell of cells) {
      const label = labelText(cell);
      if (wanted.has(label) && cell.nextElementSibling && note(label, visibleText(cell.nextElementSibling))) return true;
    }
    const inline = inlineLabel(labels);
    for (const line of lines) for (const m of line.matchAll(inline)) if (note(m[1]!, m[2])) return true;
  }
  return false;
}
