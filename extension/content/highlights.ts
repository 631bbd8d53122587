/**
 * Marks passages quoted in earlier records when the user comes back to a page. Uses the CSS
 * Custom Highlight API: the page's DOM is not touched, and the one stylesheet adopted styles only
 * our own named highlight, so nothing of the page's look can change.
 */
import type { TextQuoteSelector } from '../../shared/model/page';
import { anchorQuote } from '../page/text-quote';

const NAME = 'taizhang-quote';
let sheet: CSSStyleSheet | null = null;

export function paintQuotes(doc: Document, selectors: TextQuoteSelector[]): number {
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const HighlightCtor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightCtor || !doc.body) return 0;
  const ranges = selectors.map((s) => anchorQuote(doc.body, s)).filter((r): r is Range => r !== null);
  if (ranges.length === 0) {
    registry.delete(NAME);
    return 0;
  }
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`::highlight(${NAME}) { background-color: rgba(255, 213, 0, 0.45); }`);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }
  registry.set(NAME, new HighlightCtor(...ranges));
  return ranges.length;
}
