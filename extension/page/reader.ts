/**
 * Page context for a record: the document facts (from the OA family's adapter, else a generic
 * reading of title / 文号 / unit / date), the canonical URL, and the selected passage as a
 * TextQuoteSelector. Pure functions of a Document: no page state is changed.
 */
import type { PageContext } from '../../shared/model/page';
import { adapterFor } from './adapters';
import type { DocumentFacts } from './adapters/adapter';
import { normalizeDate } from './dates';
import { ISSUER_LABELS, NUMBER_LABELS, PUBLISHED_DATE_LABELS, WRITTEN_DATE_LABELS, labelledField, signatureBlock, textLines } from './generic-fields';
import { clean, findDocNumber, spacedText } from './labelled-fields';
import { readSelection } from './selection';
import { visibleTitle } from './visible-title';

/** "流程 - 关于…的请示" / "新闻标题-党委学生工作部": the longest part is the document's own title. */
export function titleFromDocumentTitle(title: string): string {
  const parts = clean(title)
    .split(/\s[-–—|_]\s|[|_]|-(?=[^-]*$)/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** A labelled 文号 as printed: one with a year in brackets, or a short number such as 第12号. */
function labelledNumber(value: string | undefined): string | null {
  if (!value) return null;
  return findDocNumber(value) ?? (/^[^\s]{0,20}\d{1,5}\s*号$/.test(value) ? value.replace(/\s+/g, '') : null);
}

/** The document's date, 成文 over 发布 (a 落款 date is the 成文日期), and which one it is. */
function datedBy(doc: Document, lines: readonly string[], signed: string | null): Pick<DocumentFacts, 'docDate' | 'docDateKind'> {
  const written = normalizeDate(labelledField(doc, WRITTEN_DATE_LABELS, lines)?.value) ?? signed;
  if (written) return { docDate: written, docDateKind: 'written' };
  const published = normalizeDate(labelledField(doc, PUBLISHED_DATE_LABELS, lines)?.value);
  return published ? { docDate: published, docDateKind: 'published' } : { docDate: null };
}

export function readGenericFacts(doc: Document): DocumentFacts {
  const og = doc.querySelector<HTMLMetaElement>('meta[property="og:title"], meta[name="ArticleTitle"]')?.content;
  const h1 = clean(doc.querySelector('h1')?.textContent);
  const text = spacedText(doc.body).slice(0, 20_000);
  const lines = textLines(doc.body).slice(0, 3000);
  const signature = signatureBlock(lines);
  const issuer = labelledField(doc, ISSUER_LABELS, lines)?.value;
  const source = doc.querySelector<HTMLMetaElement>('meta[name="ContentSource"]')?.content;
  return {
    title: clean(og) || h1 || titleFromDocumentTitle(doc.title) || null,
    docNumber: labelledNumber(labelledField(doc, NUMBER_LABELS, lines)?.value) ?? findDocNumber(text),
    // A labelled issuer longer than a unit's name is a sentence that happened to follow the label.
    issuer: (issuer && issuer.length <= 40 ? issuer : null) ?? (clean(source) || null) ?? signature?.unit ?? null,
    ...datedBy(doc, lines, signature?.date ?? null),
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
  // The title the page shows comes first; a list of documents has none of its own.
  const visible = visibleTitle(doc);
  return {
    vendor: adapter?.vendor ?? 'generic',
    url: canonicalUrl(doc, href),
    // The vendor adapter knows its pages; the generic layer fills what it left empty.
    title: visible.list ? '' : visible.title || facts.title || generic.title || '',
    docNumber: facts.docNumber ?? generic.docNumber,
    issuer: facts.issuer ?? generic.issuer,
    docDate: facts.docDate ?? generic.docDate,
    // Which date it is, known only when the generic layer read that same date under its label.
    ...((facts.docDate ?? generic.docDate) === generic.docDate && generic.docDateKind ? { docDateKind: generic.docDateKind } : {}),
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
    ...(reading.docDateKind ? { docDateKind: reading.docDateKind } : {}),
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
