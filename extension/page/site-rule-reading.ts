/**
 * Reading a page with the rules users taught for its site (shared/model/site-rule-shape.ts): a rule
 * is tried before anything the readers guess, and only a value it really finds overrides them; a
 * page of the site where the rule finds nothing keeps what the readers found.
 */
import type { PageContext } from '../../shared/model/page';
import type { SiteRule, SiteRuleField } from '../../shared/model/site-rule-shape';
import { normalizeDate } from './dates';
import { labelledField, textLines } from './generic-fields';
import { clean, findDocNumber, visibleText } from './labelled-fields';

/** How long each field may be as stored (shared/model/page.ts). */
const MAX_LENGTH: Record<SiteRuleField, number> = { title: 500, docNumber: 100, issuer: 200, docDate: 10 };

/** A field's value from the text a rule points at, or null when that text does not hold one. */
export function fieldValue(field: SiteRuleField, raw: string | null | undefined): string | null {
  const text = clean(raw);
  if (!text) return null;
  if (field === 'docDate') return normalizeDate(text);
  if (field === 'docNumber') return findDocNumber(text) ?? (text.length <= MAX_LENGTH.docNumber ? text : null);
  return text.length <= MAX_LENGTH[field] ? text : null;
}

/** The element a selector rule names, or null (a selector the page's engine rejects finds nothing). */
function selected(doc: Document, selector: string): Element | null {
  try {
    return doc.querySelector(selector);
  } catch {
    return null;
  }
}

/** What `rule` reads on `doc`; `lines` are the page's text lines (generic-fields.ts `textLines`). */
export function readByRule(doc: Document, rule: SiteRule, lines: readonly string[]): string | null {
  if (rule.label) return fieldValue(rule.field, labelledField(doc, [rule.label], lines)?.value);
  const el = rule.selector ? selected(doc, rule.selector) : null;
  return el ? fieldValue(rule.field, visibleText(el)) : null;
}

/** The rules of this page's site, as an origin. */
export const siteOf = (href: string): string => new URL(href).origin;

/** `facts` with every field a rule of this site finds replaced by what it found; `taught` lists those fields. */
export function withSiteRules(doc: Document, href: string, facts: PageContext, rules: readonly SiteRule[]): PageContext & { taught?: SiteRuleField[] } {
  const site = siteOf(href);
  const mine = rules.filter((r) => r.site === site);
  if (mine.length === 0) return facts;
  const lines = textLines(doc.body).slice(0, 3000);
  const next: PageContext & { taught?: SiteRuleField[] } = { ...facts };
  const taught: SiteRuleField[] = [];
  for (const rule of mine) {
    if (taught.includes(rule.field)) continue; // the first rule for a field wins (the user's own come first)
    const value = readByRule(doc, rule, lines);
    if (value === null) continue;
    next[rule.field] = value;
    if (rule.field === 'docDate') delete next.docDateKind;
    taught.push(rule.field);
  }
  return taught.length ? { ...next, taught } : facts;
}
