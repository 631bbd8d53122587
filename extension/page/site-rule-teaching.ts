/**
 * Learning a site rule from the element the user clicked (从页面选取): the label the value stands
 * beside if the page labels it, since a label survives layout changes between the site's pages;
 * otherwise a CSS selector from the ids and class names around it that finds exactly that element.
 * Never an absolute path of bare tags: pages of one system differ in what comes before the field.
 * A rule is kept only if reading the page with it gives back what the user clicked.
 */
import type { SiteRule, SiteRuleField } from '../../shared/model/site-rule-shape';
import { SITE_RULE_FIELD_NAMES } from '../../shared/model/site-rule-shape';
import { labelText, textLines } from './generic-fields';
import { clean, visibleText } from './labelled-fields';
import type { PickResult } from './on-demand';
import { fieldValue, readByRule, siteOf } from './site-rule-reading';

/** "发文字号：" or "发文字号" as a label: short, no digits or sentence punctuation. */
const LABEL = /^[\u4e00-\u9fa5A-Za-z（）()]{2,12}$/;
/** Ids and classes a framework generated for this page only (numbers, hashes, prefixes of UI kits). */
const GENERATED = /\d{3,}|[0-9a-f]{8,}|^(?:ext|yui|ember|react|ng|jsx|css|sc|emotion|svelte)-|__/i;
/** Classes that say how an element looks right now, not what it is. */
const STATE = /^(?:active|selected|current|cur|hover|focus|on|open|show|hidden|odd|even|first|last|clearfix)$/i;

/** Labels the clicked element may stand beside: in its own text, the element or cell before it, the cell above. */
function labelsNear(el: Element): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const own = clean(visibleText(el));
  const inline = /^([^：:]{2,12})[：:]\s*(.+)$/.exec(own);
  if (inline && LABEL.test(inline[1]!.replace(/\s+/g, ''))) out.push({ label: inline[1]!.replace(/\s+/g, ''), value: inline[2]! });
  const cell = el.closest('td, th, dd') ?? el;
  const before = cell.tagName === 'DD' ? cell.previousElementSibling : (cell.previousElementSibling ?? el.previousElementSibling);
  if (before) {
    const label = labelText(before);
    if (LABEL.test(label)) out.push({ label, value: own });
  }
  const row = cell.parentElement;
  if (cell.tagName === 'TD' && row?.previousElementSibling) {
    const above = row.previousElementSibling.children[Array.from(row.children).indexOf(cell)];
    const label = above ? labelText(above) : '';
    if (LABEL.test(label)) out.push({ label, value: own });
  }
  return out;
}

/** An identifier as CSS reads it (CSS.escape, which pages' own scripts may have replaced, and linkedom lacks). */
function cssIdent(name: string): string {
  const escaped = name.replace(/[^A-Za-z0-9_\u00A0-\uFFFF-]/g, (c) => `\\${c}`);
  return /^(?:\d|-\d)/.test(escaped) ? escaped.replace(/\d/, (d) => `\\3${d} `) : escaped;
}

function selectorPart(el: Element): string {
  if (el.id && !GENERATED.test(el.id)) return `#${cssIdent(el.id)}`;
  const classes = Array.from(el.classList)
    .filter((c) => !GENERATED.test(c) && !STATE.test(c))
    .slice(0, 2)
    .map((c) => `.${cssIdent(c)}`)
    .join('');
  return `${el.tagName.toLowerCase()}${classes}`;
}

/** The shortest chain of named ancestors (at most five) that finds exactly `el`, or null. */
function stableSelector(doc: Document, el: Element): string | null {
  const named = (sel: string) => /[#.]/.test(sel);
  const unique = (sel: string) => {
    try {
      const all = doc.querySelectorAll(sel);
      return all.length === 1 && all[0] === el;
    } catch {
      return false;
    }
  };
  const parts = [selectorPart(el)];
  let at: Element | null = el.parentElement;
  for (let depth = 0; depth <= 5; depth++) {
    const sel = parts.join(' ');
    if (named(sel) && unique(sel)) return sel;
    if (parts[0]!.startsWith('#') || !at || at === doc.body || at === doc.documentElement) break;
    const part = selectorPart(at);
    // An ancestor with no name adds nothing a layout change would not break.
    if (named(part)) parts.unshift(part);
    at = at.parentElement;
  }
  return null;
}

const sameValue = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** A rule for `field` on this site from the clicked `el`, checked by reading the page with it. */
export function teachRule(doc: Document, href: string, el: Element, field: SiteRuleField, id: string, now: string): PickResult {
  const name = SITE_RULE_FIELD_NAMES[field];
  const site = siteOf(href);
  const lines = textLines(doc.body).slice(0, 3000);
  for (const { label, value } of labelsNear(el)) {
    const wanted = fieldValue(field, value);
    const rule: SiteRule = { id, site, field, label, example: wanted ?? undefined, createdAt: now };
    const read = wanted && readByRule(doc, rule, lines);
    if (wanted && read && sameValue(read, wanted)) return { ok: true, rule: { ...rule, example: read }, value: read };
  }
  const wanted = fieldValue(field, visibleText(el));
  if (!wanted) {
    return {
      ok: false,
      message: field === 'docDate' ? '所选文字里没有可识别的日期，请点击日期本身' : `所选处没有可用作${name}的文字（空白或过长），请点击${name}本身`,
    };
  }
  const selector = stableSelector(doc, el);
  if (!selector) return { ok: false, message: `此处没有稳定的标记可以记住，请改点带“标签：”的${name}` };
  const rule: SiteRule = { id, site, field, selector, example: wanted, createdAt: now };
  const read = readByRule(doc, rule, lines);
  if (!read || !sameValue(read, wanted)) return { ok: false, message: `无法为此处生成可靠的规则，请改点带标签的${name}` };
  return { ok: true, rule, value: read };
}
