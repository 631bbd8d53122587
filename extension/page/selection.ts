/**
 * The passage the user selected, as a TextQuoteSelector. Kept apart from the document readers: the
 * launcher must read a selection synchronously (before a click moves the focus), while the readers
 * are loaded only when the sidebar first needs the page's facts (page/on-demand.ts).
 */
import type { TextQuoteSelector } from '../../shared/model/page';
import { quoteFromRange, quoteFromText } from './text-quote';

/** The selected passage: in a text field, in the document, or in a same-origin frame (致远's body). */
export function readSelection(doc: Document): { quote: string; selector: TextQuoteSelector } | null {
  const active = doc.activeElement;
  if (active && (active.tagName === 'TEXTAREA' || (active.tagName === 'INPUT' && (active as HTMLInputElement).type === 'text'))) {
    const field = active as HTMLTextAreaElement;
    const { selectionStart: s, selectionEnd: e } = field;
    if (s !== null && e !== null && e > s) {
      const selector = quoteFromText(field.value, s, e);
      if (selector) return { quote: selector.exact.trim(), selector };
    }
  }
  const sel = doc.getSelection?.();
  if (sel && sel.rangeCount > 0 && !sel.isCollapsed && doc.body) {
    const selector = quoteFromRange(doc.body, sel.getRangeAt(0));
    if (selector) return { quote: selector.exact.trim(), selector };
  }
  for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
    let inner: Document | null = null;
    try {
      inner = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      inner = null; // cross-origin: not ours to read
    }
    const found = inner ? readSelection(inner) : null;
    if (found) return found;
  }
  return null;
}
