/** Selection as a user makes it, for tests and benches alike (no test runner imported here). */

/**
 * Runs in the page (Playwright and puppeteer both send it as source): selects `needle` where it
 * occurs, in a text field, in the document, or in a same-origin frame, as a user's drag would.
 */
export function selectInPage(needle: string): boolean {
  const tryDoc = (doc: Document): boolean => {
    for (const field of Array.from(doc.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type=text]'))) {
      const at = field.value.indexOf(needle);
      if (at >= 0) {
        field.focus();
        field.setSelectionRange(at, at + needle.length);
        return true;
      }
    }
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(needle);
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + needle.length);
      const sel = doc.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
    for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
      const inner = frame.contentDocument;
      if (inner && tryDoc(inner)) return true;
    }
    return false;
  };
  return tryDoc(document);
}
