/**
 * Whether the page hides an element from its reader. Pages keep stale or draft copies of a document's
 * facts in hidden drawers, templates and collapsed blocks (an obsolete title, a draft's date); what the
 * user sees is the document, so hidden text never outranks visible text.
 *
 * Markup first (the hidden attribute, aria-hidden, an inline display:none or visibility:hidden), then the
 * computed style where the document has a window that computes one (the browser; a parser without
 * styles answers from markup alone). An element is hidden when it or any ancestor is.
 */
const INLINE_HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important)?\s*(?:;|$)/i;

function hidesItself(el: Element): boolean {
  if (el.tagName === 'TEMPLATE' || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (el.tagName === 'DIALOG' && !el.hasAttribute('open')) return true;
  if (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'hidden') return true;
  if (INLINE_HIDDEN.test(el.getAttribute('style') ?? '')) return true;
  const view = el.ownerDocument.defaultView;
  if (!view?.getComputedStyle) return false;
  try {
    const style = view.getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden';
  } catch {
    return false;
  }
}

/** Remembers answers per element for one reading: candidates share most of their ancestors. */
export function hiddenChecker(): (el: Element) => boolean {
  const known = new WeakMap<Element, boolean>();
  const hidden = (el: Element): boolean => {
    const cached = known.get(el);
    if (cached !== undefined) return cached;
    const parent = el.parentElement;
    const answer = hidesItself(el) || (parent ? hidden(parent) : false);
    known.set(el, answer);
    return answer;
  };
  return hidden;
}

/**
 * Inside an element whose content a browser never renders as elements: with scripts on (as they are
 * wherever the extension runs) a <noscript>'s content is text, so its rows and links are not on the page;
 * a parser without scripting (the tests' DOM) would make elements of them. A closed <dialog> (a
 * viewer's document-properties panel) is not drawn until it is opened.
 */
export const unrendered = (el: Element): boolean => el.closest('noscript, template, script, style, dialog:not([open])') !== null;
