import { LEXICONS } from './lexicons';

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
export function spacedText(el: Element | null | undefined, options: { withoutLinks?: boolean; without?: readonly Element[] } = {}): string {
  if (!el) return '';
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = (n as Text).parentElement;
    if (parent && /^(SCRIPT|STYLE|NOSCRIPT)$/.test(parent.tagName)) continue;
    if (options.withoutLinks && parent?.closest('a')) continue;
    if (options.without?.some((skipped) => skipped.contains(n))) continue;
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

/** A 文号 such as 校党发〔2022〕12号 (also with [] or () or 【】 or the small ﹝﹞ typed for 〔〕 around the year, and 第12号). */
export const DOC_NUMBER_RE = /[\u4e00-\u9fa5A-Za-z]{0,12}[〔［[【(（﹝]\s*\d{4}\s*[〕］\]】)）﹞]\s*第?\s*\d{1,5}\s*号/g;

/**
 * A line that is nothing but a 文号, as the red-head prints it under the issuer: there the 号 may be
 * left off (西岭团发（2023）18), which inside running text would be any bracketed year and number.
 */
const DOC_NUMBER_LINE = /^[\u4e00-\u9fa5A-Za-z]{1,12}[〔［[【(（﹝]\s*\d{4}\s*[〕］\]】)）﹞]\s*第?\s*\d{1,5}\s*号?$/;
/** A 公告's number, alone on its line: 2024年第3号 (also after the body's 公告 heading on the same line). */
const NOTICE_NUMBER_LINE = /^(?:[\u4e00-\u9fa5]{2,30}公告\s*)?\d{4}\s*年\s*第\s*\d{1,5}\s*号$/;
/**
 * A 文号 without brackets, alone on its line where the red head puts it: the issuer's abbreviation, the
 * year and the number run together with a hyphen or 年 (某院发2026-7号, 某院科2026年5号).
 */
const BARE_NUMBER_LINE = /^[\u4e00-\u9fa5]{2,12}(?:19|20)\d{2}\s*(?:[-－—]|年)\s*\d{1,5}\s*号$/;
/** A 纪要's or 简报's issue, alone on its line, as its 文号: 〔2025〕第19期, 2025年第19期. */
const ISSUE_NUMBER_LINE = /^[\u4e00-\u9fa5]{0,12}(?:[〔［[【(（﹝]\s*\d{4}\s*[〕］\]】)）﹞]|\d{4}\s*年)\s*第\s*\d{1,4}\s*期$/;

/** A field's label run into its value (文号北教发〔2024〕5号, 公文文号…) is a labelled field, read as one elsewhere. */
const LABEL_RUN_IN = /^[\u4e00-\u9fa5]{0,4}?(?:文号|字号|编号)[：:]?/;

/** A running count after an issue's number (2026年第2号（总第47号）): the series', not part of the 文号. */
const RUNNING_COUNT = /\s*[（(]\s*总\s*第\s*\d{1,6}\s*号\s*[）)]$/;

export function lineDocNumber(line: string): string | null {
  const text = clean(line).replace(RUNNING_COUNT, '');
  if (LABEL_RUN_IN.test(text)) return null;
  // A 纪要's number in brackets on its own line under its masthead (（2026年第4号）) is its 文号 without them.
  const bracketed = /^[（(]\s*(\d{4}\s*年\s*第\s*\d{1,5}\s*[号期])\s*[）)]$/.exec(text)?.[1];
  if (bracketed) return bracketed.replace(/\s+/g, '');
  return DOC_NUMBER_LINE.test(text) || NOTICE_NUMBER_LINE.test(text) || ISSUE_NUMBER_LINE.test(text) || BARE_NUMBER_LINE.test(text)
    ? text.replace(/\s+/g, '')
    : null;
}

/**
 * Whether the 文号 starting at `index` cites another document: GB/T 9704 cites a document by its title
 * and then its 文号 in brackets — 《title》（教党〔2019〕12号）, or the title without 《》 ending in its kind
 * (…的通知（教党〔2019〕12号）), or any sentence naming it so. Either way the 文号 is that other document's, not this page's.
 */
function cites(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  // 《…》（文号）, or the 文号 itself in 《》 as a calendar or minutes names a document it discusses.
  // The title and its 文号 may be parted by a comma (（参见《…》，某发〔2026〕4号）).
  if (/(?:》\s*[（(]?\s*[，,、]?|《)\s*$/.test(before)) return true;
  // A 文号 in brackets that a sentence opens (获批立项（…〔2022〕118号）, …的通知（…）) is what that
  // sentence mentions; the page's own, in brackets, opens a line of its own (（2026年第2号）).
  // An English sentence does the same with a space and a word before it (…Regulations (Ref. 某大教[2025]18号)).
  const opened = /[（(]\s*(?:[A-Za-z][A-Za-z.]{0,9}\s*[:：]?\s*)?$/.exec(before);
  const said = opened === null ? '' : before.slice(0, opened.index);
  return opened !== null && (LEXICONS.documentKind.test(said.trim()) || /[\u4e00-\u9fa5]$/.test(said) || /[A-Za-z)]\s$/.test(said));
}

/**
 * Whether the 文号 ending at `end` runs straight on into a sentence (会议通报了督办〔2026〕第18号督办通知单所列…),
 * or closes one's clause (…团组批件号为某外办批〔2026〕0418号。): a document the text mentions. A 题注 states
 * the page's own the same way, but ends it with 印发.
 */
const runsOn = (text: string, end: number): boolean => /^[\u4e00-\u9fa5。；，]/.test(text.slice(end, end + 1)) && !text.startsWith('印发', end);

/**
 * Whether the 文号 ending at `end` is followed by a document's title on the same run of text: a list
 * row or a related-documents box names each document by its 文号 and title (某发〔2026〕5号 关于…的通知).
 * The page's own, printed over its title, stands alone on its line and is read there first (lineDocNumber).
 */
const namesTheTitleAfter = (text: string, end: number): boolean => {
  // …after a space or a colon (通报｜某大学委通〔2026〕4号：关于…的通报（2026-09-09）).
  const next = /^(?:\s+|\s*[：:]\s*)([^\s。；，、：:]{6,80})/.exec(text.slice(end, end + 90))?.[1];
  // The entry may close with its day in brackets (…的通报（2026-09-09）).
  return next !== undefined && LEXICONS.documentKind.test(withoutAside(next));
};

/**
 * The page's own 文号: the first one in the text that is not a citation, nor the value of a label that
 * names another thing's number (政府采购计划编号：…〔2025〕10482号); `ownLabels` are the 文号's own labels.
 */
/** The extensions of the files a page attaches (.pdf, .docx, .ofd…). */
const EXTENSIONS = 'pdf|docx?|wps|ofd|xlsx?|et|pptx?|txt|zip|rar|7z|jpe?g|png';
/** What follows a file's name: its extension. */
export const FILE_EXTENSION = new RegExp(`^\\s*\\.(?:${EXTENSIONS})\\b`, 'i');
/** The rest of a file's name, up to its extension, with no space in it but one after the 文号 (-关于…的通知.pdf, .docx, 〔2026〕4号 关于….pdf). */
const FILE_NAME_AFTER = new RegExp(`^\\s?[^\\s。；，,;]{0,90}?\\.(?:${EXTENSIONS})\\b`, 'i');
/** A file's name (…的通知.pdf): an attachment or a search hit, not a document's title. */
const FILE_NAME_END = new RegExp(`\\.(?:${EXTENSIONS})$`, 'i');
/** A file's icon set before its name (📄 某某通知（草稿）): a chat's file card or a drive's entry, as an app draws them. */
const FILE_ICON = /^\s*(?:📄|📃|📑|📎|📁|📂|🗂|🗎)/u;
export const namesAFile = (text: string): boolean => FILE_NAME_END.test(text) || FILE_ICON.test(text);
/**
 * A list's filing before a title (【主题党日】, [学习教育], 【待阅】): the list's, not the title's words. A
 * day in brackets there (［2026-05-12］关于…) is no filing but the entry's date: the line stays an entry's.
 */
export const FILING_TAG = /^[【[［](?!\s*\d{4}\s*[-/.年]\s*\d{1,2})[^】\]］]{1,10}[】\]］]\s*/;

/** A name without a trailing aside: 党委学生工作部（学生处） ends as 党委学生工作部 does, 简报（第5期） as 简报. */
export const withoutAside = (name: string) => name.replace(/\s*[（(][^（）()]*[）)]$/, '');

/** A verb that points to another document, run into the 文号 it names (详见某大研〔2026〕5号, 根据某发〔2025〕3号). */
const POINTS_TO = /^(?:详见|参见|参照|根据|依据|依照|按照|遵照|见)/;

export function findDocNumber(text: string, ownLabels?: ReadonlySet<string>): string | null {
  for (const m of text.matchAll(DOC_NUMBER_RE)) {
    if (POINTS_TO.test(m[0]) || cites(text, m.index) || runsOn(text, m.index + m[0].length) || namesTheTitleAfter(text, m.index + m[0].length)) continue;
    // A file named by a 文号 (某教职成函〔2026〕15号.pdf, 某财〔2026〕4号-关于…的通知.pdf) is an attachment:
    // the document it holds is another's.
    if (FILE_NAME_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 100))) continue;
    // The label before it, with its colon or in the cell before (采购计划备案号	…〔2026〕03318号).
    const label = ownLabels && /([\u4e00-\u9fa5]{2,12}?)(?:\s*[：:]\s*|\s+)$/.exec(text.slice(Math.max(0, m.index - 16), m.index))?.[1];
    if (label && !ownLabels.has(label) && LEXICONS.otherNumberLabel.test(label)) continue;
    return m[0].replace(/\s+/g, '').replace(LABEL_RUN_IN, '');
  }
  return null;
}
