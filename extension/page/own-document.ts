/**
 * Whether a page shows a document of its own or only lists others (a 待办 list, a news list, search
 * results, a portal home). A list page has no title, 文号, issuer or date of its own: every fact the
 * readers could find there belongs to one of the listed documents, and filling the form with it would
 * put the wrong document on the record.
 *
 * Two signals, both structural and independent of any vocabulary:
 * - listed items: links with a title's length standing in rows (li, tr, dd…) that also hold a date
 *   outside the link, or links that read as a document's title;
 * - prose: text outside links, in blocks that hold sentences (。！？；). A document's body has it;
 *   a list has little but its links. A document page with a sidebar of related links keeps its body,
 *   so it is not a list however many links it has.
 */
import { makeOf, siblingsAlike } from './element-make';
import { ISSUER_LABELS, NUMBER_LABELS, SOURCE_LABELS, TITLE_LABELS, labelText } from './generic-fields';
import { clean, FILING_TAG, findDocNumber, lineDocNumber, visibleText } from './labelled-fields';
import { LEXICONS } from './lexicons';

/** A date a list row shows beside its link: 2024-03-05, 2024/3/5, 2024年3月5日, 03-05, 3月5日 (a mobile app's), 20240305 (an archive's). */
const ROW_DATE =
  /\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2})?|(?:^|[^\d])\d{1,2}月\d{1,2}日|(?:^|[^\d])\d{1,2}[-/]\d{1,2}(?:$|[^\d])|(?:^|[^\d])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:$|[^\d])/;
/** A time of day standing alone (09:42), as a list stamps an entry of today. */
const CLOCK_TIME = /(?:^|[^\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?:$|[^\d:])/;
/** A stamp that names the day by its place in the week (昨天, 星期一, 周三 09:12), in an element of its own. */
const DAY_NAME_STAMP = /^(?:今天|昨天|前天|星期[一二三四五六日天]|周[一二三四五六日])(?:\s*\d{1,2}:\d{2})?$/;
const stampedByDay = (el: Element) => Array.from(el.querySelectorAll('*')).some((c) => c.children.length === 0 && DAY_NAME_STAMP.test(clean(c.textContent)));
/** Whether a list's entry (its `text`, the element `el`) is stamped: a day, a time alone, or a day's name. */
const stamped = (text: string, el: Element) => ROW_DATE.test(text) || CLOCK_TIME.test(text) || stampedByDay(el);
const ROW = 'li, tr, dd, dt';
/** Rows of a list are many; a document's own "related documents" box has a few. */
const MIN_LISTED_ITEMS = 5;
/** …but a short list with no prose beside it (a page of four search hits) is a list too. */
const FEWEST_LISTED_ITEMS = 3;
/** Characters of sentence-bearing text outside links that make a body. */
const MIN_PROSE_CHARS = 120;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'SELECT', 'A', 'BUTTON']);
const SENTENCE_END = /[。！？；]/;
/**
 * A block reads as prose when it holds a sentence's end, or clauses (two commas or more): a paragraph
 * that leads into a table (…现予以任前公示：) ends with a colon, not a full stop. A listed title rarely
 * holds two commas.
 */
const readsAsProse = (text: string) => SENTENCE_END.test(text) || (text.match(/，/g)?.length ?? 0) >= 2;

/**
 * Links that stand for other documents: a title's length, in a row with a date outside the link.
 * Returns the rows (li, tr, dd…) they stand in: a summary in such a row is the listed item's, not a body.
 */
export function listedItems(doc: Document, readsAsTitle: (text: string) => boolean): Element[] {
  const rows: Element[] = [];
  // A 待办 table opened by script has no title links: a row whose cell reads as a title beside a dated
  // cell is an item, whatever actions it links (办理, 催办). A row whose title is a link is read below.
  const titledLink = (row: Element) => Array.from(row.querySelectorAll('a')).some((l) => clean(l.textContent).length >= 6);
  for (const tr of Array.from(doc.querySelectorAll('tr'))) {
    const cells = Array.from(tr.children);
    if (titledLink(tr) || cells.length < 2) continue;
    const titled = cells.find((c) => readsAsTitle(clean(c.textContent)));
    if (titled && cells.some((c) => c !== titled && ROW_DATE.test(clean(c.textContent)))) rows.push(tr);
  }
  // …and so is a list entry without a link: a title, and beside it an element with its date.
  // Its siblings built the same way are entries of that list, whatever their titles read like.
  const datedPart = (li: Element) => Array.from(li.children).find((c) => ROW_DATE.test(clean(c.textContent)));
  // A link without an address (<a class="more">查看详情</a>, opened by script) is a button, not the entry's title link.
  const entry = (li: Element) => !li.querySelector('a[href]') && clean(li.textContent).length <= MAX_ITEM_CHARS && datedPart(li) !== undefined;
  const entries = new Set<Element>();
  for (const li of Array.from(doc.querySelectorAll('li, dd'))) {
    if (!entry(li)) continue;
    const dated = datedPart(li)!;
    if (!readsAsTitle(clean(clean(li.textContent).replace(clean(dated.textContent), '')))) continue;
    for (const sibling of [li, ...Array.from(li.parentElement?.children ?? [])]) if (sibling.tagName === li.tagName && entry(sibling)) entries.add(sibling);
  }
  rows.push(...entries);
  rows.push(...listedCards(doc, readsAsTitle));
  rows.push(...gridRows(doc));
  rows.push(...repeatedItems(doc, readsAsTitle));
  const titledLinks = (row: Element) => Array.from(row.querySelectorAll('a')).filter((l) => clean(l.textContent).length >= 6).length;
  for (const a of Array.from(doc.querySelectorAll('a'))) {
    // A row may be one link holding its title and, in an element of its own, its date (a mobile list's
    // <a><span class="t">…</span><span class="d">2026-04-07</span></a>): the title is the rest.
    const dateInside = Array.from(a.querySelectorAll('*')).find(dateOnlyLeaf);
    const text = clean(dateInside ? clean(a.textContent).replace(clean(dateInside.textContent), '') : a.textContent);
    if (text.length < 6 || text.length > 90) continue;
    if (dateInside) {
      rows.push(a.closest(ROW) ?? a);
      continue;
    }
    // Outside rows, only a link that reads as a document's title stands for a listed item (not a menu's).
    // A layout table's row around whole columns (an old site's sidebar of links beside its body) is no
    // one item's row: an item's row is short and holds one title's link.
    const closest = a.closest(ROW);
    const itemRow = closest && itemSized(closest) && titledLinks(closest) <= 1 ? closest : null;
    const row = itemRow ?? (readsAsTitle(text) ? datedContainer(a, text) : teaser(a, text));
    const around = row ? clean(row.textContent).replace(text, '') : '';
    if (ROW_DATE.test(around) || readsAsTitle(text)) rows.push(row ?? a);
  }
  // An item's siblings built the same way, each linking a title beside its date, are entries of the same
  // list, whatever their titles read like (a search hit titled 学校党委召开…推进会 among notices).
  const listed = new Set(rows);
  for (const row of [...listed]) {
    const make = makeOf(row);
    for (const sibling of Array.from(row.parentElement?.children ?? [])) {
      if (listed.has(sibling) || makeOf(sibling) !== make || !itemSized(sibling)) continue;
      const link = Array.from(sibling.querySelectorAll('a')).find((l) => clean(l.textContent).length >= 6);
      if (link && ROW_DATE.test(clean(sibling.textContent).replace(clean(link.textContent), ''))) listed.add(sibling);
    }
  }
  return [...listed];
}

/**
 * Whether a menu entry or a list's entry is marked as where the reader is (class active / selected /
 * current / on, alone or as part of a framework's class, aria-current, aria-selected): the entry the page shows.
 */
export const markedCurrent = (el: Element): boolean =>
  el.getAttribute('aria-selected') === 'true' ||
  el.hasAttribute('aria-current') ||
  (el.getAttribute('class') ?? '')
    .split(/\s+/)
    // Or a framework's word for it inside a longer class (current-row, ant-table-row-selected, item--active).
    .some((c) => /^(?:is-)?(?:cur|on)$/i.test(c) || c.split(/[-_]+/).some((part) => /^(?:active|selected|current)$/i.test(part)));

/** Characters a list item holds at most: a title, a summary, a date — not a document's body. */
const MAX_ITEM_CHARS = 400;
/**
 * Sentences a list item holds at most: a summary may run to two. A short notice's whole body (a 公示 of
 * a few paragraphs in one layout cell, its 附件 linked at the end) has more, and is the page's own prose.
 */
const MAX_ITEM_SENTENCES = 2;
export const itemSized = (el: Element) => {
  const text = clean(el.textContent);
  return text.length <= MAX_ITEM_CHARS && (text.match(/[。！？]/g)?.length ?? 0) <= MAX_ITEM_SENTENCES;
};
/** Siblings of one make that repeat at least this often are a list's items, not a page's parts. */
const FEWEST_REPEATS = 3;

/**
 * Each run of siblings of one make under each of `parents` (the blocks a list's entries, a feed's items or
 * a page's cards would be), three or more together; `keep` picks which children count.
 */
export function repeatedSiblings(doc: Document, parents: string, keep: (child: Element) => boolean = () => true): Element[][] {
  const runs: Element[][] = [];
  for (const parent of Array.from(doc.querySelectorAll(parents))) {
    const byMake = new Map<string, Element[]>();
    for (const child of Array.from(parent.children)) if (keep(child)) byMake.set(makeOf(child), [...(byMake.get(makeOf(child)) ?? []), child]);
    for (const group of byMake.values()) if (group.length >= FEWEST_REPEATS) runs.push(group);
  }
  return runs;
}

/** Blocks a message's content stands in: a bubble, a card, a paragraph — not a run of inline text. */
const CONTENT_BLOCK = 'div, p, section, article, blockquote, ul, ol, table, figure, a';
/**
 * A message's opening line: its first words (past an avatar, an icon, anything empty), who sent it or
 * when, short and no sentence (秦墨, 学生工作部 某某, 09:32, 2026-04-16 10:41).
 */
const opener = (el: Element) => {
  const first = Array.from(el.querySelectorAll('*')).find((c) => c.children.length === 0 && clean(c.textContent) !== '');
  const text = clean(first?.textContent);
  return first && text.length <= 16 && !/[：:，,。；;！？]/.test(text.replace(/\d:\d/g, '')) ? first : null;
};
/** A time, or a span of time (09:00 - 10:00, a calendar's event), with or without its day. */
const TIME_ONLY = /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[-–—~～至]\s*\d{1,2}:\d{2})?$/;

/** Characters a message holds at most: a post in a thread may run to a paragraph or two. */
const MAX_MESSAGE_CHARS = 800;
/** A timestamp: a day and a time (2026-4-13 08:40, 发表于 2026-04-13 08:40, 09-24 14:18), in a leaf of its own. */
const STAMP = /(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s+\d{1,2}:\d{2}/;
/** A chat's stamp: who sent it and when in the day (苏晓棠 10:21), the day in a divider over the messages. */
const SENDER_AND_TIME = /^\S.{0,16}\s\d{1,2}:\d{2}$/;
const stampOf = (el: Element) =>
  Array.from(el.querySelectorAll('*')).find((c) => {
    const text = clean(c.textContent);
    return c.children.length === 0 && text.length <= 24 && (STAMP.test(text) || SENDER_AND_TIME.test(text));
  });

/**
 * The messages of a conversation or of a message centre (a group chat, a 消息中心's cards, a thread's
 * posts, a calendar's events): three or more sibling blocks of one make, none longer than a post, either
 * - each opening with a short line of its own (of one make in all) before blocks of content, where what
 *   the line says tells a message from a page's section (文件信息 / 正文 / 附件, each opening with its
 *   heading): who speaks recurs in a conversation, and a message centre or a calendar opens each with its
 *   time, while a page's sections are named once each; or
 * - each stamped with its day and time in a leaf of its own, of one make in all (发表于 2026-4-13 08:40),
 *   as a page's sections are not.
 * What a message shows (a shared document's link card, a reminder quoting a 文号) is that document's,
 * not the page's.
 */
export function messages(doc: Document): Element[] {
  const sized = (el: Element) => clean(el.textContent).length <= MAX_MESSAGE_CHARS;
  const opens = (el: Element) => {
    const opening = opener(el);
    return (
      itemSized(el) &&
      opening !== null &&
      Array.from(el.querySelectorAll(CONTENT_BLOCK)).some((c) => c !== opening && !c.contains(opening) && clean(c.textContent) !== '')
    );
  };
  const opened = repeatedSiblings(doc, 'body, main, section, div, ul, ol', opens).filter((group) => {
    // What a message holds varies (a bubble, a file's card, a link's card); how it opens does not.
    if (new Set(group.map((el) => makeOf(opener(el)!))).size > 1) return false;
    const openings = group.map((el) => clean(opener(el)!.textContent));
    return openings.every((t) => TIME_ONLY.test(t)) || new Set(openings).size < openings.length;
  });
  const stamped = repeatedSiblings(doc, 'body, main, section, div, ul, ol', (el) => sized(el) && stampOf(el) !== undefined).filter(
    (group) => new Set(group.map((el) => makeOf(stampOf(el)!))).size === 1,
  );
  // A conversation's own messages are drawn by a class of their own beside the others' (ww_msg ww_msg_self
  // beside ww_msg), often without a sender's name: a sibling that shares the messages' first class is one.
  const kin = [...opened, ...stamped].flatMap((group) => {
    const base = (group[0]!.getAttribute('class') ?? '').split(/\s+/)[0];
    if (!base) return [];
    // …modified in the block's own way (ww_msg_self, msg--self), not merely sharing a word of its class.
    const modifies = (el: Element) => {
      const classes = (el.getAttribute('class') ?? '').split(/\s+/);
      return classes.includes(base) && classes.some((c) => c.startsWith(`${base}_`) || c.startsWith(`${base}-`));
    };
    return Array.from(group[0]!.parentElement?.children ?? []).filter((el) => el.tagName === group[0]!.tagName && modifies(el) && itemSized(el));
  });
  return [...new Set([...opened, ...stamped].flat().concat(kin))];
}

/**
 * Whether two of `group` name the same document (an archive's 著录信息 card and its 电子文件 card, each
 * with the title): then they are sections of that document's page, since a list names each record once.
 */
function nameOneDocument(group: readonly Element[], readsAsTitle: (text: string) => boolean): boolean {
  const seen = new Set<string>();
  return group.some((el) => {
    const titles = new Set(
      Array.from(el.querySelectorAll('*'))
        .filter((c) => c.children.length === 0)
        .map((c) => clean(c.textContent).replace(FILING_TAG, ''))
        .filter(readsAsTitle),
    );
    const again = [...titles].some((title) => seen.has(title));
    for (const title of titles) seen.add(title);
    return again;
  });
}

/**
 * Items without links (a portal's portlet opened by script, search hits in <div>s): sibling elements
 * of one make (tag and class), three or more, each short as an item is, holding an element that reads
 * as a title and a date beside it.
 */
function repeatedItems(doc: Document, readsAsTitle: (text: string) => boolean): Element[] {
  const items: Element[] = [];
  const isItem = (el: Element) => {
    const all = clean(el.textContent);
    if (all.length > MAX_ITEM_CHARS || el.querySelector('a')) return false;
    const titled = Array.from(el.querySelectorAll('*')).find((c) => c.children.length <= 2 && readsAsTitle(clean(c.textContent).replace(FILING_TAG, '')));
    return titled !== undefined && stamped(all.replace(clean(titled.textContent), ''), el);
  };
  // Its siblings built alike, each short and dated, are entries of the same list whatever their titles
  // read like (【教务处】…补考安排 beside 【学工部】关于…的通知).
  // Such a list stamps what came today with its time alone (09:42, 昨天 17:26), the rest with their day.
  const dated = (el: Element) => itemSized(el) && !el.querySelector('a') && stamped(clean(el.textContent), el);
  for (const group of repeatedSiblings(doc, 'body, main, article, section, div, td, ul, ol, dl, table, tbody')) {
    const found = group.filter(isItem);
    if (nameOneDocument(found, readsAsTitle)) continue;
    if (found.length >= FEWEST_REPEATS) items.push(...found);
    else if (found.length > 0 && group.every(dated) && alike(group)) items.push(...group);
  }
  return items;
}

/**
 * The dated rows of tables whose header row names their columns (序号 | 步骤名称 | 办理人 | 接收时间…),
 * three or more under it: each row is one record — a list's entry, a step of a flow, a meeting of a
 * schedule — not a field of the page. `marked`: only a header the markup says is one (<th> cells, or a
 * row in <thead>); a form's row of short labels and values (拟稿单位 | 党政办 | 拟稿人 | 某某) reads
 * like a header otherwise.
 */
export function datedTableRows(doc: Document, marked = false): Element[] {
  const rows: Element[] = [];
  const ownRows = (table: Element) => Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
  const isHeader = (tr: Element) => {
    const cells = Array.from(tr.children);
    // Marked as a header: <th> cells, a row in <thead>, or a row its class names one (通达's TableHeader).
    if (marked && tr.parentElement?.tagName !== 'THEAD' && !cells.every((c) => c.tagName === 'TH') && !/head/i.test(tr.getAttribute('class') ?? ''))
      return false;
    return cells.length >= 3 && cells.every((c) => c.tagName === 'TH' || (clean(c.textContent).length <= 8 && !/\d/.test(clean(c.textContent))));
  };
  const tables = Array.from(doc.querySelectorAll('table'));
  for (const [i, table] of tables.entries()) {
    const all = ownRows(table);
    const header = all.findIndex(isHeader);
    // A grid whose header stays put while its body scrolls (Element UI, Ant Design, layui) draws the two
    // as tables of their own, one after the other: the header table's columns are the body's.
    const before = i > 0 && header < 0 ? tables[i - 1]! : null;
    const headerTable = before && !before.contains(table) && ownRows(before).length === 1 && isHeader(ownRows(before)[0]!) ? before : null;
    const columns = headerTable ? ownRows(headerTable)[0]!.children.length : 0;
    if (header < 0 && !(headerTable && all.length > 0 && all.every((tr) => tr.children.length === columns))) continue;
    const dated = all.slice(header + 1).filter((tr) => tr.children.length >= 3 && Array.from(tr.children).some((c) => ROW_DATE.test(clean(c.textContent))));
    if (dated.length >= FEWEST_REPEATS) rows.push(...dated);
  }
  return rows;
}

/** What compareDocumentPosition says of a node that comes after the one asked. */
const FOLLOWS = 4;

/**
 * Whether records follow `el` on the page: two or more entries of one make side by side (a table's rows,
 * a card's items), at least half of them holding a day — a log of payments, of doses, of draws from a pool.
 */
export function recordsFollow(el: Element, { rightAfter = false } = {}): boolean {
  // `rightAfter`: the entries stand in the block next to it (a caption over its list), or are that block and its siblings.
  const next = el.nextElementSibling;
  const near = (parent: Element) => next !== null && (parent === el.parentElement || next.contains(parent));
  for (const parent of Array.from(el.ownerDocument.querySelectorAll('table, tbody, ul, ol, dl, div, section'))) {
    if (rightAfter && !near(parent)) continue;
    // Per make, the entries after it and those dated: a form's rows are dated here and there (谈话时间：…),
    // a log's nearly all (a header row apart).
    const entries = new Map<string, { all: number; dated: number }>();
    for (const child of Array.from(parent.children)) {
      // Entries after it: a parent may hold the heading too (a section: its head, then its entries).
      if (!(el.compareDocumentPosition(child) & FOLLOWS) || child.contains(el)) continue;
      const count = entries.get(makeOf(child)) ?? { all: 0, dated: 0 };
      count.all++;
      if (itemSized(child) && ROW_DATE.test(clean(child.textContent))) count.dated++;
      entries.set(makeOf(child), count);
    }
    for (const { all, dated } of entries.values()) if (dated >= 2 && 2 * dated >= all) return true;
  }
  return false;
}

/** How an entry of a log opens: its day, in figures, and often its time (2026-05-20 15:02 入库验收：…). */
const OPENS_WITH_DAY = /^\s*(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2})?(?=\s|[\u4e00-\u9fa5])/;
/** A day with its time of day (2026-04-02 10:12), as a system stamps a step it recorded. */
const DAY_AND_TIME = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*\d{1,2}:\d{2}/;

/**
 * The entries of a log (an operation history, a flow's timeline, a diary of events): the items of a
 * list, three or more of them and at least half, opening with their day or stamped with a day and a time.
 * Each records something done (or, undated, still to do), not a document.
 */
export function datedEntries(doc: Document): Element[] {
  const entries: Element[] = [];
  for (const list of Array.from(doc.querySelectorAll('ul, ol'))) {
    const items = Array.from(list.children).filter((li) => li.tagName === 'LI');
    const dated = items.filter((li) => itemSized(li) && (OPENS_WITH_DAY.test(clean(li.textContent)) || DAY_AND_TIME.test(clean(li.textContent))));
    if (dated.length >= FEWEST_REPEATS && 2 * dated.length >= items.length) entries.push(...items);
  }
  return entries;
}

/**
 * A list view's grid (a 台账 of problems, a register of requests): dated table rows under a header
 * (datedTableRows) on a page with the controls a list view has to page through or query it (上一页,
 * 共 46 条, 查询). A notice's schedule table has dated rows too, but no pager and no query.
 */
const gridRows = (doc: Document): Element[] => (hasListControls(doc) ? datedTableRows(doc) : []);

/** A list view's pager (上一页, 第 1/8 页, 共 46 条) or its query button (查询, 搜索). */
export function hasListControls(doc: Document): boolean {
  const text = clean(doc.body?.textContent);
  // A count may be grouped in thousands (共 1,286 条).
  if (/上一页|下一页|尾页|末页|第\s*\d+\s*\/\s*\d+\s*页|共\s*\d[\d,，]*\s*(?:条|页|项)/.test(text)) return true;
  return Array.from(doc.querySelectorAll('button, input[type="submit" i], input[type="button" i]')).some((b) =>
    /^(?:查\s*询|搜\s*索|检\s*索|筛\s*选)$/.test(clean(b.textContent || b.getAttribute('value') || '')),
  );
}

/**
 * A mobile list's cards (an approvals or 待办 list in 企业微信, 钉钉): entries of one make (list items or
 * blocks of one class), three or more, each short and dated, each several lines (who asked, what, a
 * summary, when, its state). One card may summarise a document under its labels (文件标题：…, 文号：…);
 * those are that card's. A form laid out in rows has a row per field or two, and not every one is dated.
 */
/** A mobile list's cell may be the link itself (<a class="weui-cell" href="#/detail/1187">, its title and dates inside). */
const CARD_TAGS = new Set(['LI', 'DIV', 'SECTION', 'ARTICLE', 'A']);
/** A document's title or number under its label (文件标题：…, 拟发文号：…, 文件编号：…). */
const DOCUMENT_LABEL = /(?:标题|文号|字号|编号)\s*[：:]/;
/** The same label standing alone in an element of its own, its value in the next (a card's key / value spans). */
const DOCUMENT_LABEL_ALONE = /^(?:文件|公文|拟发)?(?:标题|文号|字号|发文字号|编号)$/;

/**
 * A list's entries are built alike (a type, a title, then rows); a form's sections are not (its 单据信息,
 * 公文要素 and 正文 each hold something else under their headings): two thirds of the entries at least
 * begin with the same makes of child.
 */
export function alike(group: readonly Element[]): boolean {
  const opening = (el: Element) => Array.from(el.children).slice(0, 2).map(makeOf).join(' ');
  const counts = new Map<string, number>();
  for (const el of group) counts.set(opening(el), (counts.get(opening(el)) ?? 0) + 1);
  return Math.max(...counts.values()) * 3 >= group.length * 2;
}

/** Whether the page holds a run of three or more sibling blocks of one make, built alike, each no longer than an item. */
function alikeBlocks(doc: Document): boolean {
  return repeatedSiblings(doc, 'body, main, section, div, ul, ol').some(
    (group) => group.every((el) => el.children.length >= 2 && itemSized(el)) && alike(group),
  );
}

function listedCards(doc: Document, readsAsTitle: (text: string) => boolean): Element[] {
  const cards: Element[] = [];
  const lines = (el: Element) => Array.from(el.querySelectorAll('*')).filter((c) => c.children.length === 0 && clean(c.textContent) !== '').length;
  // A card summarises its record in two sentences at most; a framework's card that holds a body (a detail
  // page's 文件信息 / 正文 / 阅读记录 cards, built alike) is a section of one document.
  const isCard = (li: Element) => itemSized(li) && ROW_DATE.test(clean(li.textContent)) && lines(li) >= 3;
  // A sign trail's steps are dated cards too (who, what, when): only cards that summarise a document
  // under its labels are where facts could be taken from the wrong record.
  // Or by its title alone, a line of its own that reads as a document's (a message centre's 【待签发】关于…的通知).
  const summarisesDocument = (card: Element) =>
    DOCUMENT_LABEL.test(clean(card.textContent)) ||
    Array.from(card.querySelectorAll('*')).some(
      (c) => c.children.length === 0 && (DOCUMENT_LABEL_ALONE.test(clean(c.textContent)) || readsAsTitle(clean(c.textContent).replace(FILING_TAG, ''))),
    );
  for (const group of repeatedSiblings(doc, 'ul, ol, div, section, main, body', (li) => CARD_TAGS.has(li.tagName))) {
    if (group.every(isCard) && alike(group) && group.some(summarisesDocument) && !nameOneDocument(group, readsAsTitle)) cards.push(...group);
  }
  return cards;
}

/**
 * The element that stands for one listed item when the list is not made of rows (a search hit's
 * <div>, with the link in an <h3> and the date in a <span>): the nearest ancestor, up to three
 * levels, that holds a date beside the link and is no longer than an item. An item links one
 * document: an element holding links named in words to others (a short post's attachments and its
 * 上一条/下一条 under its byline) is the page around them, not an item.
 */
function datedContainer(a: Element, text: string): Element | null {
  let el = a.parentElement;
  for (let level = 0; el && el !== a.ownerDocument.body && level < 3; level++, el = el.parentElement) {
    const all = clean(el.textContent);
    if (all.length > MAX_ITEM_CHARS) return null;
    if (Array.from(el.querySelectorAll('a')).filter((link) => (clean(link.textContent).match(/[\u4e00-\u9fa5]/g)?.length ?? 0) >= 6).length > 1) return null;
    if (ROW_DATE.test(all.replace(text, ''))) return el;
  }
  return null;
}

/** An element holding a date and nothing else (<span class="date">2026-04-10</span>, <em>04-10</em>). */
const dateOnlyLeaf = (el: Element) => {
  const t = clean(el.textContent);
  return el.children.length === 0 && t.length <= 20 && ROW_DATE.test(t) && t.replace(/[\d\s年月日:/.-]/g, '') === '';
};

/**
 * A headline's teaser (a portal's focus item: its linked headline, a summary, and its date in an element
 * of its own) is a listed item, whatever the headline reads like: the summary is the listed story's, not
 * the page's prose. The date element outside the link is what tells it from a menu's link, and the
 * headline coming first what tells it from a short body with a link inside.
 */
function teaser(a: Element, text: string): Element | null {
  const container = datedContainer(a, text);
  // The headline leads its teaser; a link further in (an attachment under a short notice, its 落款's
  // date on a line of its own) is part of a body.
  if (!container || !clean(container.textContent).startsWith(text)) return null;
  return Array.from(container.querySelectorAll('*')).some((el) => !a.contains(el) && dateOnlyLeaf(el)) ? container : null;
}

/** Characters of text outside links and listed rows in blocks that hold at least one sentence, plus text areas' values. */
function proseChars(doc: Document, listedRows: ReadonlySet<Element>): number {
  const byBlock = new Map<Element, string>();
  const walk = (node: Node, block: Element) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        byBlock.set(block, (byBlock.get(block) ?? '') + (child.textContent ?? ''));
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (SKIPPED.has(el.tagName) || listedRows.has(el)) continue;
        if (el.tagName === 'TEXTAREA') {
          byBlock.set(el, (el as HTMLTextAreaElement).value || el.textContent || '');
          continue;
        }
        const style = el.getAttribute('style') ?? '';
        if (el.hasAttribute('hidden') || /display\s*:\s*none/i.test(style)) continue;
        // A framework's own elements (<uni-view>, <van-cell>) stand for its blocks.
        walk(el, /^(P|DIV|TD|LI|ARTICLE|SECTION|PRE|BLOCKQUOTE|DD)$/.test(el.tagName) || el.tagName.includes('-') ? el : block);
      }
    }
  };
  if (doc.body) walk(doc.body, doc.body);
  let total = 0;
  for (const text of byBlock.values()) {
    const t = clean(text);
    if (readsAsProse(t) || LATIN_SENTENCE.test(t)) total += chineseWeight(t);
  }
  return total;
}

/** A sentence of a Latin-script language (an English mirror's paragraph, an error page's message). */
const LATIN_SENTENCE = /[a-z]{2}[.!?](?:\s|$)/;
/**
 * A text's length in characters of Chinese: a word of English says about what a character does, so a
 * Latin letter (or a space between Latin words) counts a third of one.
 */
const chineseWeight = (text: string) => {
  const latin = text.match(/[A-Za-z0-9 ]/g)?.length ?? 0;
  return text.length - latin + Math.round(latin / 3);
};

/** Whether the page holds a body of prose of its own, outside the rows that list other documents (and `besides`). */
export function holdsProse(doc: Document, readsAsTitle: (text: string) => boolean, besides: readonly Element[] = []): boolean {
  return proseChars(doc, new Set([...listedItems(doc, readsAsTitle), ...besides])) >= MIN_PROSE_CHARS;
}

/**
 * A master list beside its detail (an archive's records, the one selected shown in a panel beside them):
 * an entry marked as selected whose title the page shows again outside the list, with another of its
 * values (its 文号, its date) — a detail repeats the entry's fields, where a headline elsewhere on a
 * list page repeats its title alone. The page shows that entry.
 */
export function showsSelectedEntry(doc: Document, rows: readonly Element[], readsAsTitle: (text: string) => boolean): boolean {
  const leaves = (root: Element) =>
    Array.from(root.querySelectorAll('*'))
      .filter((el) => el.children.length === 0)
      .map((el) => ({ el, text: clean(el.textContent) }));
  const selected = rows.find(markedCurrent);
  if (!selected || !doc.body) return false;
  const values = leaves(selected);
  const titles = new Set(values.filter((v) => readsAsTitle(v.text)).map((v) => v.text));
  const others = new Set(values.filter((v) => v.text.length >= 4 && !titles.has(v.text)).map((v) => v.text));
  const outside = leaves(doc.body).filter((v) => !rows.some((row) => row.contains(v.el)));
  return outside.some((v) => titles.has(v.text)) && outside.some((v) => others.has(v.text));
}

const NUMBER_LABEL_SET: ReadonlySet<string> = new Set(NUMBER_LABELS);
const TITLE_LABEL_SET: ReadonlySet<string> = new Set(TITLE_LABELS);

/**
 * A record's detail above a list of its neighbours (an archive's 条目详情 over its 同盒文件): the page
 * states a 文号 or a title under its label, in an element of its own outside the listed rows. A list
 * states none outside its rows: its header's 文号 names a column, and its search form's fields are empty.
 */
function labelsOwnDocument(doc: Document, rows: readonly Element[], readsAsTitle: (text: string) => boolean): boolean {
  return Array.from(doc.querySelectorAll('dt, th, td, label, span, div, b, strong')).some((el) => {
    if (el.children.length > 0 || rows.some((row) => row.contains(el))) return false;
    const label = labelText(el);
    const value = el.nextElementSibling && el.nextElementSibling.tagName !== 'TH' ? clean(el.nextElementSibling.textContent) : '';
    if (!value) return false;
    if (NUMBER_LABEL_SET.has(label)) return (findDocNumber(value) ?? lineDocNumber(value)) !== null;
    return TITLE_LABEL_SET.has(label) && readsAsTitle(value);
  });
}

/**
 * Whether the page shows what a search found: two or more blocks that mark, in <em> or <mark>, words of
 * the query standing in one of its boxes (a search page highlights the words it matched).
 */
function marksQuery(doc: Document): boolean {
  const queries = Array.from(doc.querySelectorAll('input'))
    .filter((input) => /^(?:text|search|)$/i.test(input.getAttribute('type') ?? ''))
    .map((input) => clean((input as HTMLInputElement).value ?? input.getAttribute('value') ?? ''))
    .filter((query) => query.length >= 2);
  if (!queries.length) return false;
  const blocks = new Set<Element>();
  for (const mark of Array.from(doc.querySelectorAll('em, mark'))) {
    const word = clean(mark.textContent);
    // The marked words may be more than a term of the query (学士学位外语考试 for 学位外语考试), or fewer.
    const matched = queries.some((query) => query.split(/\s+/).some((term) => term.length >= 2 && (term.includes(word) || word.includes(term))));
    if (word.length >= 2 && matched && mark.parentElement) blocks.add(mark.parentElement);
  }
  return blocks.size >= 2;
}

/** True when the page lists documents and shows none of its own. */
export function listsOthersOnly(doc: Document, readsAsTitle: (text: string) => boolean): boolean {
  const rows = listedItems(doc, readsAsTitle);
  // A page that counts its search results (找到约 23 条结果) lists them, however few read as titles: each
  // hit is a link with its date beside it.
  // So does one that marks the words of its query (淞原工商大学 学位外语考试, in its search box) in what it found.
  if (marksQuery(doc)) return true;
  if (LEXICONS.searchResults.test(clean(doc.body?.textContent).slice(0, 2000))) {
    const hits = Array.from(doc.querySelectorAll('a')).filter((a) => {
      const text = clean(a.textContent);
      return text.length >= 6 && text.length <= 90 && datedContainer(a, text) !== null;
    });
    if (Math.max(rows.length, hits.length) >= 2) return true;
    // …or one hit reads as a listed title and its siblings built alike each link a hit of their own,
    // whatever their titles read like and wherever their dates stand (a row of its own under each).
    const alikeHits = rows.flatMap((row) =>
      siblingsAlike(row).filter((sibling) => Array.from(sibling.querySelectorAll('a')).some((l) => clean(l.textContent).length >= 6)),
    );
    if (new Set(alikeHits).size >= 2) return true;
    // …or its hits are blocks built alike, with neither links nor dates (a cloud drive's search).
    if (alikeBlocks(doc)) return true;
  }
  // An empty list view (its query and pager, and 暂无数据 where the rows would be) lists nothing of its own.
  if (hasListControls(doc) && /暂无数据|暂无记录|没有(?:相关|符合条件的)?(?:数据|记录)|共\s*0\s*条/.test(clean(doc.body?.textContent))) return true;
  if (rows.length < FEWEST_LISTED_ITEMS || showsSelectedEntry(doc, rows, readsAsTitle) || labelsOwnDocument(doc, rows, readsAsTitle)) return false;
  const prose = proseChars(doc, new Set(rows));
  // A short list (four search hits) is a list when nothing outside its rows is prose at all.
  return prose === 0 || (rows.length >= MIN_LISTED_ITEMS && prose < MIN_PROSE_CHARS);
}

/**
 * True for a sign-in page (统一身份认证, a system's 登录 page): a password field sent by a 登录 button,
 * and no prose outside that box — its heading and its notices are the system's. A password asked to
 * seal a document (签章密码) is sent by another button, and a document's page with a 用户登录 box in
 * its sidebar has the document's prose.
 */
/**
 * Prose a sign-in page may hold around its box: a system notice and a few lines of help (初始密码…,
 * 系统公告：…升级) run to a few sentences; a document's body beside a login box runs longer.
 */
const SIGN_IN_MAX_PROSE_CHARS = 200;

export function isSignInPage(doc: Document): boolean {
  const SIGN_IN = /登\s*录|登\s*入|log\s*in|sign\s*in/i;
  // A button may be a component of the page's framework (<uni-button>, <van-button>, role="button").
  const isButton = (b: Element) =>
    b.tagName === 'BUTTON' ||
    b.tagName === 'A' ||
    b.tagName.endsWith('-BUTTON') ||
    b.getAttribute('role') === 'button' ||
    (b.tagName === 'INPUT' && /^(?:submit|button)$/i.test(b.getAttribute('type') ?? ''));
  const signsIn = (el: Element) =>
    Array.from(el.querySelectorAll('*')).some((b) => isButton(b) && SIGN_IN.test(b.textContent || b.getAttribute('value') || ''));
  for (const field of Array.from(doc.querySelectorAll('input[type="password" i]'))) {
    // The smallest block around the field that holds its button is the sign-in box.
    let box = field.parentElement;
    while (box && box !== doc.body && !signsIn(box)) box = box.parentElement;
    if (box && signsIn(box) && proseChars(doc, new Set([box])) < SIGN_IN_MAX_PROSE_CHARS) return true;
  }
  return false;
}

/** A sex given as a field's value (性别：女, or 性别 | 男 in cells side by side). */
const SEX_STATED = /(?:^|\s)性\s*别\s*[：:]\s*[男女](?![\u4e00-\u9fa5])/;
const SEX_LABEL = /^性\s*别\s*[：:]?$/;

/**
 * Whether the page states one person's particulars: their sex as a field's value (a report of a health
 * check, a transcript, a profile, a member's card). It shows that person's record; an official document
 * lists people in a table's columns (姓名 | 性别 | 出生年月, a 公示) but never labels one's sex.
 */
export function isPersonalRecord(doc: Document, lines: readonly string[]): boolean {
  if (lines.some((line) => SEX_STATED.test(line))) return true;
  for (const el of Array.from(doc.body?.querySelectorAll('*') ?? [])) {
    if (el.children.length > 0 || !SEX_LABEL.test(clean(el.textContent))) continue;
    // The label may sit alone in a wrapper of its own (<div><label>性别</label></div><div>女</div>).
    let label: Element = el;
    while (!label.nextElementSibling && label.parentElement && label.parentElement.children.length === 1) label = label.parentElement;
    if (/^[男女]$/.test(clean(label.nextElementSibling?.textContent))) return true;
  }
  return false;
}

/** Labels of the facts one document states once: its 文号 and its issuer. */
const ONCE_PER_DOCUMENT: ReadonlyArray<{ labels: readonly string[]; value: (text: string) => string | null }> = [
  // Under its label a 文号 may go without the year in brackets (某委字第147号).
  { labels: NUMBER_LABELS, value: (text) => findDocNumber(text) ?? (/^\S{2,20}第?\d{1,5}号$/.test(clean(text)) ? clean(text) : null) },
  { labels: [...ISSUER_LABELS, ...SOURCE_LABELS], value: (text) => /^[\u4e00-\u9fa5（）()]{2,30}/.exec(clean(text))?.[0] ?? null },
];

const inlineLabel = (labels: readonly string[]) => new RegExp(`(?:^|\\t|\\s)(${labels.join('|')})\\s*[：:]\\s*([^\\t\\s]+)`, 'g');

/**
 * True when the page states one of a document's once-only facts (its 文号, its issuer) under the same
 * label with two or more different values: a batch print of several documents, search results that
 * label each hit's 文号 or 来源. Each fact then belongs to one of them, so the page has none of its own.
 * (A 文号 cited in a body is not labelled, and a received document's registration number has a label
 * of its own, so one document's page states each once.)
 */
export function statesSeveralDocuments(doc: Document, lines: readonly string[]): boolean {
  const cells = Array.from(doc.querySelectorAll('td, th, dt'));
  for (const { labels, value } of ONCE_PER_DOCUMENT) {
    const seen = new Map<string, Set<string>>();
    const note = (label: string, text: string | null | undefined) => {
      const v = text ? value(text) : null;
      if (!v) return false;
      const values = seen.get(label) ?? new Set<string>();
      seen.set(label, values.add(v));
      return values.size >= 2;
    };
    const wanted = new Set(labels);
    for (const cell of cells) {
      const label = labelText(cell);
      if (!wanted.has(label)) continue;
      // A column's header beside the next one's (标题 | 文号 | 来文单位 | 收文日期) labels no value of its own.
      const beside = cell.nextElementSibling;
      if (beside && beside.tagName !== 'TH' && note(label, visibleText(beside))) return true;
      // A 文号 header over a column (序号 | 名称 | 文号 | 成文日期): every row below states a document's number —
      // on a page that is that table; a regulation's page may end with a table of its earlier versions.
      // Unless the page labels a 文号 of its own outside that table: a record's detail over its neighbours.
      if (labels === NUMBER_LABELS && tableIsThePage(cell) && !labelsOwnDocument(doc, [cell.closest('table')!], () => false))
        for (const value of columnBelow(cell)) if (note(label, value)) return true;
    }
    // A label in an element of its own, its value in the next (a detail list's <span class="k">文号</span><span class="v">…</span>).
    for (const el of Array.from(doc.querySelectorAll('span, div, label, b, strong, em'))) {
      if (el.children.length > 0 || !wanted.has(labelText(el))) continue;
      // The text right after the label (<b>发文单位：</b>某学院), else the next element when it is no label itself.
      let after = '';
      for (let n = el.nextSibling; n && n.nodeType === 3; n = n.nextSibling) after += n.textContent ?? '';
      const next = el.nextElementSibling;
      const value = clean(after) || (next && !/[：:]\s*$/.test(clean(next.textContent)) ? visibleText(next) : '');
      if (value && note(labelText(el), value)) return true;
    }
    const inline = inlineLabel(labels);
    for (const line of lines) for (const m of line.matchAll(inline)) if (note(m[1]!, m[2])) return true;
  }
  return false;
}

/** Whether the table around `cell` is what the page shows: outside it, no body of prose. */
function tableIsThePage(cell: Element): boolean {
  const table = cell.closest('table');
  return table !== null && proseChars(cell.ownerDocument, new Set([table])) < MIN_PROSE_CHARS;
}

/**
 * The texts of the cells under a header cell, row after row, in its column — when its row is a header
 * row (every cell a short label, no values): a form's label cell has other fields below it, not a column.
 */
function columnBelow(cell: Element): string[] {
  const row = cell.parentElement?.tagName === 'TR' ? cell.parentElement : null;
  if (!row) return [];
  // A header row names columns (序号 | 名称 | 文号 | 成文日期): three or more short cells, no values (no digits).
  const cells = Array.from(row.children);
  const isHeader = cells.length >= 3 && cells.every((c) => c.tagName === 'TH' || (labelText(c).length <= 6 && !/\d/.test(labelText(c))));
  if (!isHeader) return [];
  const index = Array.from(row.children).indexOf(cell);
  // The rows below may stand in the table's next section (a <thead> over a <tbody>).
  const table = row.closest('table');
  const rows: Element[] = table ? Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table) : [];
  const out: string[] = [];
  for (const next of rows.slice(rows.indexOf(row) + 1, rows.indexOf(row) + 51)) {
    const under = next.children[index];
    if (under) out.push(visibleText(under));
  }
  return out;
}
