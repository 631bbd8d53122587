/**
 * The document's own title as the page shows it, wherever the page puts it: a heading, a top bar, a
 * bold subject line, a subject field (hidden or not), a print form's header cell. The tab's <title>
 * is often the system's name (流程表单, 协同办公平台), so it is only a last resort (reader.ts).
 *
 * Candidates are scored on what makes a line a 公文's title: it names one of the kinds of official
 * document (GB/T 9704 and everyday campus use: 通知, 请示, 纪要…) or opens with 关于; it sits in a
 * heading or an element named for a title or subject; it is a sentence's length, without a label's
 * colon. A page that only lists documents (own-document.ts) has no title of its own.
 */
import { clean } from './labelled-fields';
import { LEXICONS } from './lexicons';
import { listsOthersOnly } from './own-document';

const NAMED_FOR_TITLE = /title|subject|biaoti|\bbt\b|headline|docname|requestname/i;

interface Candidate {
  text: string;
  score: number;
}

function looksLikeTitle(text: string): number {
  if (text.length < 6 || text.length > 90) return -10;
  if (/[：:]/.test(text) || /[。；]$/.test(text)) return -10;
  let score = 0;
  if (LEXICONS.documentKind.test(text)) score += 4;
  if (/^关于/.test(text)) score += 3;
  if (LEXICONS.systemName.test(text)) score -= 6;
  return score;
}

function candidates(doc: Document): Candidate[] {
  const out: Candidate[] = [];
  const add = (text: string, bonus: number) => {
    const t = clean(text);
    if (t) out.push({ text: t, score: looksLikeTitle(t) + bonus });
  };
  for (const el of Array.from(doc.querySelectorAll('h1, h2, h3'))) add(el.textContent ?? '', el.tagName === 'H1' ? 3 : 2);
  for (const el of Array.from(doc.querySelectorAll('[id], [class], [name]'))) {
    const named = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''} ${el.getAttribute('name') ?? ''}`;
    if (!NAMED_FOR_TITLE.test(named)) continue;
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') add((el as HTMLInputElement).value ?? el.getAttribute('value') ?? '', 2);
    else if (el.children.length <= 3) add(el.textContent ?? '', 2);
  }
  for (const el of Array.from(doc.querySelectorAll('b, strong, td, th, div, p, span, font'))) {
    if (el.children.length > 2) continue;
    add(el.textContent ?? '', el.matches('b, strong, font') ? 1 : 0);
  }
  return out;
}

/**
 * The best-scoring title on the page (null when nothing there reads as a document's title), and
 * whether the page is a list of documents — then it has no title of its own to give.
 */
export function visibleTitle(doc: Document): { title: string | null; list: boolean } {
  if (listsOthersOnly(doc, (text) => looksLikeTitle(text) >= 4)) return { title: null, list: true };
  const ranked = candidates(doc)
    .filter((c) => c.score >= 5)
    .sort((a, b) => b.score - a.score);
  return { title: ranked[0]?.text ?? null, list: false };
}
