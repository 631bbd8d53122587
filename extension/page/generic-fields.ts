/**
 * The generic layer of the page readers: labelled fields and the 落款 on any page, before any vendor
 * adapter. A label is matched whole (资料来源 is not 来源), and its value stops where its cell, its
 * definition or its line stops. Pure functions of a Document.
 */
import { normalizeDate } from './dates';
import { LEXICONS } from './lexicons';
import { makeOf } from './element-make';
import { clean, lineDocNumber, visibleText, withoutAside } from './labelled-fields';
import { hiddenChecker, unrendered } from './hidden';
import { textLayers } from './text-layer';

/** Where a name's aside is cut off: defined beside the 文号 readers, which need it too. */
export { withoutAside };

/**
 * Labels of each fact, in precedence order. The document's date is its 成文日期 (a labelled one, else
 * the 落款's, which GB/T 9704 makes the 成文日期), over the day it was published or printed.
 */
export const ISSUER_LABELS = [
  // Who sent, issued or published it (发文, 来文, 发布), whatever the system calls a unit (机关, 单位, 部门, 机构).
  ...['发文', '来文', '发布'].flatMap((act) => ['机关', '单位', '部门', '机构'].map((unit) => `${act}${unit}`)),
  '所属部门',
  '所在部门',
  '责任部门',
  '督办单位',
] as const;
/**
 * Labels that say where a post came from rather than who issued the document: a site's 来源 may be a
 * division of the issuing body, and 主办单位 in a body names an event's organisers. The 落款 outranks them.
 */
export const SOURCE_LABELS = ['信息来源', '来源', '主办单位'] as const;
/** Who posted it: an account, often a person's (系统管理员, admin); a unit's name only now and then. */
export const POSTER_LABELS = ['发布者', '发布人'] as const;
/** A 收文 form gives the incoming document's own date as 来文日期, beside its 来文字号 and 来文单位. */
export const WRITTEN_DATE_LABELS = ['成文日期', '成文时间', '来文日期'] as const;
/**
 * The day a 发文 form says the document went out: its 成文日期 when the page shows nothing else, but a
 * print view's 落款 (GB/T 9704's 成文日期) outranks it, as it outranks a 签发日期 — it may be a day later.
 */
export const SENT_DATE_LABELS = ['发文日期'] as const;
/**
 * The day a leader signed the draft off. GB/T 9704 makes it the 成文日期, but a form's 签发 trail is
 * often not what was printed: the 落款 on the document outranks it.
 */
export const SIGNED_OFF_DATE_LABELS = ['签发日期'] as const;
/**
 * A field labelled just 日期 on a document's own form is its date; which one, the label does not say.
 * A 督办通知单 is dated by its 督办日期 (its 督办单位 issues it).
 */
export const PLAIN_DATE_LABELS = ['日期', '督办日期'] as const;
/**
 * A record of an activity (走访, 谈话, 会议) is dated by the activity, as its form labels it; a notice of
 * one is not (the meeting is to come), so a 发布 date outranks it, as a 成文日期 or a 落款 does.
 */
export const ACTIVITY_DATE_LABELS = ['走访日期', '谈话日期', '会议日期', '活动日期', '走访时间', '谈话时间', '会议时间', '活动时间'] as const;
/** Days the page was put out or last touched: the document's date only when it states no other. */
export const PUBLISHED_DATE_LABELS = ['印发日期', '发布日期', '公布日期', '发布时间', '公布时间', '时间', '最后修改时间', '修改时间', '更新时间'] as const;
/**
 * A 收文 (received document) form numbers the document twice: its own 文号 as 来文字号 (原文号), and the
 * office's registration as 收文编号. The document's 文号 is the first; the registration is no label here.
 * A page that labels both its own 文号 (发文字号, 文号) and a 来文字号 issues a document of its own about the
 * one it received (a 转发): its own comes first, as 发文单位 comes before 来文单位 and 成文日期 before 来文日期.
 */
/** A form's own field for the document's title: on a 发文稿纸 the heading is the form's name, this is the document's. */
export const TITLE_LABELS = ['文件标题', '公文标题', '标题', '文件名称', '主题'] as const;
/** A meeting's name: the title of its notice only when the page shows no title of its own. */
export const MEETING_TITLE_LABELS = ['会议名称'] as const;
/**
 * An archive's description of a record (DA/T 18 档案著录规则; DA/T 22's 归档文件目录 has the same columns):
 * its 题名 and 责任者 are a document's title and issuer when it describes a document. A library catalogue
 * uses the same words for a book and its author, so the reader takes them only when the 题名 names an
 * official document's kind. Its 文件编号 and 日期 are labels of their own above and below.
 */
export const ARCHIVAL_TITLE_LABELS = ['题名', '正题名'] as const;
export const ARCHIVAL_ISSUER_LABELS = ['责任者'] as const;
export const NUMBER_LABELS = ['发文字号', '发文文号', '文号', '来文字号', '来文文号', '原文字号', '原文号', '字号', '编号', '文件编号'] as const;

const BLOCK = /^(P|DIV|TR|LI|UL|OL|TABLE|TBODY|H[1-6]|DL|DT|DD|SECTION|ARTICLE|HEADER|FOOTER|BLOCKQUOTE|PRE|FORM|CENTER)$/;

/** The body's text as lines: a block element, a <br> or a preformatted newline ends a line; table cells are kept apart by a tab. */
const wrapsCell = (el: Element): boolean => {
  const cell = el.parentElement;
  return (
    el.tagName === 'DIV' &&
    !!cell &&
    (cell.tagName === 'TD' || cell.tagName === 'TH') &&
    cell.children.length === 1 &&
    Array.from(cell.childNodes).every((n) => n === el || (n.nodeType === 3 && clean(n.textContent) === ''))
  );
};

/** Cells a row of a grid drawn in <div>s holds at least (a spreadsheet's, a data grid's). */
const FEWEST_GRID_CELLS = 4;

/**
 * The rows of grids drawn without a <table> (an online spreadsheet's sheet-row of sheet-cells): three or
 * more sibling blocks of one make, each holding four or more leaf cells of one make and nothing else.
 */
export function divGridRows(root: Element): Set<Element> {
  const rows = new Set<Element>();
  const isRow = (el: Element) => {
    const cells = Array.from(el.children);
    return (
      el.tagName !== 'TR' &&
      cells.length >= FEWEST_GRID_CELLS &&
      cells.every((c) => c.children.length === 0 && c.tagName !== 'P' && makeOf(c) === makeOf(cells[0]!)) &&
      Array.from(el.childNodes).every((n) => n.nodeType !== 3 || clean(n.textContent) === '')
    );
  };
  for (const parent of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const byMake = new Map<string, Element[]>();
    for (const child of Array.from(parent.children)) if (isRow(child)) byMake.set(makeOf(child), [...(byMake.get(makeOf(child)) ?? []), child]);
    for (const group of byMake.values()) if (group.length >= 3) for (const row of group) rows.add(row);
  }
  return rows;
}

/** An element styled to keep its newlines (white-space: pre, pre-wrap, pre-line), as a message's text is. */
const PRE_STYLE = /white-space\s*:\s*pre/i;

/**
 * Whether `el` keeps the newlines of its text by a style sheet's rule (.notice-content{white-space:pre-wrap},
 * as a 钉钉 notice's body is shown): asked only of text that holds a line break between words, since
 * computing a style costs more than reading markup.
 */
function keepsNewlines(el: Element): boolean {
  try {
    return /^pre/.test(el.ownerDocument.defaultView?.getComputedStyle?.(el).whiteSpace ?? '');
  } catch {
    // A parser without styles: the markup's inline style was asked already.
    return false;
  }
}

export function textLines(root: Element | null | undefined): string[] {
  if (!root) return [];
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const text = clean(line);
    if (text) out.push(text);
    line = '';
  };
  // A viewer's page of positioned runs (pdf.js, OFD) reads as its lines by position, not by markup.
  const layers = textLayers(root);
  const cellsOf = divGridRows(root);
  const walk = (node: Node, preformatted: boolean) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      const layer = child.nodeType === 1 ? layers.get(child as Element) : undefined;
      if (layer) {
        flush();
        for (const l of layer) {
          line = l.text;
          flush();
        }
        continue;
      }
      if (child.nodeType === 3) {
        // Preformatted text (a <pre>, a message's text) breaks its lines where its newlines are.
        const data = (child as Text).data;
        const broken = preformatted || (/\S\s*\n\s*\S/.test(data) && keepsNewlines(node as Element));
        const parts = broken ? data.split('\n') : [data];
        parts.forEach((part, i) => {
          if (i > 0) flush();
          line += part;
        });
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(el.tagName)) continue;
        if (el.tagName === 'BR') {
          flush();
          continue;
        }
        // A cell's one wrapper (<td><div class="cell">…</div></td>, as grids render) is the cell, and a grid
        // drawn in <div>s has cells too: the row stays one line.
        const cell = el.tagName === 'TD' || el.tagName === 'TH' || cellsOf.has(el.parentElement!);
        const block = BLOCK.test(el.tagName) && !wrapsCell(el) && !cell;
        if (block) flush();
        if (cell) line += '\t';
        walk(el, preformatted || el.tagName === 'PRE' || el.tagName === 'TEXTAREA' || PRE_STYLE.test(el.getAttribute('style') ?? ''));
        if (block) flush();
        else if (cell) line += '\t';
      }
    }
  };
  walk(root, false);
  flush();
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A label's text as the vocabulary spells it: without its colon, its spaces, or the star a form marks a required field with (*题名). */
export const labelText = (el: Element) =>
  clean(el.textContent)
    .replace(/[：:]\s*$/, '')
    .replace(/^[*＊]\s*/, '')
    .replace(/\s+/g, '');

const ALL_LABELS: ReadonlySet<string> = new Set([
  ...ISSUER_LABELS,
  ...SOURCE_LABELS,
  ...POSTER_LABELS,
  ...WRITTEN_DATE_LABELS,
  ...SENT_DATE_LABELS,
  ...SIGNED_OFF_DATE_LABELS,
  ...PLAIN_DATE_LABELS,
  ...ACTIVITY_DATE_LABELS,
  ...PUBLISHED_DATE_LABELS,
  ...NUMBER_LABELS,
  ...TITLE_LABELS,
  ...MEETING_TITLE_LABELS,
  ...ARCHIVAL_TITLE_LABELS,
  ...ARCHIVAL_ISSUER_LABELS,
]);

/** Text made of labels alone (a header row's column names), which is no field's value. */
const onlyLabels = (text: string) =>
  text
    .trim()
    .split(/\s+/)
    .every((word) => ALL_LABELS.has(word));

/**
 * The value of a labelled cell: the next cell on its row, unless that is another label (a header row
 * of labels over a row of values), then the cell under it.
 */
/** A header row: every cell a <th>. */
const inHeaderRow = (cell: Element) => !!cell.parentElement && Array.from(cell.parentElement.children).every((c) => c.tagName === 'TH');

/**
 * A column's name in a header row over several rows of values: it labels each row under it, a list's,
 * whose values are none of them the page's. One row of values under it is a form's record.
 */
function columnName(cell: Element): boolean {
  const table = cell.closest('table');
  return (
    inHeaderRow(cell) && !!table && Array.from(table.querySelectorAll('tr')).filter((tr) => tr !== cell.parentElement && tr.querySelector('td')).length > 1
  );
}

function cellValue(cell: Element): string | null {
  if (columnName(cell)) return null;
  const header = inHeaderRow(cell);
  const row = cell.parentElement;
  const next = cell.nextElementSibling;
  if (!header && next && (next.tagName === 'TD' || next.tagName === 'TH') && !ALL_LABELS.has(labelText(next))) return visibleText(next) || null;
  const below = row?.nextElementSibling;
  if (row && below) {
    const index = Array.from(row.children).indexOf(cell);
    const under = below.children[index];
    if (under) return visibleText(under) || null;
  }
  return null;
}

/**
 * What short leaf elements say about fields, read once per document:
 * - `labels`: labels that stand in an element of their own, not a table cell (a mobile or card form puts
 *   <div class="label">成文日期</div> beside or above <div class="value">…</div>), by label text;
 * - `fields`: label and value together in one element (a byline's <span>发布部门：党政办公室</span><span>发布时间：…</span>
 *   runs into one line of text, but each value stops where its element does), by label.
 */
interface LeafFields {
  labels: Map<string, Element[]>;
  fields: Map<string, string[]>;
}
/**
 * Leaf fields per document, kept only while one reading runs (`duringOneReading`): between readings
 * the page may change — a hash-route OA shows the next document in the same one.
 */
let leafFieldsOf: WeakMap<Document, LeafFields> | null = null;

/** Runs `read` with what is read once per document kept until it returns. */
export function duringOneReading<T>(read: () => T): T {
  if (leafFieldsOf) return read();
  leafFieldsOf = new WeakMap();
  try {
    return read();
  } finally {
    leafFieldsOf = null;
  }
}

const LEAF_TAGS: ReadonlySet<string> = new Set(['DIV', 'SPAN', 'LABEL', 'P', 'DFN', 'EM', 'B', 'STRONG', 'SMALL', 'LI', 'FONT', 'DD']);

function leafFields(doc: Document): LeafFields {
  let found = leafFieldsOf?.get(doc);
  if (found) return found;
  found = { labels: new Map(), fields: new Map() };
  // Custom elements too: a uni-app or Web Components page builds its fields of <uni-view>, <van-cell>.
  const leaves = Array.from(doc.querySelectorAll('*')).filter((el) => el.children.length === 0 && (LEAF_TAGS.has(el.tagName) || el.tagName.includes('-')));
  for (const el of leaves) {
    const text = labelText(el);
    if (text.length >= 2 && text.length <= 8) found.labels.set(text, [...(found.labels.get(text) ?? []), el]);
    const m = /^([\u4e00-\u9fa5]{2,8})\s*[：:]\s*(\S.{0,60}?)$/.exec(clean(el.textContent).replace(/\s+/g, ' '));
    if (!m) continue;
    // A value ends where the next "标签：" in the same element begins.
    const value = m[2]!.split(/\s+[\u4e00-\u9fa5]{2,8}[：:]/)[0]!.trim();
    if (value) found.fields.set(m[1]!, [...(found.fields.get(m[1]!) ?? []), value]);
  }
  leafFieldsOf?.set(doc, found);
  return found;
}

/**
 * The page's own labels that end as a field's name does ([kind]标题, [kind]编号: a 签报's 签报标题 and
 * 签报编号), beyond the vocabulary: labels in cells or elements of their own, eight characters at most.
 */
export function labelsEndingWith(doc: Document, suffix: string): string[] {
  const found = new Set<string>();
  for (const text of leafFields(doc).labels.keys()) if (text.endsWith(suffix) && text !== suffix) found.add(text);
  for (const cell of Array.from(doc.querySelectorAll('td, th, dt'))) {
    const text = labelText(cell);
    if (text.length <= 8 && text.endsWith(suffix) && text !== suffix) found.add(text);
  }
  return [...found];
}

/**
 * Whether the page's own 文号 field is there and empty (文号 | — , 文号：无): the page says it has none,
 * so a 文号 found elsewhere on it (the document a 解读 explains, one it cites) is not its.
 */
export function statesNoNumber(doc: Document): boolean {
  const own: ReadonlySet<string> = new Set(['文号', '发文字号', '发文文号', '字号', '文件编号']);
  for (const cell of Array.from(doc.querySelectorAll('td, th, dt'))) {
    if (!own.has(labelText(cell))) continue;
    const next = cell.nextElementSibling;
    if (next && /^(?:TD|TH|DD)$/.test(next.tagName) && /^(?:|无|暂无|—+|-+|\/)$/.test(visibleText(next).replace(/\s+/g, ''))) return true;
  }
  return false;
}

/**
 * The first label of `labels` the page shows with a value, looked for as a table cell, a <dt>, or a
 * "标签：值" line (the label at the start of the line or after a cell, and nothing but the value after it).
 */
/** What only a site's footer says: its copyright and its registration (ICP备, 网站标识码). */
export const FOOTER_LINE = /版权所有|copyright|©|ICP备|网站标识码/i;

export function labelledField(
  doc: Document,
  labels: readonly string[],
  lines: readonly string[],
  { shownOnly = false }: { shownOnly?: boolean } = {},
): { label: string; value: string } | null {
  const cells = Array.from(doc.querySelectorAll('td, th, dt'));
  // `shownOnly`: not what the page hides (a viewer's closed properties panel: 标题 of the file's template).
  const hidden = hiddenChecker();
  const unseen = (el: Element) => unrendered(el) || (shownOnly && hidden(el));
  for (const label of labels) {
    // A column's name (cellValue) is no field of the page: nor is the line its header row reads as.
    let namesColumn = false;
    for (const cell of cells) {
      if (labelText(cell) !== label || unseen(cell)) continue;
      namesColumn ||= columnName(cell);
      const value = cell.tagName === 'DT' ? visibleText(cell.nextElementSibling ?? cell) : cellValue(cell);
      if (value && value !== clean(cell.textContent)) return { label, value };
    }
    for (const el of leafFields(doc).labels.get(label) ?? []) {
      if (unseen(el)) continue;
      // The value is the text right after the label's element (<b>发文单位：</b>某某学院　<b>…), else the next element.
      let after = '';
      for (let n = el.nextSibling; n && n.nodeType === 3; n = n.nextSibling) after += n.textContent ?? '';
      // A label wrapped in its own box (<div class="widget-label"><span>公示标题</span></div>) is followed by
      // the box of its value: climb to the outermost box that holds the label alone.
      let box = el;
      while (!box.nextElementSibling && box.parentElement && clean(box.parentElement.textContent) === clean(el.textContent)) box = box.parentElement;
      const next = box.nextElementSibling;
      const value = clean(after) || (next && !ALL_LABELS.has(labelText(next)) ? visibleText(next) : '');
      if (value) return { label, value };
    }
    const own = leafFields(doc).fields.get(label)?.[0];
    if (own) return { label, value: own };
    // 发布时间 2022-06-10 (no colon), 来源 | 党委宣传部 or 来源｜党委宣传部 (a bar) or 发布单位：党委办公室 — the label whole, at a line's or cell's start.
    // Labels are written into a pattern: a taught one (site rules) may hold any character.
    const re = new RegExp(
      `(?:^|\\t|\\s)${escapeRe(label)}\\s*(?:[：:]|\\s|(?=[|｜丨]))\\s*(?:[|｜丨]\\s*)?([^\\t]+?)\\s*(?=\\t|$|\\s{2,}|\\s(?:${labels.map(escapeRe).join('|')}|[\\u4e00-\\u9fa5]{2,6}[：:]))`,
    );
    for (const line of namesColumn ? [] : lines) {
      // A site's footer labels the site's facts (更新时间：…, 主办单位：…), never the document's.
      if (FOOTER_LINE.test(line)) continue;
      const m = re.exec(line);
      // An empty field followed by the next one (来源：  浏览次数：12) has no value, not the next label's.
      // Nor is a list's header row (标题 文号 成文日期 发布日期) a label with a value: its words are all labels.
      if (m?.[1] && !/^[\u4e00-\u9fa5]{2,6}[：:]/.test(m[1]) && !onlyLabels(m[1])) return { label, value: m[1].trim() };
    }
  }
  return null;
}

/**
 * The 落款 at the end of a 公文 body: a date line (二〇二二年六月十日, 2022年6月10日) alone on its line,
 * and the unit on the line above it. Only the last such pair counts, and only in the body's last lines.
 */

const dateOnly = (line: string) => {
  const text = line.replace(/\t/g, ' ').trim();
  return text.length <= 16 && normalizeDate(text) !== null && text.replace(/[\d〇零○OＯ０一二三四五六七八九十年月日\s/.-]/g, '') === '';
};

/** Each date alone on its line in the body, with the line above it: where a 落款 may stand. */
function* datesUnderLines(lines: readonly string[]): Generator<{ above: string; date: string }> {
  for (let i = 0; i < lines.length; i++) {
    // Right-aligned on one line, the unit and its day side by side (某某科　2026年6月3日), the day written
    // out as a 落款's is (GB/T 9704: 年月日); a list's entries date themselves 2026-02-03.
    const oneLine = /^(\S.{1,30}?)\s+(\S{6,20}日)$/.exec(lines[i]!.replace(/\t/g, ' ').trim());
    // A 纪要's head gives its number first on that line (某纪要〔2026〕第1号　某办公室　2026年5月13日).
    if (oneLine && dateOnly(oneLine[2]!)) yield { above: withoutLeadingNumber(oneLine[1]!.replace(SEAL_ASIDE, '')), date: normalizeDate(oneLine[2]!)! };
    if (i === 0) continue;
    // A form's signature may label its day (某委员会（盖章） / 批准日期：2026年4月22日).
    const day = lines[i]!.replace(SIGNATURE_DATE_LABEL, '');
    if (dateOnly(day)) yield { above: leadSigner(lines, i), date: normalizeDate(day)! };
  }
}

/**
 * The line over the date at `dateLine`, as the unit that signs: where several units sign together
 * (GB/T 9704 联合行文, their names side by side over one or more lines), the first, which leads. A form's
 * signature may say where the seal goes (某委员会（盖章）): the unit is what signs.
 */
function leadSigner(lines: readonly string[], dateLine: number): string {
  // A seal's note on a line of its own between the signer and the day ((某委员会代章), (盖章)) stands for the seal.
  if (dateLine >= 2 && SEAL_LINE.test(lines[dateLine - 1]!.replace(/\s+/g, ''))) return leadSigner(lines, dateLine - 1);
  // So does a bilingual 落款's English name under the Chinese one (教务处 / Academic Affairs Office / 2026年2月9日).
  if (dateLine >= 2 && LATIN_NAME.test(lines[dateLine - 1]!.trim()) && !LATIN_NAME.test(lines[dateLine - 2]!.trim())) return leadSigner(lines, dateLine - 1);
  const line = (i: number) => {
    const text = lines[i]!.replace(/\t/g, ' ').trim().replace(SEAL_ASIDE, '');
    // A name set out a character at a time (人　事　处) to fill the 落款's width is one name.
    return text.split(/\s+/).every((part) => part.length === 1) ? text.replace(/\s+/g, '') : text;
  };
  const units = (text: string) => {
    const parts = text.split(/\s+/);
    // A body's name has no figures in it: a table's row of units (…团支部 2023级某班团支部 某学院) is no 落款.
    return parts.length > 1 && parts.every((p) => p.length >= 3 && p.length <= 30 && !/\d/.test(p) && LEXICONS.unitEnd.test(withoutAside(p))) ? parts : null;
  };
  let top = dateLine - 1;
  // Lines of units side by side, and a last co-signer alone on the line over the date — not the date's
  // label (宣讲日期 over 2026/06/06, under a record's name): that date is a field's value.
  const joint = (i: number) => i >= 0 && units(line(i)) !== null;
  if (!joint(top) && top - 1 >= 0 && joint(top - 1) && !namesADate(line(top))) top--;
  if (!joint(top)) {
    // Or one signer to a line (某部（某处） / 某处 / date): the first leads.
    const alone = (i: number) => {
      const text = i >= 0 ? line(i) : '';
      return text.length >= 3 && text.length <= 30 && !/[\s：:，,。；;、]/.test(text) && LEXICONS.unitEnd.test(withoutAside(text));
    };
    let first = dateLine - 1;
    if (alone(first)) while (first > dateLine - 4 && alone(first - 1)) first--;
    return line(first);
  }
  while (joint(top - 1)) top--;
  return units(line(top))![0]!;
}

/** A name in Latin script alone on its line (Academic Affairs Office, School of Science & Engineering). */
const LATIN_NAME = /^[A-Z][A-Za-z.,'&()\- ]{2,80}$/;

/** Where a form's signature says its seal or signature goes: （盖章）, （签章）, (公章). */
const SEAL_ASIDE = /\s*[（(](?:盖章|签章|公章|印章|签字|签名|章)[）)]$/;
/** The same note alone on its line, or a body's that seals for the signer (（某市发展和改革委员会代章）). */
const SEAL_LINE = /^[（(][^（）()]{0,30}章[）)]$/;

/** How a form labels the day under its signature and seal: 日期, or the act the signature is (批准, 签发, 签署). */
const SIGNATURE_DATE_LABEL = /^\s*(?:日\s*期|批准日期|签发日期|签署日期|签字日期)\s*[：:]\s*/;

/**
 * The 落款 signed by `unit`, wherever it stands: a page that appends another document (a 转发 notice
 * followed by what it forwards) ends with that other document's 落款, while its own — signed by the
 * unit the page labels as issuer — comes first.
 */
export function signatureOf(lines: readonly string[], unit: string): { unit: string; date: string } | null {
  for (const { above, date } of datesUnderLines(lines)) if (above === unit) return { unit, date };
  return null;
}

/** A line that labels a date: a known label, or one ending as date labels do (…日期, …时间, …至, …：). */
const namesADate = (line: string) => ALL_LABELS.has(line.replace(/[：:]\s*$/, '').replace(/\s+/g, '')) || /(?:日期|时间|至|[：:])$/.test(line);

/**
 * The 版记's line of a 纪要 or 通报: the unit that put the document out and the day, on one line
 * (学院办公室　2024年5月16日印发). That day is the document's date, as a 落款's is.
 */
function issuedLine(line: string): { unit: string | null; date: string } | null {
  const m = /^(\S.{0,29}?)\s+(\S{6,16}?)\s*印发$/.exec(line.replace(/\t/g, ' ').trim());
  if (!m || !dateOnly(m[2]!)) return null;
  return { unit: LEXICONS.unitEnd.test(withoutAside(m[1]!)) ? m[1]! : null, date: normalizeDate(m[2]!)! };
}

export function signatureBlock(lines: readonly string[]): { unit: string | null; date: string } | null {
  const tail = lines.slice(-12);
  // Several lines that are only a date are a list of dated items (a notice list), not a signature:
  // a 落款 may still stand above it, but nothing in it is one.
  const tailDates = tail.filter(dateOnly);
  // The list's dates share one form (2026-10-28); a first date written otherwise (2026年11月5日) is the 落款's.
  const shape = (line: string) => line.trim().replace(/\d+/g, 'd');
  // Two alike are a list too (a sidebar's two 推荐内容, each a title over its day).
  if (tailDates.length > 2 || (tailDates.length === 2 && shape(tailDates[0]!) === shape(tailDates[1]!))) {
    const firstIsListed = shape(tailDates[0]!) === shape(tailDates[1]!);
    const listStarts = lines.length - tail.length + tail.findIndex(dateOnly);
    return lastSignature(lines.slice(0, firstIsListed ? listStarts : listStarts + 1));
  }
  // A unit over a date in the last lines; else the body's last one: an OA form goes on after the
  // 落款 with its attachments, related items and signing trail.
  const signed = lastSignature(tail) ?? lastSignature(lines);
  if (signed) return signed;
  for (let i = tail.length - 1; i >= 0; i--) {
    if (!dateOnly(tail[i]!)) continue;
    const above = i > 0 ? tail[i - 1]!.replace(/\t/g, ' ').trim() : '';
    // A date under its field's label (有效期至, 创建时间) is that field's value, not a signature; one under
    // a document's title (a sidebar's …复试成绩公示 / 2026-04-29) is that listed item's.
    if (namesADate(above) || LEXICONS.documentKind.test(withoutAside(above))) continue;
    const unit = above && signsAsUnit(above) ? above : null;
    return { unit, date: normalizeDate(tail[i]!)! };
  }
  return null;
}

/**
 * No 落款 (a 纪要 has none): the 版记's 印发 line then dates the document and names who put it out —
 * after the masthead's day, which is the document's own (a 纪要's head: 编号, unit, day; 印发 comes later).
 */
export function issuedSignature(lines: readonly string[]): { unit: string | null; date: string } | null {
  const tail = lines.slice(-12);
  for (let i = tail.length - 1; i >= 0; i--) {
    const issued = issuedLine(tail[i]!);
    if (issued) return issued;
  }
  return null;
}

/** What a byline says besides a date: who wrote, sent, edited or checked the post, how often it was read. */
const BYLINE_WORDS = /来源|作者|撰稿|摄影|编辑|审核|责编|浏览|点击|阅读|访问|发布/g;

/** Who a post is from, labelled as a byline labels it (来源：…, 作者：…). */
const LABELLED_AUTHOR = /(?:来源|作者|撰稿|编辑|发布者|发布人)\s*[：:]/;

/**
 * Whether a line is a post's byline, short as bylines are: it names two or more of what a byline
 * names, or a day and who the post is from (2026-04-03 09:12 来源：研究生院). A sign trail's line
 * (审核 2026-06-14 18:05) has a day too, but labels no one.
 */
export const isByline = (line: string): boolean =>
  line.length <= 120 && ((line.match(BYLINE_WORDS)?.length ?? 0) >= 2 || (LABELLED_AUTHOR.test(line) && BYLINE_DATE.test(line)));
const BYLINE_DATE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?/;

/**
 * A mobile app's or a news list's terse byline, without labels: who posted it and when, side by side
 * (组织工作 党委组织部 2026-05-06 10:21). Only read under a title candidate: a list's line looks the same.
 */
export const isUnlabelledByline = (line: string): boolean => {
  // A byline says who and when, no more: a line with a sentence in it (an opinion: 收到，本人参会。) is none.
  if (line.length > 40 || !BYLINE_DATE.test(line) || /[，。；！？]/.test(line)) return false;
  const rest = line.replace(BYLINE_DATE, ' ').replace(/\d{1,2}:\d{2}(?::\d{2})?/, ' ');
  // A unit may carry its other name in brackets (纪委办公室（监察专员办公室）).
  return rest.split(/[\s·|｜]+/).some((part) => part.length >= 2 && LEXICONS.unitEnd.test(withoutAside(part)));
};

/**
 * A title with its post's byline run in after it (…的通知2026-10-21 来源：…, …的通知 发布单位：… 发布时间：…):
 * the title alone. The byline begins with its day or with its first label.
 */
export function withoutRunInByline(text: string): string {
  const m = new RegExp(`^(.{6,}?)\\s*((?:${BYLINE_DATE.source}|(?:${BYLINE_WORDS.source})[\\u4e00-\\u9fa5]{0,4}\\s*[：:]).*)$`).exec(text);
  return m && isByline(m[2]!) ? m[1]!.trim() : text;
}

/**
 * The date on a post's byline ([2024-05-13] 来源：… 撰稿：… or 2024年5月6日 点击数：…): a line naming two
 * or more of what a byline names, short as bylines are. The day it was posted, not the document's own.
 */
export function bylineDate(lines: readonly string[]): string | null {
  for (const [i, line] of lines.entries()) {
    // The year may be written in two digits (日期：26-04-16).
    const date = isByline(line) ? (BYLINE_DATE.exec(line)?.[0] ?? /(?:日期|时间)\s*[：:]\s*(\d{2}[-/.]\d{1,2}[-/.]\d{1,2})/.exec(line)?.[1]) : null;
    if (date) return normalizeDate(date);
    // A byline may give each part a line of its own: who, then the day (来源：某委 / 2026-05-08).
    const next = lines[i + 1];
    const day = next !== undefined && line.length <= 40 && LABELLED_AUTHOR.test(line) && dateOnly(next) ? next : null;
    if (day) return normalizeDate(day);
  }
  return null;
}

/**
 * The day of the issue a periodical's page belongs to (a campus paper's 2027年4月15日 星期四 第1184期, a
 * bulletin's 第812期 2026年3月20日), from its masthead line near the top: what it prints was published then.
 */
export function issueDate(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 12)) {
    if (line.length > 100 || !/第\s*\d{1,5}\s*期/.test(line)) continue;
    const day = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/.exec(line);
    if (day) return normalizeDate(day[0]);
  }
  return null;
}

/**
 * A 令 (GB/T 9704 §10.2, 命令格式): its mark, the issuing body's name and 令 (某省人民政府令), over its
 * number alone on the next line (第52号), then the order publishing a regulation (《某办法》已经…通过，
 * 现予公布). Its 文号 is the mark and the number, its issuer the body, its title the regulation's.
 * A numbered 公告 or 通告 (某县人大常委会公告 / 第19号) is set the same way, and a numbered 纪要 or 简报.
 */
export function decree(lines: readonly string[]): { body: string | null; number: string; title: string | null } | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    const number = /^第\s*\d{1,4}\s*号$/.exec(lines[i + 1]!.replace(/\s+/g, ''));
    if (!number) continue;
    // A 纪要's or 简报's masthead numbered the same way (某学院院务会议纪要 / 第4号): the number is its 文号;
    // who compiled it the masthead's signature line says (masthead()).
    // A masthead may be letter-spaced across the page (会 议 纪 要).
    const head = lines[i]!.replace(/\s+/g, '');
    if (/(?:纪要|简报)$/.test(head) && head.length <= 30) return { body: null, number: number[0], title: null };
    const mark = /^(\S{2,24}?)(令|公告|通告)$/.exec(lines[i]!.replace(/\s+/g, ''));
    if (!mark || !LEXICONS.unitEnd.test(mark[1]!)) continue;
    // A 公告 or 通告 is numbered as printed (第19号) and titled by its page; a 令 is cited by its mark and
    // number (某省人民政府令第52号) and titled by what it publishes.
    if (mark[2] !== '令') return { body: mark[1]!, number: number[0], title: null };
    const order = lines.slice(i + 2, i + 5).find((line) => /^《[^》]{4,60}》已?经/.test(line));
    return { body: mark[1]!, number: `${mark[0]}${number[0]}`, title: order ? /^《([^》]{4,60})》/.exec(order)![1]! : null };
  }
  return null;
}

/**
 * A bulletin's or minutes' masthead (简报, 纪要): "[unit]　编　[date]" or "[unit]　　[date]" near the top — the unit that compiled it and
 * the day, which stand for the 落款 such a document does not have.
 */
export function masthead(lines: readonly string[]): { unit: string; date: string | null } | null {
  const head = lines.slice(0, 60);
  for (const [i, line] of head.entries()) {
    // A 纪要's head may give its number first, on the same line (某纪要〔2026〕第1号　某办公室　2026年5月13日).
    const whole = line.replace(/\t/g, ' ').trim();
    const text = withoutLeadingNumber(whole);
    // Under its number (on the line above, or first on this one) a head's day may be written in figures (某办公室　2026.03.10).
    const numbered = text !== whole || (i > 0 && lineDocNumber(head[i - 1]!.trim()) === head[i - 1]!.trim());
    // 某办公室　编　2024年5月20日 (run together when the two are side by side in elements of their own), or a 纪要's 某办公室　　　2025年5月16日 (the date written out in 年月日).
    const m =
      /^(\S.{1,39}?)\s*编(?:印)?\s*(\S{6,16})?$/.exec(text) ??
      /^(\S{2,30}?)\s*((?:\d{4}|[〇零○OＯ0０一二三四五六七八九]{4})年\S{2,8}日)$/.exec(text) ??
      (numbered ? [/^(\S.{1,30}?)\s+(\S{6,16})$/.exec(text)].find((day) => day && dateOnly(day[2]!)) : null);
    if (!m || !LEXICONS.unitEnd.test(withoutAside(m[1]!.trim()))) continue;
    // The day may stand on the line under the "编" line.
    const day = m[2] ?? (head[i + 1] && dateOnly(head[i + 1]!) ? head[i + 1] : undefined);
    const date = day && dateOnly(day) ? normalizeDate(day) : null;
    return { unit: m[1]!.trim(), date };
  }
  return null;
}

/** A line without the 文号 it opens with (spaced from what follows, or run into it where elements meet). */
function withoutLeadingNumber(text: string): string {
  const first = /^(\S+)\s+(\S.*)$/.exec(text);
  if (first && lineDocNumber(first[1]!) === first[1]) return first[2]!;
  return text.replace(LEADING_NUMBER, '').trim() || text;
}
/** A 文号 at a line's start: [organ's code][year in brackets][N]号. */
const LEADING_NUMBER = /^[\u4e00-\u9fa5]{1,12}[〔［[【(（﹝]\d{4}[〕］\]】)）﹞]第?\d{1,5}号/;

/**
 * A red head's 发文机关标志 (GB/T 9704 §7.2.2): a body's name and nothing but the kind of the series
 * (某大学委员会文件, 某大学会议纪要, 某办公室简报). The body and the kind, or null for any other line.
 */
export function issuingBodyMark(text: string): { body: string; kind: string } | null {
  const m = /^([\u4e00-\u9fa5（）()]{2,40}?)\s*(会议纪要|纪要|工作简报|简报|文\s*件)$/.exec(text.trim());
  return m && LEXICONS.unitEnd.test(m[1]!) ? { body: m[1]!, kind: m[2]!.replace(/\s+/g, '') } : null;
}

/**
 * The body a red head names ([body]文件) with the 文号 under it: the issuer, printed at the top, when the
 * 落款 under the body is a seal and a date only.
 */
export function redHeadBody(lines: readonly string[]): string | null {
  const head = lines.slice(0, 80);
  for (const [i, line] of head.entries()) {
    const mark = issuingBodyMark(line);
    if (mark?.kind !== '文件' || mark.body.length < 4) continue;
    if (head.slice(i + 1, i + 4).some((next) => lineDocNumber(next) !== null)) return mark.body;
  }
  return null;
}

/**
 * The unit a 发文 form is the form of, from its caption (某学院发文处理笺, 某大学发文稿纸): the issuer of the
 * document it carries. Its 主办单位 (拟稿单位) only drafted it. A 收文 form's caption names who received it.
 */
export function issuingFormOf(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 40)) {
    const m = /^(\S{2,30}?)\s*发文(?:处理笺|处理单|稿纸|审批单|审批表|审签单|呈批表|单|笺)$/.exec(line.replace(/\s+/g, ''));
    if (m && LEXICONS.unitEnd.test(m[1]!)) return m[1]!;
  }
  return null;
}

/** Whether a line over a date reads as the unit of a 落款 (not the date's label). */
/** A 落款's unit stands alone: a labelled line (来源：某委) over a date is a byline's parts, not a signature. */
const signsAsUnit = (above: string) => above.length <= 30 && !/[：:]/.test(above) && LEXICONS.unitEnd.test(withoutAside(above)) && !namesADate(above);

/**
 * A 落款 dated without its year (科研处 / 4月15日), as an informal notice signs: the year is the one the
 * page was posted in (`posted`, YYYY-MM-DD), or the year before when that day would come after the posting.
 * Only the last lines are read, where a 落款 stands.
 */
export function yearlessSignature(lines: readonly string[], posted: string | null): { unit: string; date: string } | null {
  if (!posted) return null;
  const tail = lines.slice(-12);
  for (let i = tail.length - 1; i > 0; i--) {
    const day = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(tail[i]!.trim());
    const above = tail[i - 1]!.replace(/\t/g, ' ').trim();
    if (!day || !signsAsUnit(above)) continue;
    const monthDay = `${day[1]!.padStart(2, '0')}-${day[2]!.padStart(2, '0')}`;
    const year = Number(posted.slice(0, 4)) - (monthDay > posted.slice(5) ? 1 : 0);
    const date = normalizeDate(`${year}-${monthDay}`);
    if (date) return { unit: above, date };
  }
  return null;
}

/**
 * The 题注 under a title, in brackets and opening with the day (（2026年6月20日）, （2026年1月16日某会议通过）):
 * how a document printed in full (in a newspaper, a regulation, a decision) gives its date when it has
 * no 落款. Read near the top, where it stands.
 */
export function captionDate(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, 60)) {
    const text = line.trim();
    const m =
      /^[（(]\s*((?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年[^）)]{1,10}?日)[^）)]{0,60}[）)]$/.exec(text) ??
      // A speech's or a report's subtitle: the day and where it was given (——2026年1月8日在某会议上).
      /^[—－-]{1,2}\s*((?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年\S{1,10}?日)\s*在\S.{1,60}上(?:的\S{2,4})?$/.exec(text);
    if (m && dateOnly(m[1]!)) return normalizeDate(m[1]!);
  }
  return null;
}

/**
 * The first 落款 in the body (a unit's line over a date's line): a 转发 notice signs before the
 * document it forwards, whose own 落款 then ends the page.
 */
export function firstSignature(lines: readonly string[]): { unit: string; date: string } | null {
  for (const { above, date } of datesUnderLines(lines)) if (signsAsUnit(above)) return { unit: above, date };
  return null;
}

/** The last 落款 in `lines` (a unit's line over a date's line). */
function lastSignature(lines: readonly string[]): { unit: string; date: string } | null {
  let last: { unit: string; date: string } | null = null;
  for (const { above, date } of datesUnderLines(lines)) if (signsAsUnit(above)) last = { unit: above, date };
  return last;
}

/**
 * The issuing body a GB/T 9704 title opens with ([body]关于[matter]的[kind]), when what stands before
 * 关于 reads as a body's name.
 */
export function bodyOpeningTitle(title: string): string | null {
  // Bodies issuing together stand side by side (中共某省委 某省人民政府关于…); a campaign's leading group
  // names its campaign in quotes (某县“转作风、优环境”专项行动领导小组办公室关于…).
  const opening = /^([\u4e00-\u9fa5（）()、“” ]{2,40}?)关于/.exec(title)?.[1]?.trim();
  return opening && LEXICONS.unitEnd.test(opening) ? opening : null;
}

/**
 * The body a title names as its own when it has no 关于: a regulation or plan titled [body][matter][kind]
 * (某大学研究生导师岗位管理办法). The longest opening that reads as a body's name and leaves a matter of
 * four characters or more before the kind; the issuer only when nothing on the page says who issued it.
 */
export function titleOwner(title: string): string | null {
  const about = bodyOpeningTitle(title);
  if (about) return about;
  const bare = withoutAside(title);
  const kind = LEXICONS.regulationKind.exec(bare);
  if (!kind) return null;
  // The body's name ends before the kind begins: 某大学差旅费管理办法 is no body's (管理办) 法.
  for (let end = Math.min(kind.index, bare.length - 4, 30); end >= 4; end--) {
    const opening = bare.slice(0, end);
    if (/^[\u4e00-\u9fa5（）()]+$/.test(opening) && LEXICONS.unitEnd.test(opening) && /^[\u4e00-\u9fa5]/.test(bare.slice(end))) return opening;
  }
  return null;
}
