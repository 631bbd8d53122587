/**
 * Page context for a record: the document facts (from the OA family's adapter, else a generic
 * reading of title / 文号 / unit / date), the canonical URL, and the selected passage as a
 * TextQuoteSelector. Pure functions of a Document: no page state is changed.
 */
import type { PageContext } from '../../shared/model/page';
import { adapterFor } from './adapters';
import type { DocumentFacts } from './adapters/adapter';
import { normalizeDate } from './dates';
import { clean, findDocNumber, inlineField, spacedText } from './labelled-fields';
import { readSelection } from './selection';

/** "流程 - 关于…的请示" / "新闻标题-党委学生工作部": the longest part is the document's own title. */
export function titleFromDocumentTitle(title: string): string {
  const parts = clean(title)
    .split(/\s[-–—|_]\s|[|_]|-(?=[^-]*$)/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

export function readGenericFacts(doc: Document): DocumentFacts {
  const og = doc.querySelector<HTMLMetaElement>('meta[property="og:title"], meta[name="ArticleTitle"]')?.content;
  const h1 = clean(doc.querySelector('h1')?.textContent);
  const text = spacedText(doc.body).slice(0, 20_000);
  return {
    title: clean(og) || h1 || titleFromDocumentTitle(doc.title) || null,
    docNumber: findDocNumber(text),
    issuer: inlineField(text, ['发文单位', '发布单位', '发布部门', '来源']),
    docDate: normalizeDate(inlineField(text, ['发布时间', '发布日期', '发文日期', '日期'])),
  };
}

export function canonicalUrl(doc: Document, href: string): string {
  const link = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.getAttribute('href');
  if (!link) return href;
  try {
    return new URL(link, href).href;
  } catch {
    return href;
  }
}

export interface DocumentReading extends DocumentFacts {
  vendor: string;
  url: string;
}

export function readDocument(doc: Document, href: string): DocumentReading {
  const url = new URL(href);
  const adapter = adapterFor(doc, url);
  const generic = readGenericFacts(doc);
  const facts = adapter ? adapter.read(doc, url) : generic;
  return {
    vendor: adapter?.vendor ?? 'generic',
    url: canonicalUrl(doc, href),
    title: facts.title || generic.title || '',
    docNumber: facts.docNumber,
    issuer: facts.issuer,
    docDate: facts.docDate,
  };
}

/** The document's facts in the shape records store (`page`), without a selected passage. */
export function readPageFacts(doc: Document, href: string): PageContext {
  const reading = readDocument(doc, href);
  return {
    url: reading.url,
    title: (reading.title ?? '').slice(0, 500),
    vendor: reading.vendor,
    docNumber: reading.docNumber,
    issuer: reading.issuer,
    docDate: reading.docDate,
  };
}

/** Everything a form needs about the page, in the shape records store (`page`). */
export function readPageContext(doc: Document, href: string): PageContext {
  const selection = readSelection(doc);
  return {
    ...readPageFacts(doc, href),
    ...(selection ? { quote: selection.quote.slice(0, 5000), selector: selection.selector } : {}),
  };
}
