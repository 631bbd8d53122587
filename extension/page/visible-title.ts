/**
 * The document's own title as the page shows it, wherever the page puts it: a heading, a top bar, a
 * bold subject line, a subject field (hidden or not), a print form's header cell. The tab's <title>
 * is often the system's name (流程表单, 协同办公平台), so it is only a last resort (reader.ts).
 *
 * Candidates are scored on what makes a line a 公文's title: it names one of the kinds of official
 * document (GB/T 9704 and everyday campus use: 通知, 请示, 纪要…) or opens with 关于; it sits in a
 * heading or an element named for a title or subject; it is a sentence's length, without a label's
 * colon. A page that only lists documents (own-document.ts) has no title of its own.
 */
import { bodyOpeningTitle, divGridRows, isByline, isUnlabelledByline, issuingBodyMark, textLines, withoutAside } from './generic-fields';
import { hiddenChecker, unrendered } from './hidden';
import { textLayers } from './text-layer';
import { clean, FILING_TAG, findDocNumber, lineDocNumber, namesAFile } from './labelled-fields';
import { LEXICONS } from './lexicons';
import { makeOf, siblingsAlike } from './element-make';
import {
  alike,
  datedEntries,
  datedTableRows,
  holdsProse,
  itemSized,
  listedItems,
  listsOthersOnly,
  markedCurrent,
  messages,
  recordsFollow,
  repeatedSiblings,
} from './own-document';

/**
 * A post's title stands right above its byline (来源：… 发布时间：…, or unlabelled: 党委组织部 2026-05-06 10:21),
 * whatever words it uses. The byline may give each part an element of its own (来源：… / 2026-05-08): up to
 * three short ones are read as one.
 */
const BYLINE_BONUS = 4;
const standsOverByline = (el: Element) => {
  let byline = '';
  // A title in a layout table's cell, alone on its row, stands over the rows below it.
  const row = el.tagName === 'TD' && !el.nextElementSibling && !el.previousElementSibling ? el.parentElement : null;
  const start = row ? row.nextElementSibling : el.nextElementSibling;
  for (let next = start, n = 0; next && n < 3; next = next.nextElementSibling, n++) {
    // What the byline shows, not the script that counts its clicks.
    const text = clean(Array.from(next.querySelectorAll('script, style')).reduce((t, el) => t.replace(el.textContent ?? '', ''), next.textContent ?? ''));
    if (text.length > 60) break;
    byline = `${byline} ${text}`.trim();
    // An unlabelled one only right under the title: further down it is a red head's 文号 and date line.
    if (isByline(byline) || (n === 0 && isUnlabelledByline(byline))) return true;
  }
  return false;
};

/** A line set larger than body text (a red-head's title in a styled <div>) stands out as a heading does. */
const PROMINENCE_BONUS = 2;
const PROMINENT_PX = 20;

/** The element's font size in px: computed where the document has styles, else its inline style. */
function fontSizePx(el: Element): number | null {
  const view = el.ownerDocument.defaultView;
  try {
    const computed = view?.getComputedStyle?.(el).fontSize;
    if (computed) return Number.parseFloat(computed);
  } catch {
    // A parser without styles: fall back to the markup.
  }
  const inline = /font-size\s*:\s*([\d.]+)\s*(px|pt)/i.exec(el.getAttribute('style') ?? '');
  if (!inline) return null;
  return Number.parseFloat(inline[1]!) * (inline[2]!.toLowerCase() === 'pt' ? 4 / 3 : 1);
}

const isProminent = (el: Element) => (fontSizePx(el) ?? 0) >= PROMINENT_PX;

/** A hidden copy (a subject field, a collapsed drawer) is the title only when nothing visible is. */
const HIDDEN_PENALTY = 3;
/** Candidates below this are not a document's title. */
const MIN_SCORE = 5;

/** A title's fewest characters: an app bar's 签署任务 or 通知详情 names the screen, over whatever body it shows. */
const SHORTEST_TITLE = 6;

/** 上一篇：… / 下一条：… — the link to the post beside this one names that post. */
const NEIGHBOUR_LABEL = /(?:上|下|前|后)一?(?:篇|条|则|项|个)\s*[：:]/;
const ENDS_WITH_NEIGHBOUR_LABEL = new RegExp(`${NEIGHBOUR_LABEL.source}\\s*$`);
const OPENS_WITH_NEIGHBOUR_LABEL = new RegExp(`^${NEIGHBOUR_LABEL.source}`);
const pointsToNeighbour = (el: Element) => {
  // The label stands in the element or right before it (<p>上一篇：<span>…</span></p>): a few characters are read.
  let before = '';
  for (let n = el.previousSibling; n && before.length < 12; n = n.previousSibling) before = (n.textContent ?? '') + before;
  return ENDS_WITH_NEIGHBOUR_LABEL.test(before) || OPENS_WITH_NEIGHBOUR_LABEL.test(clean(el.textContent));
};

/** A collaboration's subject that passes a document on (转发：…, 回复：…, Fw: …) names that document. */
const PASSED_ON = /^(?:转发|转|回复|答复|fwd?|re)\s*[：:]\s*/i;

const NAMED_FOR_TITLE = /title|subject|biaoti|\bbt\b|headline|docname|requestname/i;

interface Candidate {
  text: string;
  el: Element;
  /** How much the line reads as a document's title (MIN_SCORE and up). */
  score: number;
  /** The score it is ranked by: a hidden line's is lowered, so any visible title of a like score wins. */
  rank: number;
}

/**
 * A listed item's line: a title followed by its date or its 文号 in brackets (…的通知（2025-09-01）,
 * …的通知（某发〔2026〕23号）) — how lists and citations name a document, not how it titles itself.
 */
const DATED_ITEM = /[（([【]\s*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|[\u4e00-\u9fa5]{1,12}[〔［[【(（﹝]\d{4}[〕］\]】)）﹞]第?\d{1,5}号)\s*[）)\]】]$/;

/** …or spaced from it at the line's end (…的通知　某发〔2026〕11号　2026-05-19): a title ends in its kind, never in a day. */
const SPACED_DATE_END = /\S\s+\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?$/;

/** …or opened by it, bracketed or spaced (［2026-05-12］关于…的说明, 2026-05-12 关于…): a ticker's or a list's entry. */
const DATED_START = /^(?:[［[【(（]\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*[］\]】)）]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s)/;

/** A list's or a citation's line for a document: dated or numbered beside its title. */
const namesListedDocument = (text: string) => DATED_ITEM.test(text) || SPACED_DATE_END.test(text) || DATED_START.test(text);

/**
 * The line before the link that closes it (…的通知（某发〔2026〕14号）　2026-08-26　<a>查看详情</a>): a
 * banner's or a card's teaser leads to the document on a page of its own.
 */
function beforeClosingLink(el: Element): string | null {
  const link = el.lastElementChild;
  if (link?.tagName !== 'A' || clean(link.nextSibling?.textContent) !== '') return null;
  const whole = clean(el.textContent);
  const linkText = clean(link.textContent);
  return linkText && whole.endsWith(linkText) ? clean(whole.slice(0, whole.length - linkText.length)) : null;
}

/**
 * 关于[matter]的[kind]: a kind of one to five characters closing the title, which opens with 关于 or a
 * body's name — not an enumerated item of a body (一、听取某处关于…的汇报).
 */
const kindAfterMatter = (text: string) =>
  /的[\u4e00-\u9fa5]{1,5}$/.test(text) &&
  !/^[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]/.test(text) &&
  (/^关于\S{2,}的/.test(text) || bodyOpeningTitle(text) !== null);

/** An aside that is a sentence of its own (（此消息记录为文本格式，不支持重新导入）): a note, no part of a title. */
const NOTE_ASIDE = /\s*[（(][^（）()]*[，,。；;][^（）()]*[）)]$/;

function looksLikeTitle(text: string): number {
  // A title's aside is a word or two (（试行）, （征求意见稿）, （第5期））: a note's line reads no better
  // than what stands before the note.
  return NOTE_ASIDE.test(text) ? Math.min(titleScore(text), titleScore(text.replace(NOTE_ASIDE, ''))) : titleScore(text);
}

/** The mark of an enumerated item: 一、 （一） 1. 1、 (1). */
const ENUMERATED = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))/;

function titleScore(text: string): number {
  if (text.length < SHORTEST_TITLE || text.length > 90) return -10;
  if (namesListedDocument(text)) return -10;
  // A 文号 on a line of its own (a red head's 某大党常纪〔2026〕第9号) numbers the document; it is no title.
  // So is one in brackets under a 纪要's head (（2026年第2号）).
  const unbracketed = text.replace(/^[（(]\s*(.+?)\s*[）)]$/, '$1');
  if ((findDocNumber(unbracketed) ?? lineDocNumber(unbracketed))?.length === unbracketed.length) return -10;
  // A sentence's end, or an excerpt's (……, ...): a snippet of a body, cut where it was, is no title.
  if (/[：:]/.test(text) || /(?:[。；]|…|\.{3})$/.test(text)) return -10;
  // Nor is a line that stops at a comma (…拟聘教授3名，), a sentence wrapped on, or an item of a body's
  // enumeration (一、会议听取了…): a title stands by itself.
  if (/[，、,]$/.test(text) || ENUMERATED.test(text)) return -10;
  if (namesAFile(text)) return -10;
  let score = 0;
  // 简报（第5期）, 办法（试行）: the kind stands before a trailing aside. GB/T 9704's 关于[matter]的[kind]
  // names a kind whatever it is called (…的督办单, …的整改通知书): the shape says so without the word list.
  if (LEXICONS.documentKind.test(withoutAside(text)) || kindAfterMatter(withoutAside(text))) score += 4;
  // GB/T 9704's title: [issuing body] 关于 [matter] 的 [kind] — the body's name may come first.
  if (text.startsWith('关于') || bodyOpeningTitle(text)) score += 3;
  if (LEXICONS.systemName.test(text)) score -= 6;
  return score;
}

/**
 * An element's text with its <br> line breaks closed up beside Chinese text: a title set on two lines
 * (梧溪县教育局<br>转发…的通知, …参加<br>2026年…) is one title; the space a source's newline leaves is
 * no word break. Between two Latin words it is.
 */
function titleText(el: Element): string {
  if (!el.querySelector('br')) return el.textContent ?? '';
  let out = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if ((child as Element).tagName === 'BR') out = `${out.trimEnd()}\uE000`;
      else if (child.nodeType === 1) walk(child);
    }
  };
  walk(el);
  return out
    .replace(/\uE000\s*/g, '\uE000')
    .replace(/([\u4e00-\u9fa5“”《》（）])\uE000|\uE000(?=[\u4e00-\u9fa5“”《》（）])/g, '$1')
    .replace(/\uE000/g, ' ');
}

/** Characters a status chip holds at most (重要, 置顶, 新, 已读). */
const MAX_CHIP_CHARS = 4;

/**
 * A title without the chip set before it in the same element (<span class="tag">重要</span> 关于…的通知):
 * a short element of its own, first in the line, with the title's words after it. Both readings are
 * candidates; the title's shape (关于…) ranks the bare one first, while a line a converter cut into
 * runs (<span>关于</span><span>…的通知</span>) reads better whole.
 */
function withoutChip(el: Element): string | null {
  const chip = el.firstElementChild;
  const before = chip?.previousSibling;
  // One line: the chip and the title inline in it, not a box's caption over its list.
  if (!chip || chip.children.length > 0 || (before && clean(before.textContent) !== '') || !Array.from(el.children).every((c) => INLINE.has(c.tagName)))
    return null;
  const chipText = clean(chip.textContent);
  const whole = clean(el.textContent);
  return chipText.length > 0 && chipText.length <= MAX_CHIP_CHARS && whole.length > chipText.length + 5
    ? clean(whole.slice(whole.indexOf(chipText) + chipText.length))
    : null;
}

/** A date and nothing else, as a list prints it beside an entry (2026.01.20, [2026-01-20], 2026-01-20 09:30). */
const DATE_ALONE = /^[[（(【]?\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?[\]）)】]?$/;

/**
 * A line of body text whose row holds nothing else but a date (<p>关于…的通知</p><span>2026.01.20</span>):
 * how a list names an entry, however few the entries are. A page's own title stands in a heading or
 * its own box, not dated beside it in plain text.
 */
function datedBeside(el: Element): boolean {
  const text = clean(el.textContent);
  if (!text) return false;
  for (let row = el.parentElement, depth = 0; row && depth < 3; row = row.parentElement, depth++) {
    const whole = clean(row.textContent);
    if (whole === text) continue;
    const at = whole.indexOf(text);
    return at >= 0 && DATE_ALONE.test(`${whole.slice(0, at)}${whole.slice(at + text.length)}`.trim());
  }
  return false;
}

function candidates(doc: Document): Candidate[] {
  const out: Candidate[] = [];
  const hidden = hiddenChecker();
  // A line over an issue's number (物业服务考核会议纪要 / 第4期) is the name of the series, printed on every
  // issue: the issue's own title, where it has one, stands under its head.
  const lines = textLines(doc.body);
  const series = new Set(lines.filter((_, i) => ISSUE_NUMBER.test(lines[i + 1] ?? '')));
  /** `size`: the type size a viewer's layer gives the line (its runs' own style may not compute). */
  /** `ahead`: ranks it over a candidate of the same score (never lifts it over the bar). */
  const add = (text: string, bonus: number, el: Element, size?: number | null, ahead = 0) => {
    const t = clean(text).replace(PASSED_ON, '').replace(FILING_TAG, '');
    if (!t || unrendered(el)) return;
    const lead = beforeClosingLink(el);
    if (lead && namesListedDocument(lead.replace(FILING_TAG, ''))) return;
    let score = looksLikeTitle(t) + bonus + (size === undefined && standsOverByline(el) ? BYLINE_BONUS : 0);
    // Prominence is asked only of lines it could lift over the bar: it may need the computed style.
    const prominent = () => (size ? size >= PROMINENT_PX : isProminent(el));
    if (score >= MIN_SCORE - PROMINENCE_BONUS && score < MIN_SCORE + PROMINENCE_BONUS && prominent()) score += PROMINENCE_BONUS;
    // Visibility is asked only of lines that could win: it may need the computed style.
    // A red head's 发文机关标志 (某大学会议纪要) heads the page in the largest type yet names no matter: of two
    // lines that read as titles alike, the one that names a matter is the document's.
    if (score >= MIN_SCORE && !pointsToNeighbour(el))
      out.push({ text: t, el, score, rank: (hidden(el) ? score - HIDDEN_PENALTY : score) - (issuingBodyMark(t) || series.has(t) ? 1 : 0) + ahead });
  };
  // A smaller heading (a detail frame's <h4>) heads a page too, with less weight than its larger kin.
  const headingBonus = (el: Element) => (el.tagName === 'H1' ? 3 : /^H[23]$/.test(el.tagName) ? 2 : 1);
  // A heading that does not read as a document's title heads one only over its byline or a body (headsDocument).
  let prose: boolean | undefined;
  const headsBody = () => (prose ??= holdsProse(doc, readsAsListedTitle));
  for (const el of Array.from(doc.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    const text = clean(titleText(el));
    if (looksLikeTitle(text) > 0 || standsOverByline(el) || headsBody()) add(titleText(el), headingBonus(el), el);
    const bare = withoutChip(el);
    if (bare) add(bare, headingBonus(el), el);
  }
  // A viewer's page: its lines by position, and a title wrapped over two or three lines of one size.
  for (const lines of textLayers(doc).values()) {
    lines.forEach((line, i) => {
      add(line.text, 0, line.first, line.size);
      let joined = line.text;
      for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) {
        if (lines[j]!.size !== line.size || /[，。；：:,;！？]/.test(lines[j - 1]!.text)) break;
        joined += lines[j]!.text;
        add(joined, 0, line.first, line.size);
      }
    });
  }
  for (const el of Array.from(doc.querySelectorAll('[id], [class], [name]'))) {
    const named = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''} ${el.getAttribute('name') ?? ''}`;
    if (!NAMED_FOR_TITLE.test(named)) continue;
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
      // A title typed into a form being filled in is what the reader is writing, not what the page shows.
      if (!(openToEdit(el) && typedInto(doc))) add((el as HTMLInputElement).value ?? el.getAttribute('value') ?? '', 2, el);
    } else if (el.children.length <= 3) {
      add(el.textContent ?? '', 2, el);
      // A subject line may open with a chip of its own (<span class="tag">重要</span>关于…的通知).
      const bare = withoutChip(el);
      if (bare) add(bare, 2, el);
    }
  }
  for (const el of Array.from(doc.querySelectorAll('b, strong, td, th, dd, div, section, p, span, font'))) {
    // A line a converter cut into runs (a Word export's spans, one per language or font) is still one line.
    if (el.children.length > 2 && !Array.from(el.children).every((c) => INLINE.has(c.tagName) || c.tagName === 'BR')) continue;
    // …but runs that each read as a title are titles side by side (a tab bar of opened pages), not one.
    if (Array.from(el.children).filter((c) => readsAsListedTitle(clean(c.textContent))).length >= 2) continue;
    if (datedBeside(el)) continue;
    add(titleText(el), el.matches('b, strong, font') ? 1 : 0, el);
    const bare = withoutChip(el);
    if (bare) add(bare, el.matches('b, strong, font') ? 1 : 0, el);
    // The whole of a wrapped title outranks its last line, wherever else that line is found alone (its own <span>).
    const wrapped = wrappedTitle(el);
    if (wrapped) add(wrapped, el.matches('b, strong, font') ? 1 : 0, el, undefined, 0.5);
  }
  return out;
}

/**
 * A long title wraps (GB/T 9704 sets it on two or more lines), and a PDF's text layer or a print view
 * gives each line an element of its own: the line before `el`, set in the same type, with no
 * punctuation of a sentence or a label, begins the title when the two read as one better than `el`
 * alone (某大学关于同意…人民政府 / 共建…的复函).
 */
const INLINE = new Set(['SPAN', 'FONT', 'B', 'STRONG', 'I', 'EM']);

/** An issue's number on a line of its own: 第4期, 2026年第4期, （总第37期）. */
const ISSUE_NUMBER = /^[（(]?(?:\d{4}\s*年\s*)?(?:总\s*)?第\s*[0-9一二三四五六七八九十百〇零]+\s*期[）)]?$/;

function wrappedTitle(el: Element): string | null {
  let prev = el.previousElementSibling;
  while (prev && prev.tagName === 'BR') prev = prev.previousElementSibling;
  // A line of text may hold inline pieces (a converter's spacing <span>s), not blocks of its own.
  // A table's cells side by side are columns, not the lines of one title.
  if (!prev || prev.tagName !== el.tagName || /^T[DH]$/.test(el.tagName) || Array.from(prev.children).some((c) => !INLINE.has(c.tagName))) return null;
  const first = clean(prev.textContent);
  const last = clean(el.textContent);
  if (!first || first.length > 45 || /[，。；：:,;！？]/.test(first) || LEXICONS.documentKind.test(first)) return null;
  const size = fontSizePx(el);
  if (size === null || fontSizePx(prev) !== size) return null;
  const joined = first + last;
  // A body's name over 关于… is the title's first line, as GB/T 9704 wraps it (某市人大常委会 / 关于…的决定).
  return looksLikeTitle(joined) > looksLikeTitle(last) || (last.startsWith('关于') && bodyOpeningTitle(joined) === first) ? joined : null;
}

/**
 * The best-scoring title on the page (null when nothing there reads as a document's title), and
 * whether the page is a list of documents — then it has no title of its own to give.
 */
const readsAsListedTitle = (text: string) => looksLikeTitle(text) >= 4;

/**
 * The items of a feed (an account's history of posts, a column of stories): three or more sibling blocks
 * of one make, built alike, each no longer than an item and each opening with its own heading. A heading
 * there names its item; a form's rows open with labels, not headings.
 */
function feedItems(doc: Document): Element[] {
  const opensWithHeading = (el: Element) => {
    const first = el.firstElementChild;
    return first !== null && (/^H[2-6]$/.test(first.tagName) || /title/i.test(first.getAttribute('class') ?? ''));
  };
  return repeatedSiblings(doc, 'body, main, section, div, ul, ol')
    .filter((group) => group.every((el) => itemSized(el) && opensWithHeading(el)) && alike(group))
    .flat();
}

/**
 * Whether `el` heads a box of records (a dashboard card's 本院最新听课记录 over its table of dated rows):
 * the block after it, or the blocks after it, hold three records or more and little else. A document's
 * title heads its body, where a schedule table is a part among paragraphs.
 */
function headsRecords(el: Element, records: readonly Element[], fewest = 3): boolean {
  let box: Element | null = el;
  for (let level = 0; box && level < 4; level++, box = box.parentElement) {
    if (!box.nextElementSibling) continue;
    // The records stand in the block after it, or are themselves the blocks after it (a caption beside its entries).
    const after: Element[] = [];
    for (let next: Element | null = box.nextElementSibling; next; next = next.nextElementSibling) after.push(next);
    const inBlock = records.filter((row) => after[0]!.contains(row));
    const under = inBlock.length >= fewest ? [after[0]!] : after;
    const held = inBlock.length >= fewest ? inBlock : records.filter((row) => after.includes(row));
    if (held.length < fewest) return false;
    const heldChars = held.reduce((n, row) => n + clean(row.textContent).length, 0);
    return heldChars >= 0.7 * under.reduce((n, block) => n + clean(block.textContent).length, 0);
  }
  return false;
}

/** A day closing an entry's line (… · 已立项 · 2025-08-24), with or without its time. */
const DAY_AT_END = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * The items of a short list each closed by its day (a card's 我的申报记录: two projects, each with its
 * status and day): entries of a record, two being enough, where a document's body lists sentences.
 */
function dayClosedEntries(doc: Document): Element[] {
  const entries: Element[] = [];
  for (const list of Array.from(doc.querySelectorAll('ul, ol'))) {
    const items = Array.from(list.children).filter((li) => li.tagName === 'LI');
    if (items.length >= 2 && items.length === list.children.length && items.every((li) => itemSized(li) && DAY_AT_END.test(clean(li.textContent))))
      entries.push(...items);
  }
  return entries;
}

/** The rows on the page that stand for other documents (a sidebar's related notices): their facts are theirs. */
export const listedRows = (doc: Document): Element[] => listedItems(doc, readsAsListedTitle);

/**
 * Whether a page's <h1> names the document the page shows: it reads as a document's title, or the page
 * has a body for it to head. A wiki space's home (its name over a tree and a table of recent edits) or an
 * error page (Whitelabel Error Page) has a heading and no document.
 */
export const headsDocument = (heading: string, doc: Document): boolean =>
  looksLikeTitle(heading) > 0 || (heading.length >= SHORTEST_TITLE && holdsOwnProse(doc));

/** Whether the page holds a body of prose of its own, outside what it lists. */
export const holdsOwnProse = (doc: Document): boolean => holdsProse(doc, readsAsListedTitle);

/** What a title scores that names its kind and opens with 关于 or a body's name (GB/T 9704's whole title). */
const WHOLE_TITLE = 7;

/** The most characters a menu's entry runs to. */
const MAX_MENU_ENTRY = 10;

/** The share of a page's text its rows hold when the page is those rows. */
const MOST_OF_THE_PAGE = 0.6;

/** Empty fields a page asks its reader to fill in, at least, to be a form to fill in rather than a record. */
const FEWEST_BLANK_FIELDS = 3;

/** Whether a form's field is open to editing (neither readonly nor disabled). */
const openToEdit = (el: Element) => !el.hasAttribute('readonly') && !el.hasAttribute('disabled');

/** A choice a framework draws: role radio / checkbox, or a class of its own named so (ui-radio, el-checkbox). */
const drawnChoice = (el: Element) =>
  /^(?:radio|checkbox)$/.test(el.getAttribute('role') ?? '') ||
  (el.getAttribute('class') ?? '').split(/\s+/).some((c) => /^(?:[a-z]+[-_])?(?:radio|checkbox)$/i.test(c));
/** A drawn choice's class when it is the one chosen (is-checked, ui-radio-on, jqchecked). */
const CHOSEN_CLASS = /checked|selected|[-_]on\b/i;

/**
 * The fields a page offers its reader to fill in: text boxes, text areas, lists to choose from and groups
 * of choices that are not locked (readonly, disabled), and how many of them are still empty. A record
 * shown in a form's shape has its fields locked or printed as text.
 */
function editableFields(doc: Document): { editable: number; blank: number; typed: number } {
  let editable = 0;
  let blank = 0;
  let typed = 0;
  const choices = new Map<string, boolean>();
  const drawn = new Map<Element, boolean>();
  for (const el of Array.from(doc.querySelectorAll('input, textarea, select'))) {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (!openToEdit(el)) continue;
    if (el.tagName === 'SELECT') {
      editable++;
    } else if (type === 'radio' || type === 'checkbox') {
      const group = el.getAttribute('name') ?? `${el.parentElement?.parentElement?.tagName}:${choices.size}`;
      choices.set(group, (choices.get(group) ?? false) || el.hasAttribute('checked'));
    } else if (/^(?:text|number|date|tel|email)$/.test(type) || el.tagName === 'TEXTAREA') {
      editable++;
      const value = el.tagName === 'TEXTAREA' ? (el.textContent ?? '') : (el.getAttribute('value') ?? '');
      if (!value.trim()) blank++;
      else typed++;
    }
  }
  // A framework's own choice widgets (<div class="ui-radio"><span class="jqradio"></span><label>是</label></div>,
  // role="radio") stand for inputs it hides or draws without: one group per list of them.
  for (const el of Array.from(doc.querySelectorAll('[role="radio"], [role="checkbox"], [class*="radio" i], [class*="checkbox" i]'))) {
    if (!drawnChoice(el) || el.querySelector('input') || !el.parentElement || el.parentElement.closest('[aria-disabled="true"]')) continue;
    const group = el.parentElement;
    drawn.set(group, (drawn.get(group) ?? false) || el.getAttribute('aria-checked') === 'true' || CHOSEN_CLASS.test(el.getAttribute('class') ?? ''));
  }
  for (const chosen of [...choices.values(), ...drawn.values()]) {
    editable++;
    if (!chosen) blank++;
  }
  return { editable, blank, typed };
}

/**
 * Whether the page is a form waiting to be filled in (a questionnaire, an information collector, a
 * report to submit): three or more empty fields — text boxes and text areas without a value, groups of
 * choices none of which is chosen. A record shown in a form's shape has its fields filled.
 */
const asksToBeFilled = (doc: Document): boolean => editableFields(doc).blank >= FEWEST_BLANK_FIELDS;

/**
 * Whether the reader is filling in a form on the page, blank or already half done (an application's
 * second step): three or more fields open to editing. An approval form opens one box, for the opinion.
 */
export const beingFilledIn = (doc: Document): boolean => editableFields(doc).editable >= FEWEST_BLANK_FIELDS;

/**
 * Whether the reader has typed into a form on the page: three or more open text fields holding values
 * (a request for a document, its 题名, 发文单位 and 文号 filled in). What they hold is being written,
 * not shown; a record shown in a form's shape has its fields locked.
 */
export const typedInto = (doc: Document): boolean => editableFields(doc).typed >= FEWEST_BLANK_FIELDS;

/** The fewest entries of one make that are a list to choose from (a menu, a list of conversations). */
const FEWEST_CHOICES = 3;

/** What opens a section: a heading, or a box its class names for one. */
const SECTION_HEAD = 'h1, h2, h3, h4, h5, h6, [class*="title" i], [class*="heading" i]';

/**
 * Whether `el` is the heading of one of three or more sibling sections built alike, each opened by a
 * heading of its own (a record form's panels: 基本信息, 个人总结（研究生填写）, 导师意见): it names its
 * section, not the page.
 */
function headsSection(el: Element): boolean {
  for (let section: Element | null = el; section?.parentElement; section = section.parentElement) {
    // Panels are blocks; a layout table's rows (a title row, a byline row, a body row) are not sections.
    if (!/^(?:DIV|SECTION|FIELDSET)$/.test(section.tagName)) continue;
    const head = section.querySelector(SECTION_HEAD);
    if (!head?.contains(el) && head !== el) continue;
    const sections = siblingsAlike(section);
    if (sections.length < FEWEST_CHOICES) continue;
    const heads = sections.map((sibling) => sibling.querySelector(SECTION_HEAD));
    if (heads.every((h) => h !== null && makeOf(h) === makeOf(head!) && clean(h.textContent) !== '')) return true;
  }
  return false;
}

/**
 * Whether `el` stands in an entry of a list that marks another entry as the one open (a conversation
 * list's current chat, a menu's current column, a master list's selected row): the other entries name
 * what is not on the page, whether or not they link or date it.
 */
function besideCurrent(el: Element): boolean {
  for (let entry: Element | null = el; entry?.parentElement; entry = entry.parentElement) {
    const entries = siblingsAlike(entry);
    if (entries.length >= FEWEST_CHOICES && !markedCurrent(entry) && entries.some((sibling) => sibling !== entry && markedCurrent(sibling))) return true;
  }
  return false;
}

/** The texts of links (and of their parts) that lead to another page than this one (not to itself, not to a spot on it). */
function linkTitlesAway(doc: Document): Set<string> {
  const here = doc.URL;
  const out = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (!href || (href.startsWith('#') && !href.startsWith('#/')) || /^javascript:/i.test(href)) continue;
    let to: string;
    try {
      to = new URL(href, here).href;
    } catch {
      continue;
    }
    // The link's whole text, and its parts' (<a><div>14:00</div><div>…宣讲会</div></a>).
    if (to !== here) for (const part of [a, ...Array.from(a.querySelectorAll('*'))]) out.add(clean(part.textContent));
  }
  return out;
}

/** A label naming what a value cites: the document it rests on or relates to (活动依据, 相关文件, 关联公文). */
const CITING_LABEL = /(?:依据|根据|参照|相关|关联)(?:文件|公文|通知|文号)?$/;
const MAX_CITING_LABEL = 8;

/** The most characters a piece of a post's byline runs to (校医院预防接种门诊, 2026-03-03 18:05, 发表于某省). */
const MAX_BYLINE_PART = 20;

/** A body's 主送 line, who a document is addressed to (全校师生：, 各学院、各部门：), alone on its line. */
const ADDRESSEES = /^[^：:，,。；;！？\s]{2,40}[：:]$/;

/** The kind of a record (…缴费记录, …会议记录): one event's, or a log's. */
const RECORD_KIND = /记录$/;

export function visibleTitle(doc: Document): { title: string | null; list: boolean } {
  if (listsOthersOnly(doc, readsAsListedTitle)) return { title: null, list: true };
  // A heading inside a listed item (a work bench's latest-notice card, <a><h4>关于…的通知</h4>…</a>) is
  // the listed document's title, however few the items are — unless the item is the one the page shows
  // (a master list's selected entry beside its detail). A layout row around whole columns is no item.
  const listed = listedRows(doc);
  const items = listed.filter((row) => itemSized(row) && !markedCurrent(row));
  const logged = datedEntries(doc);
  const records = [...listed, ...datedTableRows(doc), ...logged];
  const dayClosed = dayClosedEntries(doc);
  // A conversation's messages, a feed's items and a log's entries name what they show, not the page.
  const said = messages(doc);
  const feed = [...feedItems(doc), ...said, ...logged];
  // A form's label cell beside its field (学院党委意见 | <textarea>) names the field, whatever its words.
  const labelsAField = (el: Element) => {
    const next = el.nextElementSibling;
    return /^T[DH]$/.test(el.tagName) && next !== null && (next.matches('input, textarea, select') || next.querySelector('input, textarea, select') !== null);
  };
  // A value under a label that cites another document (活动依据 | 关于…的通知, 相关文件, 关联公文) names that
  // document, not the page's: a form's record of an activity cites what called for it.
  const cited = (el: Element) => {
    for (let at: Element | null = el, depth = 0; at && depth < 3; at = at.parentElement, depth++) {
      const before = at.previousElementSibling;
      // A heading over a document (附：依据文件 over the notice it attaches) heads it; a label cell labels a value.
      if (!before || /^H[1-6]$/.test(before.tagName)) continue;
      const label = clean(before.textContent).replace(/[：:]$/, '');
      if (label.length <= MAX_CITING_LABEL && !/[：:]/.test(label) && CITING_LABEL.test(label)) return true;
    }
    return false;
  };
  // An alert's title (退回修改记录 over the reviewer's note, 【通知】… over a link to it) names the message.
  const alerting = (el: Element) => el.closest('[role="alert"], [class*="alert" i]') !== null;
  // A navigation's entries (a menu, a wiki's page tree, tabs) name other pages.
  const navigation = (el: Element) => el.closest('nav, [role="navigation"], [role="tree"], [role="menu"], [role="menubar"], [role="tablist"]') !== null;
  // A title over its own byline in an entry that has a sibling of its make doing the same (相关通知: two
  // van-cells, each a title over 某单位 · 2026-09-15) is a listed document, however few are listed.
  const listedWithByline = (el: Element) => {
    const entry = el.parentElement;
    if (!entry || !standsOverByline(el)) return false;
    const at = Array.from(entry.children).indexOf(el);
    return siblingsAlike(entry).some((other) => {
      const twin = other !== entry ? other.children[at] : undefined;
      return twin !== undefined && makeOf(twin) === makeOf(el) && readsAsListedTitle(clean(twin.textContent)) && standsOverByline(twin);
    });
  };
  // A grid's cells (a calendar's days, a data grid's records: role gridcell) hold its entries, not the page's title.
  const gridEntry = (el: Element) => el.closest('[role="gridcell"]') !== null;
  // A blank form's heading (某某申请, 某某问卷, 某某上报) names the form, unless it reads as a document's title.
  const blank = asksToBeFilled(doc);
  // A form the reader is filling in (its fields open, blank or half done) is named for what it collects
  // (…登记表, …申请表): that names the form on the screen, not a document shown there.
  const filling = beingFilledIn(doc);
  // …and one the reader is typing into (编辑会议记录 over its fields) is named for what is being written,
  // unless its heading is a document's whole title (关于…的通知, a notice being drafted).
  const typed = typedInto(doc);
  // A menu's entry marked as where the reader is (<li class="on">信息公开年度报告</li>) names the column a
  // heading of the same words heads: a column's name is short, as a menu's entries are.
  const columns = new Set(
    Array.from(doc.querySelectorAll('a, li'))
      .filter((el) => markedCurrent(el) && clean(el.textContent).length <= MAX_MENU_ENTRY)
      .map((el) => clean(el.textContent)),
  );
  // A line that is only a listed link, beside lines of its make that are too (<p><a>…</a></p> three times
  // in a sidebar's box), is an entry of that list, as the link is.
  const wrapsListed = (el: Element) => items.some((row) => el !== row && el.contains(row) && clean(row.textContent) === clean(el.textContent));
  const listedLine = (c: Candidate) => wrapsListed(c.el) && siblingsAlike(c.el).some((other) => other !== c.el && wrapsListed(other));
  // A record's kind over records (…缴费记录 over the payments, …接种记录 over the doses) names those
  // entries: a document kept as a 记录 (会议记录, 谈话记录) records one event, in prose of its own.
  let prose: boolean | undefined;
  // Right over them, whatever else the page says; further up (a flow's dated steps at the page's foot), only on a page without prose.
  const headsLog = (c: Candidate) =>
    RECORD_KIND.test(withoutAside(c.text)) &&
    (recordsFollow(c.el, { rightAfter: true }) || (recordsFollow(c.el) && !(prose ??= holdsProse(doc, readsAsListedTitle))));
  const all = candidates(doc);
  // …and a heading of the same make as one over a log heads a section of the same screen (最近检测 beside 接种记录).
  const logHeads = all.filter(headsLog);
  const besideLog = (c: Candidate) => logHeads.some((head) => head.el !== c.el && head.el.matches(SECTION_HEAD) && makeOf(head.el) === makeOf(c.el));
  const found = all.filter(
    (c) =>
      !items.some((row) => row.contains(c.el)) &&
      !listedLine(c) &&
      !feed.some((item) => item.contains(c.el)) &&
      !headsRecords(c.el, records) &&
      !headsRecords(c.el, dayClosed, 2) &&
      !navigation(c.el) &&
      !gridEntry(c.el) &&
      !listedWithByline(c.el) &&
      !alerting(c.el) &&
      !labelsAField(c.el) &&
      !cited(c.el) &&
      !besideCurrent(c.el) &&
      !headsSection(c.el) &&
      !logHeads.includes(c) &&
      !besideLog(c) &&
      !columns.has(c.text) &&
      !(blank && looksLikeTitle(c.text) <= 0) &&
      !(filling && withoutAside(c.text).endsWith('表')) &&
      !(typed && looksLikeTitle(c.text) < WHOLE_TITLE),
  );
  // A title another candidate quotes in 《》 (关于转发《…》的通知), or ends with after 转发 (某局转发市局关于…的通知),
  // is the document that one passes on.
  const matter = (text: string) => (text.indexOf('关于') > 0 ? text.slice(text.indexOf('关于')) : text);
  const passesOn = (other: string, c: string) =>
    other.includes(`《${c}》`) ||
    (other !== c && other.length > c.length && /转发/.test(other.slice(0, other.length - matter(c).length)) && other.endsWith(matter(c)));
  const quoted = (c: Candidate) => found.some((other) => other !== c && passesOn(other.text, c.text));
  // Of two that rank alike, one inside the other is the title without what stands beside it in the
  // outer element (a status chip: 待阅办 关于…的通知).
  const inside = (a: Candidate, b: Candidate) => (a.el !== b.el && b.el.contains(a.el) && b.text.includes(a.text) ? -1 : 0);
  // A title a link elsewhere on the page leads to (a calendar's event, and its preview's heading) names
  // that page: a document's own title does not link away from it.
  const linkedAway = linkTitlesAway(doc);
  // Of two that rank alike, one that reads as no document's title at all (a post's headline: 九价疫苗开约啦！,
  // ranked by its place and type) gives way to a document's whole title (the notice the post carries, set
  // bold in its body, ranked by its words).
  // Only a title that opens a body: right under the headline and its byline, or over the body's 主送 line
  // (全校师生：). A title further down, in a sentence's run, is one the post cites.
  let lines: string[] | undefined;
  const opensBody = (a: Candidate, b: Candidate) => {
    const pageLines = (lines ??= textLines(doc.body));
    const head = pageLines.findIndex((line) => line.includes(a.text));
    const own = pageLines.indexOf(b.text, head + 1);
    if (head < 0 || own < 0) return false;
    if (ADDRESSEES.test(pageLines[own + 1] ?? '')) return true;
    return pageLines.slice(head + 1, own).every((line) => line.length <= MAX_BYLINE_PART || isByline(line) || isUnlabelledByline(line));
  };
  const wordsOnly = (a: Candidate, b: Candidate) => (looksLikeTitle(a.text) <= 0 && looksLikeTitle(b.text) >= WHOLE_TITLE && opensBody(a, b) ? 1 : 0);
  const ranked = found
    .filter((c) => !quoted(c) && !linkedAway.has(c.text))
    .sort((a, b) => b.rank - a.rank || inside(a, b) || -inside(b, a) || wordsOnly(a, b) - wordsOnly(b, a));
  // A conversation and nothing else (a group chat: its name on the tab, its messages, no body around them),
  // or a grid of records and nothing else (a shared spreadsheet), shows no document: what its tab names
  // is the conversation or the file.
  // So does a table of dated rows under a header (an online spreadsheet's sheet) that holds most of the page.
  const grid = doc.body ? [...divGridRows(doc.body)] : [];
  const sheet = [...new Set(datedTableRows(doc, true).map((row) => row.closest('table')!))];
  const share = (rows: readonly Element[]) => rows.reduce((n, row) => n + clean(row.textContent).length, 0) / Math.max(1, clean(doc.body?.textContent).length);
  const kept = [...said, ...grid, ...(share(sheet) >= MOST_OF_THE_PAGE ? sheet : [])];
  if (!ranked.length && kept.length && !holdsProse(doc, readsAsListedTitle, kept)) return { title: null, list: true };
  // A sheet that is most of the page (an online spreadsheet's grid) is a file, whatever its name says,
  // unless that name reads as a document's title.
  const sheetLike = [...new Set(grid.map((row) => row.parentElement!)), ...sheet];
  if (ranked.length && looksLikeTitle(ranked[0]!.text) <= 0 && share(sheetLike) >= MOST_OF_THE_PAGE && !holdsProse(doc, readsAsListedTitle, sheetLike))
    return { title: null, list: true };
  // So is a conversation that is most of the page (a chat record forwarded: its name over its messages),
  // unless what heads it reads as a document's whole title (关于…的通知: a notice posted to a thread).
  if (
    ranked.length &&
    said.length &&
    looksLikeTitle(ranked[0]!.text) < WHOLE_TITLE &&
    share(said) >= MOST_OF_THE_PAGE &&
    !holdsProse(doc, readsAsListedTitle, said)
  )
    return { title: null, list: true };
  // A blank form (a questionnaire, a report to submit) that shows no document's title is no document yet.
  if (!ranked.length && blank) return { title: null, list: true };
  return { title: ranked[0]?.text ?? null, list: false };
}
