/**
 * Run in a page's frame on demand by the background (see page/on-demand.ts): leaves the page
 * readers and pick mode where the launcher, in the same isolated world, finds them. Running it twice
 * is harmless.
 */
import { SITE_RULE_FIELD_NAMES } from '../../shared/model/site-rule-shape';
import { type InjectedPageReader, PAGE_READER_GLOBAL } from '../page/on-demand';
import { pickElement } from '../page/pick';
import { readPageFacts } from '../page/reader';
import { withSiteRules } from '../page/site-rule-reading';
import { teachRule } from '../page/site-rule-teaching';

const reader: InjectedPageReader = {
  readPageFacts: (doc, href, rules) => withSiteRules(doc, href, readPageFacts(doc, href), rules),
  pick: (doc, href, field) => {
    const picking = pickElement(doc, `请点击页面上的${SITE_RULE_FIELD_NAMES[field]}`);
    return {
      result: picking.chosen.then((el) => (el ? teachRule(doc, href, el, field, crypto.randomUUID(), new Date().toISOString()) : null)),
      cancel: picking.cancel,
    };
  },
};

export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  g[PAGE_READER_GLOBAL] ??= reader;
});
