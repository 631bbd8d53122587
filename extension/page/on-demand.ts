/**
 * The page readers (adapters, labelled fields, dates, the generic layer) are the largest part of
 * what reads a page, and most pages a launcher runs on are never captured from. So they are not in
 * the always-on script: the first time the sidebar needs the page's facts, the launcher asks the
 * background to run `page-reader.js` in its frame (entrypoints/page-reader.ts), which leaves the
 * readers under `PAGE_READER_GLOBAL` in the extension's isolated world, shared by the launcher and
 * out of reach of the page's own scripts. Only types and these names are imported by the launcher.
 */
import type { PageContext } from '../../shared/model/page';
import type { SiteRule, SiteRuleField } from '../../shared/model/site-rule-shape';

export const PAGE_READER_FILE = 'page-reader.js';
export const PAGE_READER_GLOBAL = '__taizhangPageReader';

/** What 从页面选取 ends with: a rule that reads back what was clicked, or why there is none. */
export type PickResult = { ok: true; rule: SiteRule; value: string } | { ok: false; message: string };

export interface InjectedPageReader {
  /**
   * The document's facts, the site's taught rules first (no selection: the launcher reads that
   * itself, before focus moves).
   */
  readPageFacts(doc: Document, href: string, rules: readonly SiteRule[]): PageContext;
  /** Pick mode on this page for `field`: resolves with the rule learnt from the click, or null when cancelled. */
  pick(doc: Document, href: string, field: SiteRuleField): { result: Promise<PickResult | null>; cancel(): void };
}
