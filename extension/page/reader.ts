/**
 * Page context for a record: the document facts (from the OA family's adapter, else a generic
 * reading of title / 文号 / unit / date), the canonical URL, and the selected passage as a
 * TextQuoteSelector. Pure functions of a Document: no page state is changed.
 */
import type { PageContext } from '../../shared/model/page';
import { adapterFor } from './adapters';
import type { DocumentFacts } from './adapters/adapter';
import { fieldDate, normalizeDate } from './dates';
import {
  ACTIVITY_DATE_LABELS,
  ARCHIVAL_ISSUER_LABELS,
  ARCHIVAL_TITLE_LABELS,
  ISSUER_LABELS,
  MEETING_TITLE_LABELS,
  NUMBER_LABELS,
  PLAIN_DATE_LABELS,
  SIGNED_OFF_DATE_LABELS,
  POSTER_LABELS,
  SOURCE_LABELS,
  titleOwner,
  bylineDate,
  duringOneReading,
  isByline,
  labelsEndingWith,
  firstSignature,
  decree,
  masthead,
  redHeadBody,
  withoutRunInByline,
  captionDate,
  statesNoNumber,
  yearlessSignature,
  TITLE_LABELS,
  PUBLISHED_DATE_LABELS,
  WRITTEN_DATE_LABELS,
  SENT_DATE_LABELS,
  labelledField,
  signatureBlock,
  issuedSignature,
  signatureOf,
  textLines,
  withoutAside,
  issuingFormOf,
  issueDate,
  FOOTER_LINE,
} from './generic-fields';
import { clean, findDocNumber, lineDocNumber, namesAFile, spacedText } from './labelled-fields';
import { LEXICONS } from './lexicons';
import { datedTableRows, hasListControls, isPersonalRecord, isSignInPage, itemSized, markedCurrent, statesSeveralDocuments } from './own-document';
import { readSelection } from './selection';
import { beingFilledIn, headsDocument, holdsOwnProse, listedRows, typedInto, visibleTitle } from './visible-title';

/** "流程 - 关于…的请示" / "新闻标题-党委学生工作部": the longest part is the document's own title. */
/**
 * A unit's name as a page gives it, without what a line ran on into: 教务处2023-12-11 or 教务处 发布时间
 * is 教务处. A value left with no CJK name at all, or naming a website, is no unit.
 */
export function unitName(value: string | null | undefined): string | null {
  const name = clean(value)
    .replace(/\s*(?:\d{4}\s*[-/.年]\s*\d{1,2}.*|[\s（(]*(?:发布|浏览|点击|阅读|更新)[\s\S]*|[【[].*)$/, '')
    .trim()
    // A cell may go on with another field after the unit (某办公室（督查室）　签发：某某).
    .replace(/\s+[\u4e00-\u9fa5]{1,6}[：:].*$/, '')
    // An organisation's path (某医院/医务部, 学校 > 教务处) names its last unit.
    .split(/\s*[/／>＞]\s*/)
    .at(-1)!;
  return /[\u4e00-\u9fa5]{2,}/.test(name) && !NAMES_A_SITE.test(name) ? name : null;
}

/** 来源：某某学院网站 / 本站 / 微信公众号 names where the text was posted, not who issued it. */
const NAMES_A_SITE = /(?:网站|官网|网|本站|公众号|微信|微博|客户端)$/;

/** A labelled title field's value when it reads as a title: a sentence's length, no label's colon, not the system. */
const formTitle = (value: string): string | null =>
  value.length >= 4 && value.length <= 120 && !/[：:]/.test(value) && /[\u4e00-\u9fa5]{2,}/.test(value) && !namesSystem(value) ? value : null;

/** A line about this item (该…, 此…, 本…) and what has been done to it (已被撤回, 已失效), and nothing else. */
const BECAME_OF_IT = /^(?:该|此|本)[\u4e00-\u9fa5]{1,6}已(?:被|经)?[\u4e00-\u9fa5]{1,6}[。！!]?$/;

/** A frame of a Java stack trace, as a server's error page prints it (Tomcat's without the at). */
const STACK_FRAME = /^\s*(?:at\s+)?[\w$<>/]+(?:\.[\w$<>/]+)+\((?:[\w$.-]+:\d+|Native Method|Unknown Source)\)\s*$/;

/**
 * A page that says it failed (无权查看, 页面不存在): it shows no document, whatever dates it prints. Either
 * short and saying so anywhere, or saying so to the reader in a line of its own (对不起，您没有查看该文件的
 * 权限！) above its advice on what to do next.
 */
function isErrorPage(doc: Document, lines: readonly string[]): boolean {
  // A server's trace of where it failed (at cn.edu…Service.load(Service.java:214)) is printed by nothing else.
  const frames = (doc.body?.textContent ?? '').split('\n').filter((line) => STACK_FRAME.test(line));
  if (frames.length >= 3) return true;
  const text = clean(doc.body?.textContent);
  if (text.length < 400 && LEXICONS.errorPage.test(text.replace(/\s+/g, ''))) return true;
  // Or a short page whose line says what became of the item it was opened for (该公告已被撤回, 此链接已失效).
  if (text.length < 400 && lines.some((line) => BECAME_OF_IT.test(line.replace(/\s+/g, '')))) return true;
  return text.length < 1500 && lines.some((line) => line.length <= 40 && /对不起|抱歉|您/.test(line) && LEXICONS.errorPage.test(line.replace(/\s+/g, '')));
}

/**
 * The labelled issuer, weighed against the 落款. A unit labelled by its short name (所属部门：科教科) is
 * the one the 落款 names in full. A label that does not say 发文 (发布机构：党政办公室, 责任部门：…) says
 * who published or handles the page, and the 落款 (某大学) who issued the document: where the two
 * differ, the document's own signature wins, unless it is the labelled body's own office signing for it.
 */
function signedIssuer(labelled: string | null, label: string | undefined, signed: string | null | undefined): string | null {
  if (!labelled || !signed || signed === labelled) return labelled;
  // An office of the labelled body signing for it (某省教育厅 / 某省教育厅办公室) leaves the body the issuer.
  if (signed.startsWith(labelled)) return labelled;
  if (signed.endsWith(labelled) || abbreviates(labelled, signed)) return inFull(labelled, signed);
  return label && ISSUING_LABELS.has(label) ? labelled : signed;
}

/**
 * Whether `short` is a short name of `full` as Chinese shortens a body's name: its characters taken in
 * order from the full name, not in one piece (信息办 of 信息化建设与管理办公室; 校团委 of 共青团某大学委员会 is not).
 */
function abbreviates(short: string, full: string): boolean {
  // Taken whole, it is the body an office belongs to (某省教育厅 of 某省教育厅办公室), not a short name.
  if (short.length < 2 || short.length > full.length - 2 || full.includes(short)) return false;
  let at = 0;
  for (const char of short) {
    at = full.indexOf(char, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/**
 * A unit's name, or the same unit's full name when `fuller` ends with it (省教育厅 / 淞南省教育厅) or spells
 * it out (信息办 / 某大学信息化建设与管理办公室: a label may give the short name, the 落款 the full one). A label
 * may add the office handling it (省委教育工委（组织处）): the body the 落款 names in full is the issuer.
 */
const inFull = (name: string | null, fuller: string | null | undefined): string | null => {
  if (!name || !fuller) return name;
  const body = withoutAside(name);
  return fuller.length > body.length && (fuller.endsWith(body) || abbreviates(body, fuller)) ? fuller : name;
};

/**
 * Labels that name who issued the document itself. The others of ISSUER_LABELS name who published,
 * owns or handles the page (发布机构, 所属部门, 责任部门): a 落款 of another body outranks them.
 */
const ISSUING_LABELS: ReadonlySet<string> = new Set([...ISSUER_LABELS.filter((label) => /^(?:发文|来文)/.test(label)), '督办单位']);

/** A title that ends with a kind of official document (…的通知, …纪要（第3期）). */
const readsAsDocumentTitle = (title: string) => LEXICONS.documentKind.test(withoutAside(title));

/** A title that names the system showing the document (协同办公平台, 流程表单) or an error, not a document. */
const namesSystem = (title: string) => (LEXICONS.systemName.test(title) && !LEXICONS.documentKind.test(title)) || LEXICONS.errorPage.test(title);

/** A site's footer line, or one naming who runs the site (主办：…): where the site's own name stands. */
const OWNER_LINE = new RegExp(`${FOOTER_LINE.source}|主办[：:]|主办单位`, 'i');

/** The fewest characters a form's name holds for a tab to be taken as restating it. */
const SHORTEST_TAB_TITLE = 6;

/**
 * The tab's title when it names a document: in Chinese (Office Anywhere is a product), not the system,
 * and not the site's own name, which its footer gives as the owner's. A page that pages through records
 * (共 87 条记录, 第 1/6 页) is a list whose tab names its column (市政府办文件), not a document.
 */
function tabTitle(doc: Document, lines: readonly string[]): string | null {
  const title = titleFromDocumentTitle(doc.title);
  // A viewer's tab names the file it shows (巡察简报（第3期）定稿.pdf), not the document's title.
  // Nor does a sentence (未能找到路径“…”的一部分。): a title ends with no full stop.
  if (!title || !/[\u4e00-\u9fa5]{2,}/.test(title) || /[。！？]$/.test(title) || namesAFile(title) || namesSystem(title) || hasListControls(doc) || atHome(doc))
    return null;
  // As short as a kind's own name (审批记录, 会议纪要), it names what the page is for, not a document: a
  // document's title is six characters at least, on the tab as on the page.
  if (title.length < 6 || !(title.length >= 12 || LEXICONS.documentKind.test(title))) return null;
  // One that ends as a body's name (某大学网上报账中心, 某学院办公室) names the site's owner, not a document:
  // a kind-less title ends in its matter (…召开…大会, …开幕), not in an office.
  if (!LEXICONS.documentKind.test(title) && LEXICONS.unitEnd.test(title) && !/会$/.test(title)) return null;
  // One that ends in no kind of document names the page only over a body of its own: on a screen
  // without one (a payment's order) the tab names the screen or the system that opened it.
  // Nor on a form the reader is filling in (an application under its notice's name), nor on a work bench
  // that lists other documents (待阅公文): the tab names what opened it, stale, where a document read on
  // the page would show its body.
  const listsOthers = () => listedRows(doc).filter(itemSized).length >= 3;
  if ((!LEXICONS.documentKind.test(title) || beingFilledIn(doc) || listsOthers()) && !holdsOwnProse(doc)) return null;
  // Nor one the page's own heading names as a form (某大学研究生学籍异动申请表 under 研究生学籍异动申请-休学):
  // the tab names the form whose record the page shows, not a document.
  const named = withoutAside(title).split(/\s*[-–—]\s*/)[0]!;
  if (named.length >= SHORTEST_TAB_TITLE && lines.some((line) => /[表单]$/.test(withoutAside(line)) && line.length <= 40 && line.includes(named))) return null;
  // Nor one the page names only as a document it cites (根据《关于调整门诊时间的通知》…, on a booking screen):
  // a document does not quote its own title.
  if (citedOnly(title, lines)) return null;
  return lines.some((line) => OWNER_LINE.test(line) && line.includes(title)) ? null : title;
}

/** Whether every mention of `title` in `lines` stands in 《》, and there is one. */
function citedOnly(title: string, lines: readonly string[]): boolean {
  let mentions = 0;
  for (const line of lines) {
    for (let at = line.indexOf(title); at >= 0; at = line.indexOf(title, at + 1)) {
      if (line[at - 1] !== '《' || line[at + title.length] !== '》') return false;
      mentions++;
    }
  }
  return mentions > 0;
}

/**
 * Whether the page's menu marks its home as where the reader is (<a class="on">专题首页</a>, aria-current):
 * a site's or a topic's home page, whose tab names the site or the topic.
 */
function atHome(doc: Document): boolean {
  return Array.from(doc.querySelectorAll('a, li')).some((el) => markedCurrent(el) && /^\S{0,6}首页$/.test(clean(el.textContent)));
}

export function titleFromDocumentTitle(title: string): string {
  const parts = clean(title)
    // A run of dashes parts a site's name from its page's (某大学图书馆--新闻公告), as one spaced dash does.
    // …and a spaced colon a product's from its page's (PaperCut MF : 待释放的作业).
    // A hyphen inside a date or a number (学员请假审批(2026-04-20 16:31:07)) parts nothing.
    .split(/\s*[-–—]{2,}\s*|\s[-–—|_:]\s|[|_]|(?<!\d)-(?=[^-]*$)|-(?=\D[^-]*$)/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** A labelled 文号 as printed: one with a year in brackets, a short number such as 第12号, or a year and a number without brackets. */
function labelledNumber(value: string | undefined): string | null {
  if (!value) return null;
  const bracketed = findDocNumber(value) ?? lineDocNumber(value);
  if (bracketed) return bracketed;
  // Under its label a 文号 may do without brackets: 某某发2026-14, 某某发2026年7号, 第12号.
  const bare = value.replace(/\s+/g, '');
  return /^[^\s]{0,20}\d{1,5}号$/.test(bare) || /^[\u4e00-\u9fa5]{2,12}\d{4}[-－—]\d{1,5}号?$/.test(bare) ? bare : null;
}

/**
 * What the generic layer reads, in two strengths. `labelled` is what the page states of itself: a
 * labelled 文号 or issuer, a 成文日期 or the 落款's date, a field labelled 日期. `inferred` is found
 * otherwise: a 文号-shaped string anywhere, the ContentSource meta, the unit above the 落款, a
 * 发布 date. A vendor adapter comes between the two: it knows where its system puts things, but not
 * better than the page's own labels (issue 13: adapters add only what the generic layer cannot know).
 */
export interface GenericLayers {
  labelled: DocumentFacts;
  inferred: DocumentFacts;
  /** The value of a field labelled 标题 (文件标题, 主题…) when it reads as a title: a form's strongest word on it. */
  titleField: string | null;
  /** A meeting's name (会议名称): its notice's title when the page shows none of its own. */
  meetingTitle: string | null;
  /** The unit that signs the body (落款, or a bulletin's masthead): a document's, whatever its title. */
  signedBy: string | null;
  /**
   * Where the post came from (来源, the ContentSource meta, a unit posting it): the issuer only when the
   * document names none of its own — not in a 落款, a red head, a form's caption, nor its title.
   */
  postedFrom: string | null;
}

/** A bulletin's masthead as its signature: the unit that compiled it, and its day when it gives one. */
function mastheadSignature(lines: readonly string[]): { unit: string | null; date: string } | null {
  const head = masthead(lines);
  return head?.date ? { unit: head.unit, date: head.date } : null;
}

/** The day the page says it was published in its metadata (PubDate, article:published_time…). */
function metaDate(doc: Document): string | null {
  const meta = doc.querySelector<HTMLMetaElement>(
    'meta[name="PubDate" i], meta[name="publishdate" i], meta[name="pubdate" i], meta[property="article:published_time"], meta[name="dc.date" i], meta[name="DC.Date.Created" i]',
  );
  return normalizeDate(meta?.content);
}

/** Entries with the details a definition list gives each under its term (<dt><a>title</a></dt><dd>文号：…</dd>). */
function withDetails(entries: readonly Element[]): Element[] {
  const all = [...entries];
  for (const entry of entries) {
    if (entry.tagName !== 'DT') continue;
    for (let next = entry.nextElementSibling; next && next.tagName === 'DD'; next = next.nextElementSibling) all.push(next);
  }
  return all;
}

const firstOf = <T>(lines: readonly string[], read: (line: string) => T | null): T | null => {
  for (const line of lines) {
    const value = read(line);
    if (value !== null) return value;
  }
  return null;
};

const OWN_NUMBER_LABELS: ReadonlySet<string> = new Set(NUMBER_LABELS);

/**
 * The labels dating the activity a record records: the vocabulary's, and those its title names — a
 * record titled …约谈记录 or …座谈记录表 is dated by its 约谈时间 or 座谈日期, whatever the activity is.
 */
function activityDateLabels(title: string): string[] {
  const activity = /([\u4e00-\u9fa5]{2})记录表?$/.exec(title)?.[1];
  return activity ? [...ACTIVITY_DATE_LABELS, `${activity}日期`, `${activity}时间`] : [...ACTIVITY_DATE_LABELS];
}

/**
 * The page's first <h1> that is not the site's masthead: a logo's <h1> (in the page's <header> or banner,
 * or only a link to the site's home page) names the site, not a document.
 */
function pageHeading(doc: Document): Element | null {
  const home = (a: Element | null) => {
    const href = a?.getAttribute('href')?.trim() ?? '';
    return href === '/' || href === './' || /^https?:\/\/[^/]+\/?$/.test(href);
  };
  for (const h1 of Array.from(doc.querySelectorAll('h1'))) {
    if (h1.closest('header, nav, [role="banner"]')) continue;
    const links = Array.from(h1.querySelectorAll('a'));
    if (links.length === 1 && home(links[0]!) && clean(links[0]!.textContent) === clean(h1.textContent)) continue;
    return h1;
  }
  return null;
}

/** The body's lines the generic layer reads (a long page's first 3000). */
const bodyLines = (doc: Document) => textLines(doc.body).slice(0, 3000);

export function readGenericLayers(doc: Document, lines: readonly string[] = bodyLines(doc)): GenericLayers {
  const og = doc.querySelector<HTMLMetaElement>('meta[property="og:title"], meta[name="ArticleTitle"]')?.content;
  // A heading may run its post's byline in (…的通知2026-10-21 09:38 来源：学位办 点击：733): the title ends before it.
  const heading = withoutRunInByline(clean(pageHeading(doc)?.textContent));
  const h1 = heading && headsDocument(heading, doc) ? heading : '';
  // A 文号 in a link, or in a row that lists another document, names that document, not this one.
  const listed = listedRows(doc);
  const text = spacedText(doc.body, { withoutLinks: true, without: withDetails(listed) }).slice(0, 20_000);
  // …and so is one standing alone on its line inside an item of such a list (a sidebar's 推荐内容: a title,
  // under it its 文号). A layout row around the whole body can read as listed too: only an item's size counts.
  const compact = (value: string) => value.replace(/\s+/g, '');
  const outsideItems = compact(spacedText(doc.body, { withoutLinks: true, without: listed.filter(itemSized) }));
  const ownLineNumber = (line: string) => {
    const number = lineDocNumber(line);
    return number !== null && outsideItems.includes(compact(number)) ? number : null;
  };
  // A labelled field inside an entry that lists another document (a 解读's 原文件 box: its link, and under
  // it 文号：… 发文机关：… 成文日期：…) is that document's, unless the page states the value outside such entries too.
  // Only an entry that is the link to its document: a metadata table's row (名称 | 关于…的通知 | 成文日期 | …,
  // or 纪要编号 | … | 所属会议 | <a>…会议</a>) reads as listed too, and is the page's own.
  const isLink = (row: Element) => Array.from(row.querySelectorAll('a[href]')).some((a) => clean(a.textContent).length >= 0.6 * clean(row.textContent).length);
  const entries = withDetails(listed.filter((row) => itemSized(row) && isLink(row)));
  const outsideEntries = entries.length ? compact(spacedText(doc.body, { without: entries })) : '';
  const insideEntries = compact(entries.map((entry) => spacedText(entry)).join(' '));
  const field = (labels: readonly string[], shownOnly = false) => {
    const found = labelledField(doc, labels, lines, { shownOnly });
    if (!found || !entries.length) return found;
    const stated = (text: string) => ['', '：', ':'].some((colon) => text.includes(`${compact(found.label)}${colon}${compact(found.value)}`));
    return stated(insideEntries) && !stated(outsideEntries) ? null : found;
  };
  // Nor is a labelled one in a row of a dated table (a flow's step remarking 编号：某函〔2026〕15号；请改…)
  // the page's own field, unless the page states it outside such rows too.
  const logRows = datedTableRows(doc, true);
  const outsideLogText = logRows.length ? compact(spacedText(doc.body, { without: logRows })) : '';
  const outsideLogs = (value: string | null) => (value && logRows.length && !outsideLogText.includes(value) ? null : value);
  // The vocabulary's labels first, then the page's own [kind]标题 / [kind]编号 (签报标题, 签报编号).
  // An archive's description (题名, 责任者) counts where its 题名 names a document, not a book.
  const archivalTitle = clean(field(ARCHIVAL_TITLE_LABELS)?.value);
  const archived = LEXICONS.documentKind.test(archivalTitle) ? archivalTitle : '';
  const titleIn = (shownOnly: boolean) => clean((field(TITLE_LABELS, shownOnly) ?? field(labelsEndingWith(doc, '标题'), shownOnly))?.value);
  const titled = titleIn(true) || archived;
  // A title labelled only where the page hides it (a viewer's closed properties panel: its file's 标题,
  // a template's name) does not outrank the title the page shows; it stands in when there is none.
  const hiddenTitled = titled ? '' : titleIn(false);
  // 字号 numbers nothing but a document (文件字号, 公文字号), as the page's own [kind]编号 numbers its kind.
  const ownNumberLabels = [...labelsEndingWith(doc, '编号'), ...labelsEndingWith(doc, '字号')].filter((label) => !LEXICONS.otherNumberLabel.test(label));
  const meeting = clean(field(MEETING_TITLE_LABELS)?.value);
  // A labelled issuer longer than a unit's name is a sentence that happened to follow the label.
  const named = (value: string | undefined) => (value && value.length <= 40 ? unitName(value) : null);
  const issuerField = field(ISSUER_LABELS) ?? (archived ? field(ARCHIVAL_ISSUER_LABELS) : null);
  // 发布单位 in a post's byline (发布时间：… 发布单位：… 浏览：…) says who posted it, as 来源 does: the 落款
  // outranks it. In a metadata table (信息公开) it names the issuing body.
  const postedBy = issuerField && /^发布/.test(issuerField.label) && lines.some((line) => isByline(line) && line.includes(issuerField.label));
  const issuerName = postedBy ? null : named(issuerField?.value);
  // A site's footer (主办单位：某办公室 … ICP备…) names who runs the site, not where the post came from.
  const sourceField = field(SOURCE_LABELS);
  const inFooter = sourceField !== null && lines.some((line) => line.includes(sourceField.value) && line.includes(sourceField.label) && FOOTER_LINE.test(line));
  const sourceName = (postedBy ? named(issuerField.value) : null) ?? (inFooter ? null : named(sourceField?.value));
  const labelledUnit = issuerName ?? sourceName;
  // A poster counts when it is a unit (研究生院), not a person or an account.
  const poster = named(field(POSTER_LABELS)?.value);
  const posterUnit = poster && LEXICONS.unitEnd.test(withoutAside(poster)) ? poster : null;
  // A 转发 notice ([body]关于转发《…》的通知, 转发…的通知) signs before what it forwards: its own 落款 is the first.
  const shownTitle = visibleTitle(doc).title ?? '';
  const forwards = [...lines, shownTitle].some((line) => /^(?:\S{0,40}?)?转发.{2,80}的通知$/.test(line));
  const published = fieldDate(field(PUBLISHED_DATE_LABELS)?.value) ?? metaDate(doc) ?? bylineDate(lines) ?? issueDate(lines);
  const signature =
    (labelledUnit ? signatureOf(lines, labelledUnit) : null) ??
    (forwards ? firstSignature(lines) : null) ??
    signatureBlock(lines) ??
    mastheadSignature(lines) ??
    issuedSignature(lines) ??
    yearlessSignature(lines, published ?? fieldDate(field(PLAIN_DATE_LABELS)?.value));
  const source = doc.querySelector<HTMLMetaElement>('meta[name="ContentSource"]')?.content;
  const decreed = decree(lines);
  const written =
    fieldDate(field(WRITTEN_DATE_LABELS)?.value) ??
    signature?.date ??
    fieldDate(field(SENT_DATE_LABELS)?.value) ??
    fieldDate(field(SIGNED_OFF_DATE_LABELS)?.value) ??
    captionDate(lines) ??
    null;
  const plain = written ? null : fieldDate(field(PLAIN_DATE_LABELS)?.value);
  // An activity's date dates the record of it when the page states no other (a notice's meeting is to come).
  const activity = written || plain || published ? null : fieldDate(field(activityDateLabels(shownTitle))?.value);
  return {
    // A 令 names what it publishes; that is the title its page carries.
    titleField: formTitle(titled) ?? decreed?.title ?? null,
    meetingTitle: formTitle(meeting),
    signedBy: signature?.unit ?? null,
    postedFrom: sourceName ?? unitName(source) ?? posterUnit,
    labelled: {
      title: clean(og) || h1 || formTitle(hiddenTitled) || null,
      docNumber:
        outsideLogs(labelledNumber(field(NUMBER_LABELS)?.value)) ?? outsideLogs(labelledNumber(field(ownNumberLabels)?.value)) ?? decreed?.number ?? null,
      // A 令 is signed by the body's head (省长 某某): the body in its mark issues it.
      issuer: signedIssuer(issuerName, issuerField?.label, signature?.unit) ?? decreed?.body ?? null,
      docDate: written ?? plain ?? activity,
      ...(written ? { docDateKind: 'written' as const } : {}),
    },
    inferred: {
      title: tabTitle(doc, lines),
      docNumber: firstOf(lines, ownLineNumber) ?? findDocNumber(text, OWN_NUMBER_LABELS),
      // The 落款 is the document's own signature, as is the red head over the 文号 and the caption of the
      // 发文 form carrying it; 来源 and ContentSource say where the post came from (postedFrom).
      issuer: signature?.unit ?? redHeadBody(lines) ?? issuingFormOf(lines),
      docDate: published,
      ...(published ? { docDateKind: 'published' as const } : {}),
    },
  };
}

/** The generic layer alone, what it states over what it infers, 成文 over 发布. */
export function readGenericFacts(doc: Document): DocumentFacts {
  const layers = readGenericLayers(doc);
  const { labelled, inferred } = layers;
  const dated = labelled.docDate ? labelled : inferred;
  return {
    title: layers.titleField ?? labelled.title ?? layers.meetingTitle ?? inferred.title,
    docNumber: labelled.docNumber ?? inferred.docNumber,
    issuer: labelled.issuer ?? inferred.issuer ?? layers.postedFrom,
    docDate: dated.docDate,
    ...(dated.docDateKind ? { docDateKind: dated.docDateKind } : {}),
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

const textLength = (doc: Document) => (doc.body?.textContent ?? '').replace(/\s+/g, '').length;

/** The same-origin documents of a document's frames (cross-origin ones cannot be read and are passed over). */
function frameDocuments(doc: Document): Document[] {
  const out: Document[] = [];
  for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
    let inner: Document | null = null;
    try {
      inner = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      inner = null;
    }
    if (inner?.body) out.push(inner);
  }
  return out;
}

const MAX_FRAME_DEPTH = 3;

/** The frames inside `doc`, nearest first, and theirs (a 正文 tab's frame holding a viewer's frame). */
function framesWithin(doc: Document): Document[] {
  const out: Document[] = [];
  let level = [doc];
  for (let depth = 0; depth < MAX_FRAME_DEPTH && level.length > 0; depth++) {
    level = level.flatMap(frameDocuments);
    out.push(...level);
  }
  return out;
}

/** Text a frame shows, its own or its fullest nested frame's, whichever is more: a summary frame may hold the document one level down. */
function shownLength(doc: Document, depth: number): number {
  const own = textLength(doc);
  if (depth >= MAX_FRAME_DEPTH) return own;
  return Math.max(own, ...frameDocuments(doc).map((inner) => shownLength(inner, depth + 1)));
}

/**
 * The documents from the page down to the one that holds the content: a portal shell shows the
 * document in a same-origin frame with more text than the shell's own menus (counting what the frame's
 * own frames show, as a summary page around a content frame does); that frame (and its own, to three
 * levels) is followed. The last is the content; those between are frames around it (a form around
 * the body's frame) that may state what the body does not.
 */
export function contentPath(doc: Document, depth = 0): Document[] {
  if (depth >= MAX_FRAME_DEPTH) return [doc];
  let best: Document | null = null;
  let most = textLength(doc);
  for (const inner of frameDocuments(doc)) {
    const length = shownLength(inner, depth + 1);
    if (length > most) {
      best = inner;
      most = length;
    }
  }
  return best ? [doc, ...contentPath(best, depth + 1)] : [doc];
}

export const contentDocument = (doc: Document): Document => contentPath(doc).at(-1)!;

/**
 * A document shown in frames may keep part of its facts in another frame: a form around the body's
 * frame holds the 文号 and title, a summary's inner frame the 落款. What the content does not say is
 * taken from the frames around it (nearest first, not the page itself: its menus and lists are no
 * part of the document), then from its own frames. The content's own reading wins.
 */
function withFramesAround(path: readonly Document[], layers: GenericLayers): GenericLayers {
  const fill = (own: DocumentFacts, more: DocumentFacts): DocumentFacts => {
    const merged = { ...own };
    for (const key of ['title', 'docNumber', 'issuer'] as const) merged[key] = own[key] ?? more[key] ?? null;
    if (!own.docDate && more.docDate) {
      merged.docDate = more.docDate;
      if (more.docDateKind) merged.docDateKind = more.docDateKind;
    }
    return merged;
  };
  const content = path.at(-1)!;
  const around = [...path.slice(1, -1).reverse(), ...framesWithin(content)];
  let { labelled, inferred, titleField, meetingTitle, signedBy, postedFrom } = layers;
  for (const other of around) {
    const more = readGenericLayers(other);
    labelled = fill(labelled, more.labelled);
    inferred = fill(inferred, more.inferred);
    titleField ??= more.titleField;
    meetingTitle ??= more.meetingTitle;
    signedBy ??= more.signedBy;
    postedFrom ??= more.postedFrom;
  }
  return { labelled, inferred, titleField, meetingTitle, signedBy, postedFrom };
}

export function readDocument(doc: Document, href: string): DocumentReading {
  return duringOneReading(() => readDocumentNow(doc, href));
}

function readDocumentNow(doc: Document, href: string): DocumentReading {
  const url = new URL(href);
  // The vendor adapter knows its own frames; the generic layer reads where the content is.
  const adapter = adapterFor(doc, url);
  const path = contentPath(doc);
  const content = path.at(-1)!;
  const lines = bodyLines(content);
  const { labelled, inferred, titleField, meetingTitle, signedBy, postedFrom } = withFramesAround(path, readGenericLayers(content, lines));
  const vendor = adapter?.read(doc, url);
  // A page that only lists documents, or states several, has no facts of its own: whatever a reader
  // finds there belongs to one of them (own-document.ts). The content decides; a portal shell's menus do not.
  const inFrame = visibleTitle(content);
  // A form the reader is filling in that shows no title of its own (a request for a document: its 题名,
  // 发文单位 and 文号 typed into open fields) describes what is asked for, not a document shown.
  const asking = !inFrame.title && typedInto(content);
  // Nor does one person's record (their sex under its label: a health check's report, a transcript).
  if (
    inFrame.list ||
    asking ||
    statesSeveralDocuments(content, lines) ||
    isErrorPage(content, lines) ||
    isSignInPage(content) ||
    isPersonalRecord(content, lines)
  )
    return { vendor: adapter?.vendor ?? 'generic', url: canonicalUrl(doc, href), title: '', docNumber: null, issuer: null, docDate: null };
  // The title the page shows comes first (the shell's, when its frame shows none and is no list).
  const shell = content !== doc && !inFrame.title ? visibleTitle(doc) : null;
  // The content's own title may be what its 正文 prints under the 落款 (the regulation an 印发 notice
  // issues); a frame around it titled as the notice passing it on (关于印发《…》的通知) names the document.
  const passingOn = inFrame.title
    ? path
        .slice(0, -1)
        .reverse()
        .map((around) => visibleTitle(around).title)
        .find((t) => t?.includes(`《${inFrame.title}》`))
    : undefined;
  const shown = passingOn ?? inFrame.title ?? (shell?.list ? null : (shell?.title ?? null));
  // A form's labelled title field first: on a form the heading is the form's own name. But a flow's
  // subject (主题：…申报通知发文) that names no kind of document gives way to the 公文 title its 正文 shows.
  const fieldFirst = !(titleField && shown && !readsAsDocumentTitle(titleField) && readsAsDocumentTitle(shown) && shown.includes('关于'));
  const ordered = fieldFirst ? [titleField, shown] : [shown, titleField];
  const title = [...ordered, meetingTitle, labelled.title, vendor?.title, inferred.title].find((t) => t && !namesSystem(t)) ?? '';
  // No title anywhere, no document shown: what the page states under a label, and a 落款, may still be
  // a document's (one whose title the readers miss), but a service guide's footer 主办单位 and its
  // 发布日期 are no document's issuer and date: without a title only those are read.
  // A unit under a label alone, with no 文号 or date beside it, is a form's (a reimbursement form's 所在部门):
  // a document states more than who it is from. And a day alone, with neither a 文号 nor a unit beside it
  // (a message centre's day over its cards), dates nothing the page shows.
  if (!title) {
    const docNumber = statesNoNumber(content) ? null : labelled.docNumber;
    const issuer = (docNumber || labelled.docDate ? labelled.issuer : null) ?? signedBy;
    const docDate = docNumber || issuer ? labelled.docDate : null;
    return {
      vendor: adapter?.vendor ?? 'generic',
      url: canonicalUrl(doc, href),
      title: '',
      docNumber,
      issuer,
      docDate,
      ...(docDate && labelled.docDateKind ? { docDateKind: labelled.docDateKind } : {}),
    };
  }
  // Per field: what the page labels, then what the vendor adapter knows, then what is inferred.
  const pick = <K extends 'docNumber' | 'issuer' | 'docDate'>(k: K) => labelled[k] ?? vendor?.[k] ?? inferred[k];
  const docDate = pick('docDate');
  const dateFrom = labelled.docDate ? labelled : vendor?.docDate ? vendor : inferred;
  return {
    vendor: adapter?.vendor ?? 'generic',
    url: canonicalUrl(doc, href),
    title,
    // A 文号 found in the text of a page that shows no title of its own (a portal's 待办 line) is not its.
    // The adapter's 文号 must look like one as the generic layer's must (a field may say 无).
    // A page whose own 文号 field is empty says it has none (a value read near that label is another's).
    docNumber: statesNoNumber(content) ? null : (labelled.docNumber ?? labelledNumber(vendor?.docNumber ?? undefined) ?? (title ? inferred.docNumber : null)),
    // The adapter's issuer is a name as the page gives it too: cut and checked like the generic layer's.
    // A unit labelled by its short name (来文单位：省教育厅) in one frame is the one the 落款 in another names in full.
    // A title naming its body ([body]关于…的决议, [body]工作报告) says who issued it; a 来源 only who posted it.
    issuer:
      inFull(labelled.issuer, inferred.issuer) ??
      unitName(vendor?.issuer) ??
      inferred.issuer ??
      titleOwner(title) ??
      postedFrom ??
      unitName(vendor?.drafter) ??
      unitName(vendor?.publisher),
    docDate,
    ...(docDate && dateFrom?.docDateKind ? { docDateKind: dateFrom.docDateKind } : {}),
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
