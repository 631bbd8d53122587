/**
 * OA pages print metadata either as form tables (a label cell, then its value cell) or as
 * inline runs ("发布单位：党委组织部  发布日期：2015-10-13"). These read both shapes.
 */

/** Collapses whitespace (including &nbsp; and full-width spaces) and trims. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/**
 * Text of an element with its text nodes kept apart by spaces, so neighbouring blocks
 * (a heading and the 文号 under it) do not run together into one word.
 */
export function spacedText(el: Element | null | undefined): string {
  if (!el) return '';
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = (n as Text).parentElement;
    if (parent && /^(SCRIPT|STYLE|NOSCRIPT)$/.test(parent.tagName)) continue;
    parts.push((n as Text).data);
  }
  return clean(parts.join(' '));
}

/** Text of an element as the user sees it; form controls contribute their value. */
export function visibleText(el: Element): string {
  const control = el.matches('input, textarea') ? el : el.querySelector('input:not([type=hidden]), textarea');
  if (control && clean(el.textContent) === '') return clean((control as HTMLInputElement).value);
  return clean(el.textContent);
}

const stripColon = (s: string) => s.replace(/[：:]\s*$/, '').trim();

/** The value cell next to a label cell whose text is one of `labels` (first match in label order). */
export function tableField(doc: Document | Element, labels: readonly string[]): string | null {
  const cells = Array.from(doc.querySelectorAll('td, th'));
  for (const label of labels) {
    for (const cell of cells) {
      if (stripColon(clean(cell.textContent)) !== label) continue;
      const value = cell.nextElementSibling;
      if (value) {
        const text = visibleText(value);
        if (text) return text;
      }
    }
  }
  return null;
}

/** "label：value" inside running text; the value ends at whitespace or the next label. */
export function inlineField(text: string, labels: readonly string[]): string | null {
  for (const label of labels) {
    const m = new RegExp(`${label}\\s*[：:]\\s*([^\\s：:]+(?:\\s\\d{1,2}:\\d{2}(?::\\d{2})?)?)`).exec(text);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

/** A 文号 such as 校党发〔2022〕12号 (also with [] or () or 【】 around the year, and 第12号). */
export const DOC_NUMBER_RE = /[\u4e00-\u9fa5A-Za-z]{0,12}[〔［[【(（]\s*\d{4}\s*[〕］\]】)）]\s*第?\s*\d{1,5}\s*号/g;

/**
 * The page's own 文号: the first one in the text that is not a citation. A document cites another as
 * 《title》（教党〔2019〕12号）, so a 文号 right after a closing 》 and an opening bracket is that
 * other document's, not this page's.
 */
export function findDocNumber(text: string): string | null {
  for (const m of text.matchAll(DOC_NUMBER_RE)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    if (/》\s*[（(]?\s*$/.test(before)) continue;
    return m[0].replace(/\s+/g, '');
  }
  return null;
}
