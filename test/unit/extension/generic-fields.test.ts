/** The generic page layer: labelled fields matched whole with values that stop where they stop, the 落款, and date precedence. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ISSUER_LABELS, SOURCE_LABELS, PUBLISHED_DATE_LABELS, labelledField, signatureBlock, textLines } from '../../../extension/page/generic-fields';
import { contentDocument, readDocument, readGenericFacts } from '../../../extension/page/reader';
import { visibleTitle } from '../../../extension/page/visible-title';

const page = (body: string) =>
  parseHTML(`<!doctype html><html><head><title>流程表单</title></head><body>${body}</body></html>`).document as unknown as Document;
const field = (body: string, labels: readonly string[]) => {
  const doc = page(body);
  return labelledField(doc, labels, textLines(doc.body))?.value ?? null;
};

describe('labelled fields', () => {
  it('reads a value beside its label, under it, in a <dl>, and after "标签：" or a bare label on its line', () => {
    expect(field('<table><tr><td>发文单位：</td><td>党委办公室</td></tr></table>', ISSUER_LABELS)).toBe('党委办公室');
    expect(field('<table><tr><td>所属部门</td><td>日期</td></tr><tr><td>学生工作部</td><td>2022-06-10</td></tr></table>', ISSUER_LABELS)).toBe('学生工作部');
    expect(field('<dl><dt>发布部门</dt><dd>教务处</dd></dl>', ISSUER_LABELS)).toBe('教务处');
    expect(field('<p>发布时间 2022-06-10 09:30</p>', PUBLISHED_DATE_LABELS)).toBe('2022-06-10 09:30');
    expect(field('<p>来源：党委宣传部  浏览次数：35</p>', SOURCE_LABELS)).toBe('党委宣传部');
  });

  it('matches a label whole: 资料来源 is not 来源, and an empty field does not take the next label’s value', () => {
    expect(field('<p>资料来源：《人民日报》2022年6月1日第4版，经整理后刊发于此，供各单位学习参考。</p>', ISSUER_LABELS)).toBeNull();
    expect(field('<p>来源：  点击数：12</p>', ISSUER_LABELS)).toBeNull();
  });
});

describe('the 落款 and the document’s date', () => {
  it('takes the unit and the date at the end of the body, in Chinese numerals too', () => {
    const doc = page('<p>请各单位认真贯彻落实。</p><p>中共某某大学委员会</p><p>二〇二二年六月十日</p>');
    expect(signatureBlock(textLines(doc.body))).toEqual({ unit: '中共某某大学委员会', date: '2022-06-10' });
  });

  it('finds no 落款 in a list of dated notices, and names no unit that does not look like one', () => {
    const list = page(
      '<ul><li>关于开展学习的通知</li><li>2022-06-10</li><li>关于召开座谈会的通知</li><li>2022-06-09</li><li>关于报送材料的通知</li><li>2022-06-08</li></ul>',
    );
    expect(signatureBlock(textLines(list.body))).toBeNull();
    const odd = page('<p>详见附件</p><p>2022年6月10日</p>');
    expect(signatureBlock(textLines(odd.body))).toEqual({ unit: null, date: '2022-06-10' });
  });

  it('dates the document by its 成文日期, labelled or in the 落款, over the day it was published', () => {
    const gov = page('<table><tr><td>发布日期：</td><td>2018-06-12</td></tr><tr><td>成文日期：</td><td>2004-08-26</td></tr></table>');
    // …and says which date it is, for the sidebar to name it (成文日期 / 发布日期).
    expect(readGenericFacts(gov)).toMatchObject({ docDate: '2004-08-26', docDateKind: 'written' });
    const signed = page('<p>发布时间：2022-06-11 10:02</p><p>正文……</p><p>党委办公室</p><p>2022年6月10日</p>');
    expect(readGenericFacts(signed)).toMatchObject({ docDate: '2022-06-10', docDateKind: 'written', issuer: '党委办公室' });
    const published = page('<p>发布时间：2022-06-11 10:02</p><p>正文没有落款。</p>');
    expect(readGenericFacts(published)).toMatchObject({ docDate: '2022-06-11', docDateKind: 'published' });
    expect(readGenericFacts(page('<p>正文没有日期。</p>')).docDateKind).toBeUndefined();
  });
});

describe('the title the page shows', () => {
  it('prefers the document’s own title on the page to a tab named for the system', () => {
    const bar = page('<div class="wf-top-bar"><span class="wf-title">关于开展毕业生离校安全教育工作的通知</span></div><p>正文……</p>');
    expect(visibleTitle(bar)).toEqual({ title: '关于开展毕业生离校安全教育工作的通知', list: false });
    const field = page('<input type="hidden" name="docSubject" value="党委常委会2022年第12次会议纪要"><h2>会议纪要发布流程</h2>');
    expect(visibleTitle(field).title).toBe('党委常委会2022年第12次会议纪要');
  });

  it('takes no system or portal name for a title, and gives none for a list of documents', () => {
    expect(visibleTitle(page('<h1>东江大学网上办事服务大厅</h1>')).title).toBeNull();
    const list = page(
      `<ul>${['关于开展学习的通知', '关于召开座谈会的通知', '关于报送材料的通知', '关于调整作息时间的通知', '关于表彰先进的决定'].map((t) => `<li><a href="#">${t}</a></li>`).join('')}</ul>`,
    );
    expect(visibleTitle(list)).toEqual({ title: null, list: true });
  });
});

describe('where the generic layer reads, and what it trusts', () => {
  it('a portal shell’s same-origin frame with more text than the shell is the document; the shell’s title stands in when the frame has none', () => {
    const shell = page('<div class="nav">首页 通知公告 办事大厅</div><iframe id="main" src="/doc/1"></iframe>');
    const inner = page(
      '<table><tr><td>发布部门</td><td>党委宣传部</td></tr><tr><td>成文日期</td><td>2022-06-10</td></tr></table><p>正文正文正文正文正文正文正文正文。</p>',
    );
    Object.defineProperty(shell.querySelector('iframe')!, 'contentDocument', { get: () => inner });
    expect(contentDocument(shell)).toBe(inner);
    expect(readDocument(shell, 'http://oa.example.edu.cn/portal')).toMatchObject({ issuer: '党委宣传部', docDate: '2022-06-10', docDateKind: 'written' });
    // A frame with less text than the page (a menu) is not the document.
    const small = page('<p>正文正文正文正文正文正文正文正文正文正文。</p><iframe src="/menu"></iframe>');
    Object.defineProperty(small.querySelector('iframe')!, 'contentDocument', { get: () => page('<p>菜单</p>') });
    expect(contentDocument(small)).toBe(small);
  });

  it('what the page labels comes before what a vendor adapter guesses, which comes before what is inferred', () => {
    // A 蓝凌 review form: the adapter would take the 申请时间 of the flow; the form labels its 日期 and 编号.
    const doc = page(
      '<div class="lui_form_baseinfo"><span>申请时间：2022-06-11 14:02</span></div><div class="lui_form_subject">会议纪要发布流程</div>' +
        '<dl><dt>编号</dt><dd>第12号</dd><dt>日期</dt><dd>2022年6月10日</dd></dl><p>引用《关于…的通知》（校发〔2020〕3号）。</p>',
    );
    expect(readDocument(doc, 'http://oa.example.edu.cn/km/review/view.do')).toMatchObject({ vendor: 'landray', docNumber: '第12号', docDate: '2022-06-10' });
  });
});
