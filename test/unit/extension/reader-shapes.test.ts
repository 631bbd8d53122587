/**
 * Shapes of pages the readers meet on systems nobody wrote them for: a stale title kept hidden, a
 * received document's two numbers, pages that state several documents, a collaboration that passes a
 * document on in a frame of its own. Pages made up here, with invented units and numbers.
 */
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { hasListControls, statesSeveralDocuments } from '../../../extension/page/own-document';
import { contentDocument, readDocument } from '../../../extension/page/reader';
import { signatureBlock, textLines } from '../../../extension/page/generic-fields';

const page = (body: string, title = '办公平台') =>
  parseHTML(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`).document as unknown as Document;
const paragraph = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：请各单位结合实际认真组织实施，按期报送工作进展，确保各项任务落到实处。</p>`).join('');
const read = (doc: Document) => readDocument(doc, 'http://oa.example.edu.cn/view.do?id=1');

/** Hands `inner` out as the contentDocument of the frame `frame` of `outer`, as a same-origin frame is. */
function frame(outer: Document, inner: Document, selector = 'iframe') {
  Object.defineProperty(outer.querySelector(selector)!, 'contentDocument', { get: () => inner });
}

describe('hidden copies of a title', () => {
  it('a visible title wins over a stale one in a hidden drawer and a hidden subject field', () => {
    const doc = page(
      `<input type="hidden" name="docSubject" value="关于调整春季作息时间的通知">
       <div class="drawer" style="display: none"><div class="title">关于调整春季作息时间的通知</div></div>
       <div aria-hidden="true"><h2>关于调整春季作息时间的通知</h2></div>
       <div class="news_title">关于调整夏季作息时间的通知</div>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('关于调整夏季作息时间的通知');
  });

  it('a hidden subject field is still the title when the page shows none', () => {
    const doc = page(`<input type="hidden" name="docSubject" value="第三次专题会议纪要"><dl><dt>内容</dt><dd>${paragraph(2)}</dd></dl>`);
    expect(read(doc).title).toBe('第三次专题会议纪要');
  });
});

describe('a received document (收文)', () => {
  it('its 文号 is the sender’s 来文字号, not the office’s 收文编号', () => {
    const doc = page(
      `<table><tr><td>收文编号</td><td>收〔2024〕0412号</td><td>收文日期</td><td>2024-05-10</td></tr>
       <tr><td>来文单位</td><td>某省教育厅</td><td>来文字号</td><td>某教发〔2024〕7号</td></tr>
       <tr><td>标题</td><td>关于开展教材专项检查的通知</td></tr></table>${paragraph(2)}`,
    );
    expect(read(doc).docNumber).toBe('某教发〔2024〕7号');
  });
});

describe('pages that state several documents have none of their own', () => {
  it('a batch print of three documents, each with its labelled table, gives no facts', () => {
    const one = (n: number) =>
      `<table><tr><td>标题</td><td>关于第${n}项工作安排的通知</td><td>文号</td><td>某办〔2024〕${n}号</td></tr>
       <tr><td>发文单位</td><td>办公室</td><td>成文日期</td><td>2024-04-0${n}</td></tr></table>${paragraph(2)}`;
    const doc = page(one(1) + one(2) + one(3));
    expect(statesSeveralDocuments(doc, textLines(doc.body))).toBe(true);
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('search results that label each hit’s 来源 give no facts, though each hit has a snippet of prose', () => {
    const hit = (n: number, unit: string) =>
      `<div class="hit"><h3><a href="/n/${n}">关于第${n}批项目验收工作的通知</a></h3><p>经研究，现将第${n}批项目验收有关事项通知如下……</p><p>来源：${unit} 2024-0${n}-10</p></div>`;
    const doc = page(`<div>找到 3 条结果</div>${hit(1, '科研处')}${hit(2, '资产处')}${hit(3, '科研处')}`);
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('one document that states its 文号 twice, the same each time, keeps it', () => {
    const doc = page(`<h1>关于做好节能工作的通知</h1><p>文号：某后〔2024〕3号</p>${paragraph(3)}<table><tr><td>文号</td><td>某后〔2024〕3号</td></tr></table>`);
    expect(statesSeveralDocuments(doc, textLines(doc.body))).toBe(false);
    expect(read(doc).docNumber).toBe('某后〔2024〕3号');
  });
});

describe('a collaboration passing a document on', () => {
  it('转发： names the passed-on document, whose own frame gives its 落款', () => {
    const shell = page(`<div class="menu">${'<a href="#">待办事项</a>'.repeat(5)}</div><iframe src="/summary.do"></iframe>`);
    const summary = page(
      `<div class="summary_title">转发：关于做好暑期安全教育工作的通知</div>
       <div class="comments">${paragraph(6)}</div><iframe src="/content.do"></iframe>`,
    );
    const content = page(`<p style="text-align:center">关于做好暑期安全教育工作的通知</p>${paragraph(3)}<p>某市教育局</p><p>2024年6月25日</p>`);
    frame(shell, summary);
    frame(summary, content);
    expect(contentDocument(shell)).toBe(summary);
    const reading = read(shell);
    expect(reading.title).toBe('关于做好暑期安全教育工作的通知');
    expect(reading.issuer).toBe('某市教育局');
    expect(reading.docDate).toBe('2024-06-25');
  });

  it('a summary frame shorter than the shell still leads to the document one frame down', () => {
    const shell = page(`<div class="portal">${paragraph(4)}</div><iframe src="/summary.do"></iframe>`);
    const summary = page(`<div>协同详情</div><iframe src="/content.do"></iframe>`);
    const content = page(`<h2>关于开展校园环境整治的通知</h2>${paragraph(8)}`);
    frame(shell, summary);
    frame(summary, content);
    expect(contentDocument(shell)).toBe(content);
    expect(read(shell).title).toBe('关于开展校园环境整治的通知');
  });
});

describe('whose 文号 it is', () => {
  it('a 文号 after a title ending in its kind, in brackets, is a citation even without 《》', () => {
    const doc = page(`<h2>关于报送年度总结的提醒</h2><p>根据关于做好年度考核工作的通知（某办〔2024〕22号）要求，请于月底前报送。</p>`);
    expect(read(doc).docNumber).toBeNull();
  });

  it('a 文号 inside a link names the linked document', () => {
    const doc = page(`<h2>教学服务平台</h2><ul><li><a href="/n/1">关于评教工作的安排（某教〔2024〕6号）</a></li></ul><p>欢迎使用。</p>`);
    expect(read(doc).docNumber).toBeNull();
  });

  it('a line that is only a 文号, as the red-head prints it, counts even without 号; a cited one in the body does not', () => {
    const doc = page(`<h2>关于评选先进集体的通知</h2><p>某团发（2024）18</p><p>根据《评优办法》（某团发（2021）7）要求，现开展评选。</p>${paragraph(2)}`);
    expect(read(doc).docNumber).toBe('某团发（2024）18');
  });

  it('a 文号 alone on its line in a sidebar entry that names another document is that document’s', () => {
    const doc = page(
      `<h2>关于征集年度科技成果项目的通知</h2>${paragraph(3)}<p>某某中心</p><p>2024年3月20日</p>
       <div class="side"><dl><dt>推荐内容</dt><dd><ul><li><a>某省技术合同登记管理办法</a><p>某科规〔2023〕4号</p></li></ul></dd></dl></div>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a field label run into its 文号 on one line is not part of the 文号', () => {
    const doc = page(`<h2>关于开展纪律教育的通知</h2><div>发文字号北教发(2024)5号</div>${paragraph(2)}`);
    expect(read(doc).docNumber).toBe('北教发(2024)5号');
  });
});

describe('which 落款, which title, which date', () => {
  it('a 转发 notice is dated by its own 落款, signed by the unit it labels as issuer, not by what it forwards', () => {
    const doc = page(
      `<h2>关于转发《某厅关于举办教学竞赛的通知》的通知</h2><p>发布单位：教务处　发布日期：2024-04-03</p>${paragraph(2)}
       <p>教务处</p><p>2024年4月2日</p><p>某省教育厅</p><p>某教高〔2024〕9号</p>${paragraph(2)}<p>某省教育厅</p><p>2024年3月25日</p>`,
    );
    expect(read(doc).docDate).toBe('2024-04-02');
  });

  it('a form’s labelled 标题 is the document’s title, over the heading that names the form', () => {
    const doc = page(
      `<h1>某某大学发文稿纸</h1><table><tr><td>标题</td><td>关于做好期中教学检查工作的通知</td></tr><tr><td>文号</td><td>某教〔2024〕3号</td></tr></table>`,
    );
    expect(read(doc).title).toBe('关于做好期中教学检查工作的通知');
  });

  it('a short tab title that names no kind of document is the page’s name, not a title', () => {
    expect(read(page('<div>六月</div>', '日程事件')).title).toBe('');
    expect(read(page('<div>六月</div>', '关于调整作息时间的通知')).title).toBe('关于调整作息时间的通知');
  });

  it('a visit record is dated by its 走访日期; a page only touched on a day by its 最后修改时间', () => {
    const visit = page(`<span class="record-title">辅导员走访学生宿舍记录表</span><table><tr><th>走访日期</th><td>2024年6月8日</td></tr></table>`);
    expect(read(visit)).toMatchObject({ title: '辅导员走访学生宿舍记录表', docDate: '2024-06-08' });
    const touched = page(`<h2>关于暑期值班的安排</h2><div>发布部门：学院党委　最后修改时间：2024-06-10 11:20　浏览：86</div>${paragraph(2)}`);
    expect(read(touched).docDate).toBe('2024-06-10');
  });

  it('a 责任部门 cell names the issuer; a 主办单位 line in the body (an event’s organisers) yields to 来源', () => {
    const form = page(`<table><tr><th>责任部门</th><th>文件编号</th></tr><tr><td>资产管理处</td><td>某资〔2024〕2号</td></tr></table>`);
    expect(read(form).issuer).toBe('资产管理处');
    const notice = page(`<h2>关于召开毕业生党员座谈会的通知</h2><p>来源：学生工作部</p><p>主办单位：党委学生工作部、党委组织部</p>${paragraph(2)}`);
    expect(read(notice).issuer).toBe('学生工作部');
  });
});

describe('shapes met on the fourth corpus', () => {
  it('a date under its own label at the end of a property list (有效期至) is no 落款', () => {
    const doc = page(`<h2>关于规范差旅报销的通知</h2>${paragraph(2)}<dl><dt>发布时间</dt><dd>2024-10-09 09:10</dd><dt>有效期至</dt><dd>2025-10-09</dd></dl>`);
    expect(read(doc).docDate).toBe('2024-10-09');
  });

  it('a mobile form’s labels stand above their values, in elements of their own (a value may be a control)', () => {
    const doc = page(
      `<div class="item"><div class="label">公文标题</div><div class="value"><input value="关于做好毕业生离校工作的通知"></div></div>
       <div class="item"><div class="label">发文单位</div><div class="value">学生工作处</div></div>
       <div class="item"><div class="label">成文日期</div><div class="value">2024年6月3日</div></div>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于做好毕业生离校工作的通知', issuer: '学生工作处', docDate: '2024-06-03' });
  });

  it('a title that opens with the issuing body’s name before 关于 reads as a title (GB/T 9704)', () => {
    const doc = page(`<div style="text-align:center">某市教育局办公室关于做好秋季学期<br>教材征订工作的通知</div>${paragraph(3)}`, '公文打印');
    expect(read(doc).title).toBe('某市教育局办公室关于做好秋季学期教材征订工作的通知');
  });

  it('a 文号 inside 《》 names a document under discussion, not this page’s', () => {
    const doc = page(`<table><tr><td>6<div>10:00 审议《某大发〔2024〕70号》修订稿</div></td></tr></table>`, '日程');
    expect(read(doc).docNumber).toBeNull();
  });

  it('a 来源 that names a website is no issuer; the 落款 is', () => {
    const doc = page(
      `<h2>关于研究生中期考核的通知</h2><p>来源：某大学研究生院网站　发布时间：2024-12-10</p>${paragraph(3)}<p>研究生院</p><p>2024年12月9日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '研究生院', docDate: '2024-12-09' });
  });

  it('a form frame around the body’s frame gives the title and 文号 the body does not', () => {
    const shell = page(`<div class="nav">公文管理</div><iframe src="/form.do"></iframe>`, '协同办公平台');
    const form = page(
      `<table><tr><td>发文字号</td><td>某研〔2024〕9号</td></tr><tr><td>标　题</td><td>关于印发导师职责细则的通知</td></tr></table><iframe src="/body.do"></iframe>`,
    );
    const body = page(`${paragraph(10)}<p>研究生院</p><p>2024年10月21日</p>`);
    frame(shell, form);
    frame(form, body);
    expect(contentDocument(shell)).toBe(body);
    expect(read(shell)).toMatchObject({ title: '关于印发导师职责细则的通知', docNumber: '某研〔2024〕9号', docDate: '2024-10-21' });
  });
});

describe('shapes met on the fifth corpus', () => {
  it('a 落款 unit with an aside (党委学生工作部（学生处）) is a unit; 来源：本站 is none', () => {
    const doc = page(
      `<h2>关于评选优秀学生干部的通知</h2><p>来源：本站　时间：2024年5月28日</p>${paragraph(3)}<p>党委学生工作部（学生处）</p><p>2024年5月27日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '党委学生工作部（学生处）', docDate: '2024-05-27' });
  });

  it('the 落款 outranks a 来源 that names a division; a 签发日期 on the form yields to the 落款 printed on the document', () => {
    const doc = page(
      `<h2>关于做好教师暑期培训工作的通知</h2><p>来源：基础教育处 【打印】</p>${paragraph(3)}<p>某省教育厅</p><p>二〇二三年六月二十六日</p><table><tr><td>签发日期</td><td>2023-06-20</td></tr></table>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某省教育厅', docDate: '2023-06-26' });
  });

  it('a byline’s date ([2024-05-13] 来源：… 撰稿：…) and a PubDate meta date a post that states no other', () => {
    const byline = page(`<h2>学院举办学术交流活动</h2><div>[2024-05-13] 来源：生命科学学院 撰稿：王某</div>${paragraph(3)}`);
    expect(read(byline).docDate).toBe('2024-05-13');
    const meta = parseHTML(`<html><head><meta name="PubDate" content="2024-10-16"></head><body><h2>职业教育行动方案政策解读</h2>${paragraph(3)}</body></html>`)
      .document as unknown as Document;
    expect(read(meta)).toMatchObject({ title: '职业教育行动方案政策解读', docDate: '2024-10-16', docDateKind: 'published' });
  });

  it('a 公告’s number on its own line (2024年第3号), and a labelled 文号 printed without 号', () => {
    const notice = page(`<h2>某市教育局公告</h2><p>2024年第3号</p><p>根据公告2024年第1号，现将有关事项公告如下。</p>${paragraph(2)}`);
    expect(read(notice).docNumber).toBe('2024年第3号');
    const labelled = page(`<table><tr><td>文号</td><td>某教字〔2024〕18</td><td>登记号</td><td>ABCD-2024-0001</td></tr></table>${paragraph(2)}`);
    expect(read(labelled).docNumber).toBe('某教字〔2024〕18');
  });

  it('a 发文稿纸 whose title opens with the issuing body gives that body as issuer when nothing else does', () => {
    const doc = page(
      `<h2>某市教育局发文稿纸</h2><table><tr><td>拟稿单位</td><td>基础教育股</td></tr><tr><td>标　题</td><td><input readonly value="某市教育局关于开展食品安全专项检查的通知"></td></tr></table>`,
    );
    expect(read(doc)).toMatchObject({ title: '某市教育局关于开展食品安全专项检查的通知', issuer: '某市教育局' });
  });

  it('four search hits with summaries and no prose beside them are a list, not a document', () => {
    const hit = (n: number) =>
      `<li><a href="/r/${n}">某厅关于公布第${n}批课程认定结果的通知</a><p>…文号：某教高〔2024〕${n}号 成文日期：2024-04-2${n} …共认定课程一百余门…</p><p>site/r/${n}　2024-05-0${n}</p></li>`;
    const doc = page(`<div>找到约 137 条结果</div><ul>${hit(1)}${hit(2)}${hit(3)}${hit(4)}</ul>`);
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('shapes met on the sixth corpus', () => {
  it('a 纪要 with no 落款 is dated and issued by its 版记’s 印发 line; a 红头 document keeps its 落款 over the 版记', () => {
    const minutes = page(`<h2>2024年第8次院长办公会议纪要</h2><p>会议时间：2024年5月14日</p>${paragraph(3)}<p>学院办公室　2024年5月16日印发</p>`);
    expect(read(minutes)).toMatchObject({ issuer: '学院办公室', docDate: '2024-05-16' });
    const redhead = page(
      `<h2>关于加强师德建设的通知</h2>${paragraph(3)}<p>中共某大学委员会</p><p>2024年3月28日</p><p>中共某大学委员会办公室　2024年3月29日印发</p>`,
    );
    expect(read(redhead)).toMatchObject({ issuer: '中共某大学委员会', docDate: '2024-03-28' });
  });

  it('a school signs as a 中学 or 小学', () => {
    const doc = page(`<h2>关于新生报到注册的通知</h2><p>文章来源：本站原创　更新时间：2024-09-02</p>${paragraph(3)}<p>某市第三中学</p><p>2024年8月30日</p>`);
    expect(read(doc)).toMatchObject({ issuer: '某市第三中学', docDate: '2024-08-30' });
  });

  it('an error page’s tab title is no document’s title', () => {
    expect(read(page('<div>404</div><p>您访问的页面不存在</p>', '404 页面不存在 - 某省教育厅')).title).toBe('');
  });
});

describe('shapes met on the seventh corpus', () => {
  it('a news post’s title is the line over its byline, whatever words it uses', () => {
    const doc = page(
      `<div class="site">某大学党委巡察工作办公室</div><h2>校党委第二巡察组向机械学院党委反馈巡察情况</h2><div class="info">来源：巡察办　发布时间：2025-05-16　浏览次数：308</div>${paragraph(3)}`,
      '某大学党委巡察工作办公室',
    );
    expect(read(doc)).toMatchObject({ title: '校党委第二巡察组向机械学院党委反馈巡察情况', docDate: '2025-05-16' });
  });

  it('a 简报 is titled with its issue in an aside, and signed by its masthead’s “编” line', () => {
    const doc = page(
      `<div>工作简报</div><div>第5期（总第5期）</div><p>某大学党纪学习教育工作领导小组办公室　编　2024年5月20日</p><h3>某大学党纪学习教育工作简报（第5期）</h3>${paragraph(4)}`,
    );
    expect(read(doc)).toMatchObject({ title: '某大学党纪学习教育工作简报（第5期）', issuer: '某大学党纪学习教育工作领导小组办公室', docDate: '2024-05-20' });
  });

  it('a meeting notice is dated by its publication, not by the meeting to come', () => {
    const doc = page(
      `<div>会议名称：关于召开党风廉政建设工作推进会的通知</div><div>发布单位：党委办公室</div><div>发布时间：2025-06-11 15:36</div><div>会议时间：2025-06-18 14:30</div>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于召开党风廉政建设工作推进会的通知', docDate: '2025-06-11' });
  });

  it('a short page that says it failed gives no facts, whatever time it prints', () => {
    const doc = page(`<div>该事项已被发起人撤销或您无权查看！</div><div>错误代码：AFFAIR_NOT_EXIST　时间：2025-05-22 10:43:17</div>`, '协同办公平台');
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('shapes met on the eighth corpus', () => {
  it('a 纪要 dated by its masthead’s “unit date” line over the day it was posted', () => {
    const doc = page(
      `<h2>某大学校长办公会议纪要</h2><p>发布部门：校长办公室　发布时间：2025-05-19 08:30</p><p>〔2025〕第9期</p><p>校长办公室　　　2025年5月16日</p>${paragraph(3)}`,
    );
    expect(read(doc).docDate).toBe('2025-05-16');
  });

  it('a 转发 notice whose title opens with its body signs first, before the forwarded document’s 落款', () => {
    const doc = page(
      `<h2>某市教育局关于转发《某厅关于加强课后服务管理的通知》的通知</h2><p>某教发〔2025〕37号</p>${paragraph(2)}<p>某市教育局</p><p>2025年9月19日</p><p>某厅关于加强课后服务管理的通知</p>${paragraph(2)}<p>某省教育厅</p><p>2025年9月5日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某市教育局', docDate: '2025-09-19' });
  });

  it('search hits in <div>s, counted by the page, are a list', () => {
    const hit = (title: string, unit: string, date: string) =>
      `<div class="item"><h3><a>${title}</a></h3><p>各学院：为做好工作……某大发〔2025〕118号……</p><span>${unit} ${date}</span></div>`;
    const doc = page(
      `<div>找到约 23 条与“安全检查”相关的结果</div>${hit('关于开展秋季学期安全检查的通知', '保卫处', '2025-09-09')}${hit('保卫处召开春季安全检查工作部署会', '保卫处', '2025-03-05')}${hit('关于开展实验室安全检查的通知', '资产处', '2024-10-12')}`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 信息公开 index whose 文号 column holds several numbers lists documents', () => {
    const rows = [1, 2, 3].map((n) => `<tr><td>${n}</td><td>某厅关于第${n}项工作的通知</td><td>某教〔2025〕${n}号</td><td>2025-11-2${n}</td></tr>`).join('');
    const doc = page(`<table><tr><td>序号</td><td>名称</td><td>文号</td><td>成文日期</td></tr>${rows}</table>`);
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 文号 in a portal’s 待办 line, on a page with no title of its own, is not the page’s', () => {
    const doc = page(`<h3>待办事项（7）</h3><ul><li>【收文】某教办〔2025〕91号 <span>昨天</span></li></ul><h3>日程</h3><div>无</div>`, '信息门户');
    expect(read(doc).docNumber).toBeNull();
  });

  it('“文档不存在或已被删除” is an error page', () => {
    const doc = page(`<div>您访问的文档不存在或已被删除！</div><div>时间：2025-12-03 09:12</div>`, '蓝凌');
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });
});

describe('shapes met on the ninth corpus', () => {
  it('a red-head’s title set large in a plain <div> is the title; its issue line is the 纪要’s number', () => {
    const doc = page(`<div style="font-size:34px;text-align:center">某大学校长办公会议纪要</div><p>〔2025〕第19期</p>${paragraph(3)}`, '打印');
    expect(read(doc)).toMatchObject({ title: '某大学校长办公会议纪要', docNumber: '〔2025〕第19期' });
  });

  it('a listed notice with its date in brackets is an item, not the page’s title', () => {
    const doc = page(`<h3>系统公告</h3><div>关于启用新版信息门户的通知（2025-09-01）</div><form><input name="u"><button>登录</button></form>`, '统一身份认证');
    expect(read(doc).title).toBe('');
  });

  it('a 文号-shaped number under a label naming another thing (政府采购计划编号) is not the page’s 文号', () => {
    const doc = page(
      `<h2>实验设备采购项目公开招标公告</h2><p>发布时间：2025-11-21</p><p>项目编号：ZC2025-0317</p><p>政府采购计划编号：某财采计〔2025〕10482号</p>${paragraph(2)}`,
    );
    expect(read(doc).docNumber).toBeNull();
  });
});

describe('shapes met on the tenth corpus', () => {
  it('a meeting notice’s own title outranks the 会议名称 field; the field stands in when the page shows none', () => {
    const shown = page(`<h2>关于召开全校本科教学工作会议的通知</h2><table><tr><td>会议名称</td><td>全校本科教学工作会议</td></tr></table>${paragraph(2)}`);
    expect(read(shown).title).toBe('关于召开全校本科教学工作会议的通知');
    const field = page(`<div>会议名称：关于召开党风廉政建设推进会的通知</div><div>发布时间：2025-06-11</div>`);
    expect(read(field).title).toBe('关于召开党风廉政建设推进会的通知');
  });

  it('a 纪要 header with the unit run into its date, and a 转发…的通知 signing before what it forwards', () => {
    const minutes = page(`<h2>某大学党委常委会会议纪要</h2><p>〔2026〕第6期</p><p>中共某大学委员会办公室2026年3月19日</p>${paragraph(3)}`);
    expect(read(minutes).docDate).toBe('2026-03-19');
    const forward = page(
      `<h2>转发市教育局关于做好招生入学工作的通知</h2><p>某教发〔2026〕21号</p>${paragraph(2)}<p>某区教育局</p><p>二〇二六年四月十七日</p><p>某市教育局关于做好招生入学工作的通知</p>${paragraph(2)}<p>某市教育局</p><p>2026年4月8日</p>`,
    );
    expect(read(forward)).toMatchObject({ issuer: '某区教育局', docDate: '2026-04-17' });
  });

  it('a 待办 table without links, each row a title and a date, is a list; a title with its 文号 in brackets names a listed document', () => {
    const rows = [1, 2, 3]
      .map((n) => `<tr><td>关于开展第${n}批安全检查工作的通知（某发〔2026〕${n}号）</td><td>喻某</td><td>2026-03-0${n} 09:12</td><td>发文</td></tr>`)
      .join('');
    const doc = page(`<table><tr><th>标题</th><th>发起人</th><th>时间</th><th>类型</th></tr>${rows}</table>`, '待办事项');
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('a category tag before a title', () => {
  it('【主题党日】 or [学习教育] before a notice’s title is the list’s filing, not part of the title', () => {
    const doc = page(
      `<table><tr><td style="font-size:24px"><font color="#ff0000">【主题党日】</font>关于开展主题党日活动的通知</td></tr></table>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('关于开展主题党日活动的通知');
  });
});

describe('what a twelfth hand’s pages taught (heldout-11 and heldout-12, opened after their first score)', () => {
  it('a 发文稿纸 signed by the school is the school’s, though a department drafted it', () => {
    const doc = page(
      `<table class="excelMainTable"><tr><td>文件标题</td><td>关于做好冬季消防安全工作的通知</td></tr>
       <tr><td>发文字号</td><td>某大发〔2026〕9号</td></tr><tr><td>拟稿部门</td><td>保卫处</td></tr></table>
       <h3>关于做好冬季消防安全工作的通知</h3>${paragraph(3)}<p>某某大学</p><p>2026年11月3日</p>`,
    );
    expect(readDocument(doc, 'http://oa.example.edu.cn/spa/workflow/static4form/index.html')).toMatchObject({ issuer: '某某大学', docDate: '2026-11-03' });
    // With no 落款, the drafting department is who it is from.
    const unsigned = page(
      `<table class="excelMainTable"><tr><td>文件标题</td><td>关于做好冬季消防安全工作的通知</td></tr><tr><td>拟稿部门</td><td>保卫处</td></tr></table>${paragraph(3)}`,
    );
    expect(readDocument(unsigned, 'http://oa.example.edu.cn/spa/workflow/static4form/index.html').issuer).toBe('保卫处');
  });

  it('the 落款 is found above an OA form’s attachments, related items and signing trail', () => {
    const trail = Array.from({ length: 8 }, (_, i) => `<p>经办人${i + 1}（某处） 已阅 2026-10-2${i} 10:0${i}</p>`).join('');
    const doc = page(
      `<h2>关于召开年终考核工作会议的通知</h2>${paragraph(3)}<p>人事处</p><p>2026年12月1日</p>
       <p>附件：考核表.docx</p><p>关联事项</p><p>关于印发考核办法的通知</p><p>2026-03-04</p>${trail}`,
    );
    expect(read(doc)).toMatchObject({ issuer: '人事处', docDate: '2026-12-01' });
  });

  it('a byline set in elements of their own gives each value up to its element’s end', () => {
    const doc = page(
      `<h2>关于开展读书月活动的通知</h2><div class="info"><span>栏目：通知公告</span><span>发布部门：图书馆</span><span>发布时间：2026-04-02 09:30</span></div>${paragraph(3)}`,
    );
    expect(read(doc)).toMatchObject({ issuer: '图书馆', docDate: '2026-04-02' });
    const poster = page(`<h2>关于开展读书月活动的通知</h2><p>发布者：研究生院 发布时间：2026-04-02</p>${paragraph(3)}`);
    expect(read(poster).issuer).toBe('研究生院');
  });

  it('a bulletin’s masthead with its date run on after 编, or on the line below', () => {
    const runOn = page(`<h2>某大学工作简报（2026年第3期）</h2><div><span>某大学校长办公室编</span><span>2026年6月5日</span></div>${paragraph(3)}`);
    expect(read(runOn)).toMatchObject({ issuer: '某大学校长办公室', docDate: '2026-06-05' });
    const below = page(`<h2>某大学工作简报（2026年第3期）</h2><p>某大学校长办公室编</p><p>2026年6月5日</p>${paragraph(3)}`);
    expect(read(below).docDate).toBe('2026-06-05');
  });

  it('a 文号 the text runs straight on from is mentioned, not the page’s own; a 题注 ending in 印发 states its own', () => {
    const mentioned = page(`<h2>某学院工作动态</h2><p>会议听取了督查〔2026〕第4号督办事项的落实情况，要求抓紧推进。</p>${paragraph(3)}`);
    expect(read(mentioned).docNumber).toBeNull();
    const caption = page(`<h2>某大学实验室安全管理办法</h2><p>（2026年3月2日校长办公会通过　某大发〔2026〕11号印发）</p>${paragraph(3)}`);
    expect(read(caption).docNumber).toBe('某大发〔2026〕11号');
  });

  it('a label run into its number is cut off whatever its first characters (公文文号…)', () => {
    const doc = page(`<h2>关于同意设立某研究中心的批复</h2><div><span>公文文号</span><span>某大复〔2026〕2号</span></div>${paragraph(3)}`);
    expect(read(doc).docNumber).toBe('某大复〔2026〕2号');
  });

  it('a regulation titled [body][matter][kind] is that body’s when nothing else on the page names who issued it', () => {
    const doc = page(`<h2>某某师范大学学生宿舍管理办法</h2><p>归口部门：学生工作部</p>${paragraph(3)}`);
    expect(read(doc).issuer).toBe('某某师范大学');
  });

  it('a 转发 notice’s title wins over the title of the document it forwards, printed below it', () => {
    const doc = page(
      `<table><tr><td class="tit">关于转发《某市教育局关于做好秋季开学工作的通知》的通知</td></tr></table>${paragraph(2)}<p>某区教育局</p><p>2026年8月20日</p>
       <p align="center"><b>某市教育局关于做好秋季开学工作的通知</b></p>${paragraph(2)}<p>某市教育局</p><p>2026年8月12日</p>`,
    );
    expect(read(doc).title).toBe('关于转发《某市教育局关于做好秋季开学工作的通知》的通知');
  });
});

describe('what heldout-13 taught (opened after its first score)', () => {
  it('a portal whose portlets list notices without links, each beside its date, is a list: nothing of its own', () => {
    const portlet = (name: string, n: number) =>
      `<div class="pl"><h4>${name}</h4><ul>${Array.from({ length: n }, (_, i) => `<li><span>关于做好第${i + 1}项重点工作的通知</span><i>11-0${i + 1}</i></li>`).join('')}</ul></div>`;
    const doc = page(`${portlet('待办事宜', 4)}${portlet('公文通知', 5)}<div>快捷入口 发起流程 写邮件</div>`, '协同办公平台');
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('search hits in <div>s without links, each a title, a summary and an address with its date, are a list', () => {
    const hit = (n: number) =>
      `<div class="item"><div class="t">关于第${n}批实验室安全检查的通知</div><div class="d">各学院：根据学校安排，现将第${n}批检查有关事项通知如下……</div><div class="u">www.example.edu.cn/info/${n}.htm　2026-0${n}-12</div></div>`;
    const doc = page(`<div class="sum">找到与“检查”相关的结果约 31 条</div>${[1, 2, 3, 4, 5].map(hit).join('')}`, '站内搜索');
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 文号 followed by another document’s title in a sidebar row names that document', () => {
    const doc = page(
      `<h2>关于召开第四季度安全工作会议的通知</h2>${paragraph(3)}<p>保卫处</p><p>2026年10月8日</p>
       <div class="side"><p>· 某大发〔2025〕7号 某大学安全工作责任制实施办法</p></div>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a labelled unit given as its organisation’s path names the last unit', () => {
    const doc = page(`<h2>关于召开质量分析会的通知</h2><div><span>所属部门：某某医院/医务部</span></div>${paragraph(3)}`);
    expect(read(doc).issuer).toBe('医务部');
  });

  it('a page that tells the reader they may not see the document, at length, states none of its facts', () => {
    const doc = page(
      `<h3>对不起，您没有查看该文件的权限！</h3><p>该文件的阅读范围不包含您所在的部门，或该文件已被撤回。如需查阅，请联系拟稿人申请授权。</p>
       <p>请确认您以正确的账号登录；若通过待阅消息进入，该消息可能已过期，请刷新后重试。</p>
       <p>错误代码：GW-403　请求编号：7a1c　时间：2026-11-02 09:41:07</p><p>联系电话：6231205（工作日 8:00—12:00，14:30—17:30）</p>
       <p>温馨提示：涉密文件请通过纸质传阅，严禁在协同平台上传、流转涉密信息。</p>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 落款 by a Party school or a press is a unit’s', () => {
    const doc = page(
      `<h2>关于做好秋季学期教学安排的通知</h2>${paragraph(3)}<p>中共某市委党校</p><p>2026年8月28日</p><p>某市委党校办公室　2026年8月31日印发</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '中共某市委党校', docDate: '2026-08-28' });
  });

  it('a 督办通知单 is issued by its 督办单位 on its 督办日期', () => {
    const doc = page(
      `<h2>某大学督办通知单</h2><table><tr><td>督办事项</td><td>关于节前安全检查问题整改的督办通知</td></tr>
       <tr><td>督办单位</td><td>某大学党政办公室</td></tr><tr><td>督办日期</td><td>2026年9月28日</td></tr>
       <tr><td>办结时限</td><td>2026年10月15日</td></tr></table>${paragraph(2)}`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某大学党政办公室', docDate: '2026-09-28' });
  });
});

describe('what heldout-14 taught (opened after its first score)', () => {
  it('a 落款 above a sidebar of dated items is still the 落款; the items’ dates are theirs', () => {
    const items = ['教学检查工作会', '招生总结会', '录取动员会'].map((t, i) => `<li>2026年${t}<br><span>2026-0${i + 6}-1${i}</span></li>`).join('');
    const doc = page(`<h2>关于召开招生宣传工作会议的通知</h2>${paragraph(3)}<div>招生办公室<br>2026年11月5日</div><h4>近期会议</h4><ul>${items}</ul>`);
    expect(read(doc)).toMatchObject({ issuer: '招生办公室', docDate: '2026-11-05' });
  });

  it('a label in an element of its own gives the text right after it, up to the next label', () => {
    const doc = page(
      `<h2>关于举办教职工运动会的通知</h2><div class="meta"><b>发文单位：</b>某大学工会、某大学妇女委员会　<b>分发人：</b>王某</div>${paragraph(3)}`,
    );
    expect(read(doc).issuer).toBe('某大学工会、某大学妇女委员会');
  });

  it('a unit’s cell that goes on with another field gives the unit only', () => {
    const doc = page(
      `<h2>某大学督办通知单</h2><table><tr><td>督办单位</td><td>某大学党政办公室（督查室）　　签发：陆某</td></tr><tr><td>督办日期</td><td>2026-05-12</td></tr></table>${paragraph(2)}`,
    );
    expect(read(doc).issuer).toBe('某大学党政办公室（督查室）');
  });

  it('related documents listed without links, each with its 文号 and date, lend the page no 文号', () => {
    const doc = page(
      `<h2>关于召开招生宣传工作会议的通知</h2>${paragraph(3)}<p>招生办公室</p><p>2026年11月5日</p>
       <h4>相关公文</h4><ul><li>关于成立招生工作领导小组的通知<br><span>某大发〔2026〕21号　2026-04-16</span></li><li>某大学2026年本科招生章程<br><span>某大发〔2026〕29号　2026-05-20</span></li></ul>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a 转发 notice titled [body]转发[other body’s matter] wins over the forwarded title, and signs first', () => {
    const doc = page(
      `<table><tr><td class="tit">某区教育局转发市教育局关于做好<br>秋季学期校园安全工作的通知</td></tr></table><p>某区教〔2026〕33号</p>${paragraph(2)}
       <p>某市某区教育局</p><p>二〇二六年八月二十五日</p><p align="center"><b>某市教育局关于做好秋季学期校园安全工作的通知</b></p>${paragraph(2)}<p>某市教育局</p><p>2026年8月20日</p>`,
    );
    expect(read(doc)).toMatchObject({ title: '某区教育局转发市教育局关于做好秋季学期校园安全工作的通知', issuer: '某市某区教育局', docDate: '2026-08-25' });
  });
});

describe('what heldout-15 taught (opened after its first score)', () => {
  it('an old site laid out in one table row, its notices’ links beside the body, still shows its document', () => {
    const links = ['关于试用数据库的通知', '关于开展读书月活动的通知', '关于调整借阅规则的通知', '关于清明节开放安排的通知']
      .map((t, i) => `<a href="/show.asp?id=${i}">${t}</a> [2026.4.${i + 1}]<br>`)
      .join('');
    const doc = page(
      `<table><tr><td width="200">本馆公告<br>${links}</td><td><div class="bt">关于暑假期间开放时间安排的通知</div><p>发布人：流通部　发布日期：2026.7.9</p>${paragraph(4)}<p>图书馆</p><p>2026年7月8日</p></td></tr></table>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于暑假期间开放时间安排的通知', issuer: '图书馆', docDate: '2026-07-08' });
  });

  it('发布单位 in a post’s byline says who posted it: the 落款 outranks it; in a metadata table it is the issuer', () => {
    const post = page(
      `<h2>关于开展主题团日活动的通知</h2><p>发布时间：2026.5.20　　发布单位：校团委组织部　　浏览：892</p>${paragraph(3)}<p>共青团某某大学委员会</p><p>2026年5月19日</p>`,
    );
    expect(read(post).issuer).toBe('共青团某某大学委员会');
    const unsigned = page(`<h2>关于开展主题团日活动的通知</h2><p>发布时间：2026.5.20　　发布单位：校团委组织部　　浏览：892</p>${paragraph(3)}`);
    expect(read(unsigned).issuer).toBe('校团委组织部');
    const metadata = page(
      `<table><tr><td>发布机构</td><td>某省教育厅</td><td>成文日期</td><td>2026-03-02</td></tr></table><h2>关于做好春季开学工作的通知</h2>${paragraph(3)}<p>某省教育厅办公室</p><p>2026年3月2日</p>`,
    );
    expect(read(metadata).issuer).toBe('某省教育厅');
  });
});

describe('what heldout-16 taught (opened after its first score)', () => {
  it('a 文号 field that says 无 gives no 文号, whichever reader finds it', () => {
    const doc = page(
      `<table class="tb_normal"><tr><td class="td_normal_title">标题</td><td>关于召开迎新工作协调会的通知</td><td class="td_normal_title">文号</td><td>无</td></tr></table>${paragraph(3)}`,
    );
    expect(readDocument(doc, 'http://oa.example.edu.cn/km/imeeting/view.do?fdId=1').docNumber).toBeNull();
  });

  it('a form’s own [kind]标题 and [kind]编号 labels (签报标题, 签报编号), above their values', () => {
    const doc = page(
      `<div class="field"><div class="lbl">签报标题</div><div class="val">关于实验楼改造项目追加预算的签报</div></div>
       <div class="field"><div class="lbl">签报编号</div><div class="val">某大后勤签〔2026〕17号</div></div>
       <div class="field"><div class="lbl">项目编号</div><div class="val">某采〔2026〕0041号</div></div>${paragraph(3)}`,
      '协同办公平台',
    );
    expect(read(doc)).toMatchObject({ title: '关于实验楼改造项目追加预算的签报', docNumber: '某大后勤签〔2026〕17号' });
  });

  it('a number in the cell after another thing’s label (采购计划备案号) is not the page’s 文号', () => {
    const doc = page(
      `<h2>某大学实验设备采购项目公开招标公告</h2><table><tr><td>项目编号</td><td>ZB2026-0471</td><td>采购计划备案号</td><td>某财采计〔2026〕03318号</td></tr></table>${paragraph(3)}`,
    );
    expect(read(doc).docNumber).toBeNull();
  });
});

describe('what heldout-17 taught (opened after its first score)', () => {
  it('a short post’s body, with its attachments and 上一条/下一条 under the byline, is no listed item', () => {
    const side = ['关于开展实验室安全自查的通知', '关于公布优秀教案评选结果的通知', '关于调整校历的通知', '关于教材征订的通知']
      .map((t, i) => `<li><span>0${i + 1}-1${i}</span><a href="/info/${i}.htm">${t}</a></li>`)
      .join('');
    const doc = page(
      `<div class="side"><ul>${side}</ul></div>
       <div class="main"><h1>关于做好秋季学期课程考核工作的通知</h1><div class="by">作者：考务科 发布时间：2025-12-02</div>
       <p>各学院：</p><p>本学期课程考核定于第17至18周进行，请各学院按要求做好命题与监考安排。</p>${paragraph(4)}
       <p style="text-align:right">教务处</p><p style="text-align:right">2025年12月1日</p>
       <div>附件：<a href="/f/1.docx">附件1：课程考核安排汇总表.docx</a> <a href="/f/2.xlsx">附件2：监考教师名单.xlsx</a></div>
       <div>上一条：<a href="/info/8.htm">关于开展实验室安全自查的通知</a> 下一条：<a href="/info/9.htm">关于举办青年教师授课比赛的通知</a></div></div>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于做好秋季学期课程考核工作的通知', issuer: '教务处', docDate: '2025-12-01' });
  });

  it('a red head that is only the body’s name and kind (某大学会议纪要) gives way to the title naming the matter', () => {
    const doc = page(
      `<div style="color:#c00;font-size:32px">某某大学会议纪要</div><div>某大纪〔2025〕4号</div>
       <div style="font-size:21px">2025年第4次党委常委会会议纪要</div>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('2025年第4次党委常委会会议纪要');
  });

  it('a sign-in page gives nothing, whatever its heading and its notices say', () => {
    const doc = page(
      `<div class="box"><h1>某某学院统一身份认证</h1><form action="/cas/login" method="post">
       <input name="username"><input name="password" type="password"><button type="submit">登 录</button></form></div>
       <div class="nt">系统公告：<a href="/n/1">关于启用双因素认证的通知</a>（2025-09-01）</div>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a password asked to seal a document, and a site-wide form with a 用户登录 box, leave the document read', () => {
    const sealed = page(
      `<h1>关于印发实验室开放管理办法的通知</h1>${paragraph(3)}<p>某某学院</p><p>2025年3月2日</p>
       <form><input type="password" name="sealPwd" placeholder="签章密码"><button>盖章</button></form>`,
    );
    expect(read(sealed)).toMatchObject({ title: '关于印发实验室开放管理办法的通知', docDate: '2025-03-02' });
    const wholePage = page(
      `<form id="aspnetForm"><div class="login">用户登录 <input name="u"><input type="password" name="p"><input type="submit" value="登录"></div>
       <h1>关于印发实验室开放管理办法的通知</h1>${paragraph(6)}<p>某某学院</p><p>2025年3月2日</p></form>`,
    );
    expect(read(wholePage)).toMatchObject({ title: '关于印发实验室开放管理办法的通知', docDate: '2025-03-02' });
  });
});

describe('what heldout-19 taught (opened after its first score)', () => {
  it('a 文号 in brackets that a sentence opens is what the sentence mentions, not the page’s', () => {
    const doc = page(
      `<h1>我校智慧水利研究中心通过省级验收</h1><div>来源：水利学院 发布时间：2025-10-11</div>
       <p>该中心于2021年获批建设（某科基〔2021〕57号），依托水利学院建设。${'近年来承担多项重点课题，成果丰硕。'.repeat(3)}</p>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a 落款 dated with ○ for nought (GB2312 has no 〇) is read', () => {
    const doc = page(`<h2>关于寒假放假安排的通知</h2>${paragraph(3)}<p>某某实验中学</p><p>二○二五年一月八日</p>`);
    expect(read(doc)).toMatchObject({ issuer: '某某实验中学', docDate: '2025-01-08' });
  });

  it('a mobile byline of the posting time and 来源 dates and sources the post', () => {
    const doc = page(`<h1>关于研究生学位论文送审的通知</h1><div class="meta">2025-05-06 10:20 来源：研究生处</div>${paragraph(3)}`);
    expect(read(doc)).toMatchObject({ issuer: '研究生处', docDate: '2025-05-06' });
  });

  it('a red head [body]文件 over the 文号 names the issuer when the 落款 is a seal and a date', () => {
    const doc = page(
      `<div>中共某某学院委员会文件</div><div>某院党发〔2025〕8号</div><h2>关于印发年度宣传思想工作要点的通知</h2>${paragraph(3)}
       <p><img alt=""></p><p>2025年2月20日</p><div>中共某某学院委员会办公室　2025年2月21日印发</div>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '中共某某学院委员会', docNumber: '某院党发〔2025〕8号', docDate: '2025-02-20' });
  });

  it('公布日期 dates a decree over the portal’s later posting', () => {
    const doc = page(
      `<meta name="PubDate" content="2025-07-09"><table><tr><td>发布机构：</td><td>某省人民政府</td><td>公布日期：</td><td>2025年07月02日</td></tr></table>
       <h2>某省水上交通安全管理办法</h2>${paragraph(3)}`,
    );
    expect(read(doc).docDate).toBe('2025-07-02');
  });

  it('a tab title that the footer gives as the site’s owner is the site’s name, not a title', () => {
    const doc = page(
      `<h2>2025年 第3期</h2><div>水稻抗逆育种研究进展 张三 2025, 12(3): 1-9.</div><div>©2025 某某农业大学农学报编辑部 版权所有</div>`,
      '某某农业大学农学报',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-18 taught (opened after its first score)', () => {
  const nothing = { title: '', docNumber: null, issuer: null, docDate: null };

  it('a 待办 table whose rows link only actions (办理, 催办) lists documents; its first row is not the page’s', () => {
    const row = (n: number, title: string) =>
      `<tr><td>${n}</td><td>LS-2025-0${n}</td><td>${title}</td><td>2025-05-0${n} 10:00</td><td><a href="#">办理</a></td></tr>`;
    const doc = page(
      `<table><tr><th>序号</th><th>流水号</th><th>标题</th><th>提交时间</th><th>操作</th></tr>
       ${row(1, '某某大学关于调整安全工作领导小组的通知')}${row(2, '关于做好毕业生离校工作的通知')}${row(3, '关于商请协办运动会的函')}
       ${row(4, '关于公布教学成果奖的通知')}${row(5, '关于开展消防演练的通知')}</table>`,
    );
    expect(read(doc)).toMatchObject(nothing);
  });

  it('a title a PDF text layer sets on two lines, in the same type, is read whole', () => {
    const span = (text: string, px: number) => `<span style="font-size: ${px}px">${text}</span><br>`;
    const doc = page(
      `<div class="textLayer">${span('某某学院', 38)}${span('某院函〔2025〕6号', 21)}${span('某某学院关于同意与某区人民政府', 29)}${span('合作共建实验中学的复函', 29)}${span('某区人民政府：', 21)}${span('　　你区来函收悉，经研究，现函复如下：同意合作共建。', 21)}</div>`,
    );
    expect(read(doc).title).toBe('某某学院关于同意与某区人民政府合作共建实验中学的复函');
  });

  it('a mobile approvals list of cards, one summarising a document under its labels, gives nothing', () => {
    const card = (who: string, what: string, summary: string, when: string) =>
      `<li class="card"><div class="who">${who}</div><div class="what">${what}</div><div class="sum">${summary}</div><span class="t">${when}</span><span class="s">审批中</span></li>`;
    const doc = page(
      `<ul>${card('王', '王某提交的公文审批', '文件标题：关于同意设立实验中心的批复</div><div class="sum">文号：某复〔2025〕3号', '05/12')}
       ${card('李', '李某提交的用印申请', '用印文件：合作协议', '05/11')}${card('赵', '赵某提交的出差申请', '出差事由：参加会议', '05/10')}</ul>`,
    );
    expect(read(doc)).toMatchObject(nothing);
  });

  it('a form laid out as a list, a field per entry, keeps its facts', () => {
    const doc = page(
      `<ul class="form"><li class="f"><span>标题</span><span>关于同意设立实验中心的批复</span></li><li class="f"><span>文号</span><span>某复〔2025〕3号</span></li>
       <li class="f"><span>成文日期</span><span>2025-05-12</span></li><li class="f"><span>发文单位</span><span>某某学院</span></li></ul>${paragraph(2)}`,
    );
    expect(read(doc)).toMatchObject({ title: '关于同意设立实验中心的批复', docNumber: '某复〔2025〕3号', docDate: '2025-05-12', issuer: '某某学院' });
  });
});

describe('what heldout-20 and heldout-21 taught (opened after their first scores)', () => {
  const nothing = { title: '', docNumber: null, issuer: null, docDate: null };
  const gridRow = (n: number) =>
    `<tr><td>${n}</td><td>WT-2025-0${n}</td><td>第${n}项问题的整改措施需要进一步细化落实</td><td>某部门</td><td>2025-0${n}-30</td><td>整改中</td></tr>`;
  const grid = `<table><tr><th>序号</th><th>问题编号</th><th>问题描述</th><th>牵头单位</th><th>完成时限</th><th>状态</th></tr>${[1, 2, 3, 4, 5].map(gridRow).join('')}</table>`;

  it('a list view’s grid of dated records, with its pager, gives nothing; a notice’s dated table without one keeps its facts', () => {
    expect(read(page(`${grid}<div class="pager">共 46 条记录 <a>上一页</a> <a>下一页</a></div>`, '协同办公平台 ezOFFICE'))).toMatchObject(nothing);
    const notice = page(`<h2>关于期末整改工作安排的通知</h2><p>各单位：现将整改安排通知如下。</p>${grid}<p>某某学院</p><p>2025年6月1日</p>`);
    expect(read(notice)).toMatchObject({ title: '关于期末整改工作安排的通知', issuer: '某某学院', docDate: '2025-06-01' });
  });

  it('a byline given a block per part (来源：… / a day) makes the line above it a title and dates the post', () => {
    const doc = page(
      `<div class="detail-title">全省高校青年教师教学能力提升研修班开班</div><div class="res">来源：某省委教育工委</div><div class="time">2025-05-08</div>${paragraph(3)}`,
    );
    expect(read(doc)).toMatchObject({ title: '全省高校青年教师教学能力提升研修班开班', issuer: '某省委教育工委', docDate: '2025-05-08' });
  });

  it('a flow’s subject that names no kind of document gives way to the title its 正文 shows', () => {
    const doc = page(
      `<table><tr><td>主题</td><td>科研基金申报通知发文</td></tr><tr><td>所属部门</td><td>科教科</td></tr></table>
       <div class="rtf"><h3>关于申报院级科研基金项目的通知</h3>${paragraph(3)}<p>某某医院科教科</p><p>2025年4月7日</p></div>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于申报院级科研基金项目的通知', issuer: '某某医院科教科', docDate: '2025-04-07' });
  });

  it('a 发布机构 names who published the page; the 落款 names who issued the document', () => {
    const doc = page(
      `<table><tr><td>发布机构：</td><td>党政办公室</td><td>文件编号：</td><td>某医大发2025-14</td></tr></table><h2>某某医科大学关于调整领导小组成员的通知</h2>${paragraph(3)}<p>某某医科大学</p><p>2025年2月11日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某某医科大学', docNumber: '某医大发2025-14' });
  });

  it('units signing together are led by the first', () => {
    const doc = page(
      `<h2>关于推进县域职业教育发展的实施意见</h2>${paragraph(3)}<p>某省教育厅 某省财政厅</p><p>某省人力资源和社会保障厅</p><p>2025年3月18日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某省教育厅', docDate: '2025-03-18' });
  });

  it('a form’s signature with its seal and a labelled day, and a 落款 on one line, are read', () => {
    const sealed = page(
      `<h2>伦理审查批件</h2>${paragraph(3)}<p>主任委员（签字）：张三</p><p>某某医院医学伦理委员会（盖章）</p><p>批准日期：2025年4月22日</p><p>注：请按期提交进展报告。</p>`,
    );
    expect(read(sealed)).toMatchObject({ issuer: '某某医院医学伦理委员会', docDate: '2025-04-22' });
    const oneLine = page(`<h2>关于结业考核报名的通知</h2>${paragraph(3)}<p style="text-align:right">毕业后医学教育科　2025年6月3日</p>`);
    expect(read(oneLine)).toMatchObject({ issuer: '毕业后医学教育科', docDate: '2025-06-03' });
  });

  it('a converter’s wrapped title line, its pieces in spacing spans, is read whole', () => {
    const line = (html: string) => `<div class="t" style="font-size: 30px">${html}</div>`;
    const doc = page(
      `${line('某省卫生健康委员会关于开展<span class="_"></span>2025<span class="_"></span>年度医疗')}${line('机构自查工作的通知')}<div style="font-size: 21px">各市卫生健康委：</div>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('某省卫生健康委员会关于开展2025年度医疗机构自查工作的通知');
  });

  it('a search page that says how many it found (找到与“某词”相关的信息 N 条) gives nothing, whatever its hits are called', () => {
    const hit = (title: string, day: string) =>
      `<div class="res"><h3><a href="#">${title}</a></h3><div class="sum">……摘要……</div><div class="u">栏目　${day}</div></div>`;
    const doc = page(
      `<div class="stat">找到与“伦理”相关的信息 36 条，用时 0.04 秒</div>${hit('伦理委员会年度会议日程安排', '2025-01-09')}${hit('关于公布伦理委员会委员名单的通知', '2024-12-18')}${hit('伦理审查申请指南（2025版）', '2025-02-03')}`,
    );
    expect(read(doc)).toMatchObject(nothing);
  });

  it('mobile approval cards in blocks summarising a document give nothing; a detail page’s dated sign trail does not make it a list', () => {
    const card = (rows: string, when: string) =>
      `<div class="card"><div class="t">某某提交的申请</div>${rows}<div class="ft"><span>${when}</span><span>待审批</span></div></div>`;
    const list = page(
      `${card('<div class="row">用印事由：签订服务协议</div>', '2025-11-16 09:41')}${card('<div class="row">公文标题：关于做好冬季安全生产工作的通知</div><div class="row">拟发文号：某院发[2025]19号</div>', '2025-11-13 16:05')}${card('<div class="row">请假类型：年假</div>', '2025-11-12 11:27')}`,
    );
    expect(read(list)).toMatchObject(nothing);
    const node = (who: string, what: string, when: string) => `<div class="node"><div>${who}</div><div>${what}</div><span>${when}</span></div>`;
    const detail = page(
      `<div class="form"><div class="item"><div>公文标题</div><div>关于规范门诊预约服务的通知</div></div><div class="item"><div>发文字号</div><div>某院发[2025]8号</div></div>
       <div class="item"><div>成文日期</div><div>2025-05-27</div></div></div>
       <div class="timeline">${node('甲', '发起申请', '05-25 10:32')}${node('乙', '会签 · 已同意', '05-25 15:07')}${node('丙', '签发 · 已同意', '05-27 17:46')}</div>`,
    );
    expect(read(detail)).toMatchObject({ title: '关于规范门诊预约服务的通知', docNumber: '某院发[2025]8号', docDate: '2025-05-27' });
  });
});

describe('what heldout-22 and heldout-23 taught (opened after their first scores)', () => {
  const nothing = { title: '', docNumber: null, issuer: null, docDate: null };

  it('a 文号 without brackets, alone on its line (某院发2025-7号, 某院科2025年5号), is the page’s', () => {
    for (const number of ['某院发2025-7号', '某院科2025年5号']) {
      const doc = page(`<h2>关于调整学生资助工作领导小组的通知</h2><p>${number}</p>${paragraph(3)}<p>某某学院</p><p>2025年3月9日</p>`);
      expect(read(doc).docNumber).toBe(number);
    }
  });

  it('a message’s preformatted text breaks its lines where its newlines are, so its 落款 is read', () => {
    const doc = page(
      `<pre>【会议通知】关于召开安全稳定工作会议的通知\n各部门：\n学院定于下周三召开安全稳定工作会议，请准时参加。\n党政办公室\n2025年11月16日</pre><div>已确认 41 未确认 5</div>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '党政办公室', docDate: '2025-11-16' });
  });

  it('a 落款 dated without its year takes the year the post went up; a two-digit year under 日期 is this century’s', () => {
    const doc = page(`<h2>关于组织申报社科规划项目的通知</h2><div>发布：科研处 日期：25-04-16 浏览：233</div>${paragraph(3)}<p>科研处</p><p>4月15日</p>`);
    expect(read(doc)).toMatchObject({ issuer: '科研处', docDate: '2025-04-15' });
  });

  it('a 微信公众号 article gives its account and its publishing time', () => {
    const doc = page(
      `<div id="js_article"><h1 class="rich_media_title" id="activity-name">喜报！我院学子在省机器人大赛中获一等奖</h1>
       <div id="meta_content"><a id="js_name">某某学院</a><em id="publish_time">2025-05-24 20:05</em></div><div id="js_content">${paragraph(3)}</div></div>`,
    );
    expect(read(doc)).toMatchObject({
      vendor: 'wechat',
      title: '喜报！我院学子在省机器人大赛中获一等奖',
      issuer: '某某学院',
      docDate: '2025-05-24',
      docDateKind: 'published',
    });
  });

  it('a 发布机构 that is the issuer’s office, or a 责任部门, gives way to the 落款 of the body itself', () => {
    const gov = page(
      `<table><tr><td>发布机构：</td><td>某省人民政府办公厅</td><td>文号：</td><td>某政发〔2025〕3号</td></tr></table><h2>某省人民政府关于印发行动计划的通知</h2>${paragraph(3)}<p>某省人民政府</p><p>2025年2月9日</p>`,
    );
    expect(read(gov).issuer).toBe('某省人民政府');
    const school = page(
      `<table><tr><td>责任部门</td><td>计划财务处</td></tr></table><h2>某某大学关于公布收费标准的通知</h2>${paragraph(3)}<p>某某大学</p><p>2025年7月6日</p>`,
    );
    expect(read(school).issuer).toBe('某某大学');
  });

  it('a 落款 set out a character at a time (人　事　处) is one name', () => {
    const doc = page(`<h2>关于做好职称申报工作的通知</h2>${paragraph(3)}<p>人　事　处</p><p>2025年5月6日</p>`);
    expect(read(doc).issuer).toBe('人事处');
  });

  it('a page whose own 文号 field is empty has no 文号, whatever document it explains', () => {
    const doc = page(
      `<table><tr><td>发布机构</td><td>某省教育厅</td><td>发布日期</td><td>2025-03-27</td></tr><tr><td>文号</td><td></td><td>解读文件</td><td><a href="/x">某教财规〔2025〕2号</a></td></tr></table>
       <h2>《某省学生资助管理办法》政策解读</h2>${paragraph(3)}`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('an empty list view (its query, 暂无数据, 共 0 条) gives nothing; a footer’s 主办单位 is the site’s owner', () => {
    const doc = page(
      `<h2>政府信息公开工作年度报告</h2><button>查询</button><table><tr><th>序号</th><th>报告名称</th><th>报告单位</th><th>发布日期</th></tr><tr><td colspan="4">暂无数据</td></tr></table>
       <p>${paragraph(1)}</p><div>共 0 条 第 0/0 页</div><div>主办单位：某市人民政府办公室 网站标识码：1234 某ICP备10004521号</div>`,
    );
    expect(read(doc)).toMatchObject(nothing);
    const post = page(
      `<h1>全市教师节表彰大会召开</h1><div>发布时间：2025-09-10</div>${paragraph(3)}<div>主办单位：某市人民政府办公室 网站标识码：1234 某ICP备10004521号</div>`,
    );
    expect(read(post).issuer).toBeNull();
  });

  it('a 题注 under a title dates a document printed without 落款, and bodies issuing together are its issuer', () => {
    const doc = page(
      `<h2>中共某省委 某省人民政府关于加快建设教育强省的实施意见</h2><p>（2025年6月20日）</p><p>作者：</p>${paragraph(3)}<div>《某省日报》（2025年06月27日 第01版）</div>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '中共某省委 某省人民政府', docDate: '2025-06-20' });
    const adopted = page(
      `<h2>中共某省委关于推进人才发展的决定</h2><div>发布时间：2025-01-22</div><p>（2025年1月16日中国共产党某省第十届委员会第九次全体会议通过）</p>${paragraph(3)}`,
    );
    expect(read(adopted).docDate).toBe('2025-01-16');
  });

  it('a site whose name ends in 网 is no title', () => {
    const doc = page(
      `<table><tr><th>类别</th><th>公开事项</th><th>信息条数</th></tr><tr><td>基本信息</td><td>学校章程</td><td>4</td></tr></table>`,
      '信息公开目录-某某大学信息公开网',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-26 taught (opened after its first score)', () => {
  it('a server’s error page and its directory listing show no document', () => {
    const tomcat = page(
      `<h1>HTTP状态 500 - 内部服务器错误</h1><p>类型 异常报告</p><p>消息 请求处理失败：/doc/view.jsp?wh=某大发〔2025〕33号</p>`,
      'HTTP状态 500',
    );
    expect(read(tomcat)).toMatchObject({ title: '', docNumber: null });
    const index = page(
      `<h1>Index of /upload/2025/04/</h1><pre><a href="a.pdf">某大发〔2025〕12号.pdf</a>  12-Apr-2025 10:02  312K</pre>`,
      'Index of /upload/2025/04/',
    );
    expect(read(index)).toMatchObject({ title: '', docNumber: null });
  });

  it('a heading with its byline run in gives the title alone', () => {
    const doc = page(
      `<h1>关于转发《某省学位委员会关于开展评估工作的通知》的通知<span>2025-10-21 09:38:02</span><span>来源：学位办</span><span>点击：733</span></h1>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('关于转发《某省学位委员会关于开展评估工作的通知》的通知');
  });

  it('a 公示 is a kind of document a title names', () => {
    const doc = page(
      `<div class="tt">2025年处级干部任前公示</div><div>发布日期：2025年12月04日 | 作者：干部科</div>${paragraph(3)}<p>中共某某大学委员会组织部</p><p>2025年12月3日</p>`,
      '公示公告',
    );
    expect(read(doc)).toMatchObject({ title: '2025年处级干部任前公示', issuer: '中共某某大学委员会组织部', docDate: '2025-12-03' });
  });
});

describe('lists, forms and bylines in shapes the readers had not met', () => {
  it('a mobile 待办 list of cards, one marked urgent, with 文号 as a key beside its value: no facts of its own', () => {
    const card = (kind: string, title: string, rows: string, extra = '') =>
      `<div class="todo-card${extra}"><div class="card-type">${kind}</div><div class="card-title">${title}</div>${rows}</div>`;
    const row = (k: string, v: string) => `<div class="card-row"><span class="k">${k}</span><span class="v">${v}</span></div>`;
    const doc = page(
      `<div class="nav">我的待办</div><div class="cards">${card('发文', '某某学院关于调整实验室安全委员会组成人员的通知', row('文号', '某院发〔2026〕12号') + row('到达时间', '2026-03-30 09:14'))}${card('收文', '某市教育局关于邀请参加评审工作的函', row('来文单位', '某市教育局') + row('办理时限', '2026年4月3日'), ' urgent')}${card('签报', '关于申请暑期宿舍改造预算追加的请示', row('申请单位', '后勤处') + row('提交时间', '2026/3/28 16:22'))}${card('会议', '第4次院长办公会议议题征集', row('截止', '2026.04.01 12:00'))}</div>`,
      '移动办公',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a form in sections (单据信息, 公文要素, 正文, 审批记录) is one document, not a list of cards', () => {
    const field = (k: string, v: string) => `<div class="f"><div class="f-label">${k}</div><div class="f-value">${v}</div></div>`;
    const doc = page(
      `<div class="set"><div class="set-title">单据信息</div><div class="row">${field('单据编号', 'CW-2026-0042') + field('创建时间', '2026-11-13 10:26')}</div></div>
       <div class="set"><div class="set-title">公文要素</div><div class="row">${field('公文标题', '关于做好年度决算工作的通知')}</div><div class="row">${field('发文字号', '某大财〔2026〕6号') + field('成文日期', '2026.11.16')}</div></div>
       <div class="set"><div class="set-title">正文</div><div class="text"><p>各单位：</p><p>为做好年度决算，现就有关事项通知如下，请认真执行。</p><p>某某大学财务处</p><p>2026年11月16日</p></div></div>
       <div class="set"><div class="set-title">审批记录</div><div class="log"><div class="it"><span>科长审核</span><span>2026-11-16 15:48</span></div></div></div>`,
      '单据详情',
    );
    expect(read(doc)).toMatchObject({ title: '关于做好年度决算工作的通知', docNumber: '某大财〔2026〕6号', docDate: '2026-11-16' });
  });

  it('a 公众号 article: the 落款 says whose it is, the account only when it signs with nothing', () => {
    const article = (end: string) =>
      page(
        `<h1 class="rich_media_title" id="activity-name">关于英语等级考试报名的通知</h1><a id="js_name">某大教务</a><em id="publish_time">2026-03-19 20:15</em><div id="js_content"><p>各位同学：</p><p>现将报名有关事项通知如下，请按时报名。</p>${end}</div>`,
        '',
      );
    expect(read(article('<p style="text-align:right">教务处</p><p style="text-align:right">2026年3月18日</p>'))).toMatchObject({
      issuer: '教务处',
      docDate: '2026-03-18',
    });
    expect(read(article('')).issuer).toBe('某大教务');
  });

  it('a Word export cuts the title line into runs (one per language or font): the line is read whole', () => {
    const doc = page(
      `<p class="MsoNormal" align="center"><span style="font-size:22.0pt">中共某某学院委员会关于开展</span><span lang="EN-US" style="font-size:22.0pt">2026</span><span style="font-size:22.0pt">年秋季学期专项督查的通知</span></p>${paragraph(3)}`,
      '发文模板',
    );
    expect(read(doc).title).toBe('中共某某学院委员会关于开展2026年秋季学期专项督查的通知');
  });

  it('a 收文 form dates the incoming document by its 来文日期, not the day it was received', () => {
    const doc = page(
      `<table><tr><td>来文机关</td><td>某省教育厅</td><td>来文字号</td><td>某教研〔2026〕47号</td></tr>
       <tr><td>收文日期</td><td>2026年11月16日</td><td>来文日期</td><td>2026年11月12日</td></tr>
       <tr><td>标题</td><td>关于做好研究生招生计划编制工作的通知</td></tr></table>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某省教育厅', docDate: '2026-11-12' });
  });

  it('a short 公示 whose body sits in one layout cell, its 附件 linked at the end, is read, not taken for a list', () => {
    const doc = page(
      `<h2>关于2026年度校级先进集体拟表彰对象的公示</h2><div class="content"><table><tr><td>
       <p>根据有关规定，经各单位推荐、组织部审核，拟表彰先进集体10个。现将拟表彰对象予以公示。</p>
       <p>公示期为2026年6月22日至6月28日。如有异议，请向组织部反映。反映情况要实事求是。</p>
       <p>附件：<a href="/uploads/1.doc">2026年度拟表彰对象名单.doc</a></p>
       <p align="right">中共某某大学委员会组织部</p><p align="right">2026年6月21日</p></td></tr></table></div>
       <ul><li><a href="/a/1.html">关于第二批发展对象的公示</a><p>2026-06-29</p></li><li><a href="/a/2.html">关于举办书记培训班的通知</a><p>2026-06-18</p></li><li><a href="/a/3.html">关于开展评选表彰工作的通知</a><p>2026-06-05</p></li></ul>`,
      '通知公告',
    );
    expect(read(doc)).toMatchObject({ title: '关于2026年度校级先进集体拟表彰对象的公示', issuer: '中共某某大学委员会组织部', docDate: '2026-06-21' });
  });

  it('a paragraph leading into a table (…现予以公示：) is prose: a 公示 beside a sidebar list is read', () => {
    const doc = page(
      `<h3 class="art-title">2026年处级干部任前公示</h3><p>发布日期：2026年12月04日 | 作者：干部科</p>
       <p>根据干部选拔任用工作有关规定和学校处级领导干部选拔任用工作实施办法，经2026年12月2日校党委常委会会议研究，拟任用以下同志为处级领导干部，现予以任前公示：</p>
       <table><tr><th>姓名</th><th>拟任职务</th></tr><tr><td>张三</td><td>某学院院长</td></tr></table>
       <p>公示期为2026年12月4日至12月10日（5个工作日）。公示期间如有不同意见，可通过来电、来信等方式向组织部反映。</p><p>中共某某大学委员会组织部</p><p>2026年12月3日</p>
       <p>上一篇：<a href="/1.html">关于述职评议考核的通知</a></p><p>下一篇：<a href="/2.html">2026年第二批发展对象公示</a></p>
       <ul><li><a href="/3.html">2026年处级干部任前公示</a><em>12-04</em></li><li><a href="/2.html">2026年第二批发展对象公示</a><em>11-20</em></li><li><a href="/4.html">2026年干部试用期满考核结果公示</a><em>10-30</em></li><li><a href="/5.html">关于拟表彰对象的公示</a><em>06-18</em></li></ul>`,
      '详情',
    );
    expect(read(doc)).toMatchObject({ title: '2026年处级干部任前公示', issuer: '中共某某大学委员会组织部', docDate: '2026-12-03' });
  });

  it('a column list rendered by script: the rows in <noscript>, the column headings and the tab give no document', () => {
    const doc = page(
      `<table class="list_head"><tr><td>标题</td><td>文号</td><td>成文日期</td><td>发布日期</td></tr></table>
       <div id="list"><script type="text/xml"><datastore><record><![CDATA[<a href="/art/1.html">某市人民政府办公室关于印发考核办法的通知</a>]]></record></datastore></script></div>
       <noscript><table><tr><td><a href="/art/1.html">某市人民政府办公室关于印发考核办法的通知</a></td><td>某政办发〔2026〕31号</td><td>2026-07-10</td><td>2026-07-14</td></tr></table></noscript>
       <div class="page_info">共 87 条记录 每页 15 条 当前第 1/6 页</div>`,
      '市政府办文件 某市人民政府',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a heading with its byline run in after a line break, labels first (发布单位：… 发布时间：…), gives the title alone', () => {
    const doc = page(
      `<h1>关于开展毕业生文明离校教育活动的通知<br><span>发布单位：学生工作部 发布时间：2026-05-21 09:30:12 阅读次数：<span>2087</span></span></h1>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('关于开展毕业生文明离校教育活动的通知');
  });

  it('a mobile post’s title over a byline without labels (党委组织部 2026-05-06 10:21) is its title', () => {
    const doc = page(
      `<div class="t" style="font-size:20px">2026年5月份党支部主题党日学习安排</div><div class="m"><span><i>组织工作</i>党委组织部</span><span>2026-05-06 10:21</span></div><div class="c">${paragraph(3)}<p>党委组织部</p><p>2026年5月6日</p></div>`,
      '先锋',
    );
    expect(read(doc)).toMatchObject({ title: '2026年5月份党支部主题党日学习安排', issuer: '党委组织部', docDate: '2026-05-06' });
  });

  it('a status chip beside the title in its header (待阅办) is not part of it', () => {
    const doc = page(`<div class="hd"><span class="st">待阅办</span><div class="tt">关于做好大学生征兵工作的通知</div></div>${paragraph(3)}`);
    expect(read(doc).title).toBe('关于做好大学生征兵工作的通知');
  });

  it('search hits built alike are all entries of the list, whatever their titles read like: nothing of its own', () => {
    const hit = (title: string, date: string) =>
      `<div class="s-item"><h3><a href="/x.html">${title}</a></h3><p>……8月12日，学校召开推进会，通报整改任务进展情况……</p><p class="u">www.example.edu.cn/x.html ${date}</p></div>`;
    const doc = page(
      `<form><input name="q" value="整改"><button>搜 索</button></form><div>找到相关结果约 86 条</div><div class="s-res">${hit('学校党委召开整改工作推进会', '2026-08-13')}${hit('关于征求意见建议的通知', '2026-06-09')}${hit('学校纪委召开专题会议', '2026-04-10')}</div>`,
      '站内搜索',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null });
  });

  it('a 文号 alone on its line over the head’s unit and date is no title', () => {
    const doc = page(
      `<p style="font-size:32pt;color:#f00">党委常委会会议纪要</p><p>某大党常纪〔2026〕第9号</p><table><tr><td>中共某某大学委员会办公室</td><td>2026年7月8日</td></tr></table>${paragraph(3)}`,
      '文档中心',
    );
    expect(read(doc).title).not.toBe('某大党常纪〔2026〕第9号');
  });
});

describe('adapters, separators, components and frames in shapes the readers had not met', () => {
  it('an e-cology document view without a title cell: the red head’s own 文号, not the attachment’s file name', () => {
    const doc = page(
      `<div class="e8_docHead"><div class="e8_docTitle">关于转发《某省学位委员会关于开展评估工作的通知》的通知</div></div>
       <div id="docContentDiv"><p style="color:#f00;font-size:34pt">某某大学研究生院文件</p><p style="text-align:center">某大研〔2027〕4号</p>
       <p style="font-size:22pt;text-align:center">关于转发《某省学位委员会关于开展评估工作的通知》的通知</p>
       <p>现将《某省学位委员会关于开展评估工作的通知》（某学位〔2027〕2号）转发给你们，请认真组织实施。各学院须按时提交报告，研究生院将组织预评估。</p>
       <p style="text-align:right">某某大学研究生院</p><p style="text-align:right">2027年3月2日</p>
       <p>附件1</p><p style="text-align:center">某学位〔2027〕2号</p><p style="text-align:center">某省学位委员会关于开展评估工作的通知</p><p>各单位应按时完成自我评估。</p></div>
       <ul><li><a href="/file?id=1">某学位〔2027〕2号.pdf</a>（212KB）</li></ul>`,
      '文档显示',
    );
    expect(readDocument(doc, 'http://oa.example.edu.cn/docs/docs/DocDsp.jsp?id=405871')).toMatchObject({
      vendor: 'weaver',
      docNumber: '某大研〔2027〕4号',
      docDate: '2027-03-02',
    });
  });

  it('a label parted from its value by a bar (来源 | 党委宣传部) gives the value alone', () => {
    const doc = page(`<h2>学校召开秋季学期工作会议</h2><p>来源 | 党委宣传部</p>${paragraph(3)}`);
    expect(read(doc).issuer).toBe('党委宣传部');
  });

  it('fields built of a framework’s own elements (<uni-view>) are read: a 文号 printed without 号', () => {
    const row = (k: string, v: string) =>
      `<uni-view class="info-row"><uni-view class="info-label">${k}</uni-view><uni-view class="info-value">${v}</uni-view></uni-view>`;
    const doc = page(
      `<uni-view class="notice-title"><uni-text><span>关于做好国庆节放假期间安全稳定工作的通知</span></uni-text></uni-view><uni-view class="card">${row('文号', '某院办〔2026〕27')}${row('发文单位', '某某学院')}${row('成文日期', '2026.09.24')}</uni-view>${paragraph(3)}`,
      '掌上校园',
    );
    expect(read(doc)).toMatchObject({ docNumber: '某院办〔2026〕27', issuer: '某某学院', docDate: '2026-09-24' });
  });

  it('a sign-in page of framework components (<uni-button>登 录) with a notice and help lines gives no facts, whatever its tab says', () => {
    const doc = page(
      `<uni-view class="notice"><span>系统公告：2026年9月26日22:00至24:00统一身份认证系统升级，期间暂停登录，请提前安排好工作。</span></uni-view>
       <uni-view class="form"><uni-view class="item"><uni-view>账号</uni-view><uni-input><input type="text"></uni-input></uni-view>
       <uni-view class="item"><uni-view>密码</uni-view><uni-input><input type="password"></uni-input></uni-view><uni-button>登 录</uni-button></uni-view>
       <uni-view class="help"><uni-view>初始密码为身份证号后六位，首次登录须修改密码。</uni-view><uni-view>依据《某某学院信息系统账号管理办法》（某院办〔2025〕19号），账号仅限本人使用，不得转借他人。</uni-view></uni-view>`,
      '关于做好国庆节放假期间安全稳定工作的通知',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a frame titled as the notice that issues a regulation names the document, not the regulation its 正文 prints', () => {
    const shell = page(`<div class="nav">信息公开</div><iframe src="/info.jsp"></iframe>`, '信息公开');
    const info = page(
      `<table><tr><td>文号</td><td>某人社规〔2026〕2号</td><td>成文日期</td><td>2026-03-09</td></tr></table>
       <div class="xxgk_title">某市人力资源和社会保障局关于印发《某市就业见习管理办法》的通知</div><iframe id="con" src="/content.jsp"></iframe>`,
    );
    const body = page(
      `<div id="zoom"><p style="text-align:center">某人社规〔2026〕2号</p><p>各有关单位：</p><p>我局制定了《某市就业见习管理办法》，现印发给你们，请认真贯彻执行。执行中遇到的问题，请及时反馈。</p><p style="text-align:right">某市人力资源和社会保障局</p><p style="text-align:right">2026年3月9日</p>
       <p style="text-align:center"><strong>某市就业见习管理办法</strong></p><p>第一条 本办法所称就业见习，是指组织未就业高校毕业生到见习基地进行岗位实践的就业扶持措施。</p><p>第二条 见习期限一般为3至12个月，见习基地按规定支付基本生活费。</p><p>第三条 本办法自2026年4月1日起施行。</p></div>`,
    );
    frame(shell, info);
    frame(info, body, '#con');
    expect(read(shell).title).toBe('某市人力资源和社会保障局关于印发《某市就业见习管理办法》的通知');
  });

  it('a 令: its mark and its number on the next line are its 文号, the body its issuer, what it publishes its title', () => {
    const doc = page(
      `<p align="center"><b>某省人民政府公报</b></p><p>2026年第8期</p><p>【省政府令】</p><p>某省行政规范性文件管理办法（某省人民政府令第52号）……（3）</p>
       <p align="center"><b>某省人民政府令</b></p><p align="center">第52号</p>
       <p>《某省行政规范性文件管理办法》已经2026年3月24日省人民政府第31次常务会议审议通过，现予公布，自2026年5月1日起施行。</p>
       <p align="right">省长　张三</p><p align="right">2026年3月31日</p><p align="center"><b>某省行政规范性文件管理办法</b></p>${paragraph(3)}`,
      '政府公报',
    );
    expect(read(doc)).toMatchObject({ title: '某省行政规范性文件管理办法', docNumber: '某省人民政府令第52号', issuer: '某省人民政府', docDate: '2026-03-31' });
  });

  it('a page showing no document (a service guide) gives no issuer or date from its footer and its own 发布日期', () => {
    const doc = page(
      `<h2 class="event-name">就业见习补贴申领</h2><table><tr><td>事项名称</td><td>就业见习补贴申领</td><td>实施主体</td><td>某市人力资源和社会保障局</td></tr></table>
       <div class="sec"><h4>设定依据</h4><p>1.《某省就业补助资金管理办法》（某财社〔2024〕7号）第十二条；</p></div>
       <div class="foot"><span>指南版本：V3.2</span> <span>发布日期：2026-03-20</span></div>
       <div class="footer"><p>主办单位：某省人民政府办公厅</p><p>网站标识码：3600000012 某ICP备05001234号</p></div>`,
      '办事指南',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('line breaks, joint signers, message centres and sidebars', () => {
  it('a title set on two lines (the body’s name, <br>, the matter) is one title without a gap', () => {
    const doc = page(
      `<p align="center">某教发〔2027〕9号</p><p align="center"><strong>某县教育局<br>\n转发某市教育局关于做好2027年招生入学工作的通知</strong></p>${paragraph(3)}<p>某县教育局</p><p>2027年3月30日</p>`,
    );
    expect(read(doc).title).toBe('某县教育局转发某市教育局关于做好2027年招生入学工作的通知');
  });

  it('units signing one to a line over the date: the first leads', () => {
    const doc = page(`<h2>关于做好毕业生离校手续办理工作的通知</h2>${paragraph(3)}<p>党委学生工作部（学生工作处）</p><p>招生就业处</p><p>2027年5月6日</p>`);
    expect(read(doc)).toMatchObject({ issuer: '党委学生工作部（学生工作处）', docDate: '2027-05-06' });
  });

  it('a message centre’s cards, each a document’s title filed under a tag (【待签发】), are a list: nothing of its own', () => {
    const msg = (title: string, from: string, time: string) =>
      `<li class="msg-item unread"><div class="msg-type">流程提醒</div><div class="msg-title">${title}</div><div class="msg-from">来自：${from}</div><div class="msg-time">${time}</div></li>`;
    const doc = page(
      `<ul class="msg-list">${msg('【待签发】关于调整安全稳定工作领导小组成员的通知（保卫处拟稿）', '公文管理', '2027-03-17 11:06')}${msg('【催办】关于催报实习基地协议续签情况的催办通知，限办日期2027.03.22', '督查督办', '2027-03-17 15:22')}${msg('您有1条会议邀请：第5次校长办公会议', '会议管理', '2027-03-16 17:58')}</ul>`,
      '消息中心',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 文号 after a cited title and a comma (（参见《…》，某发〔2026〕4号）) is the cited document’s', () => {
    const doc = page(
      `<h2>关于举办诗歌朗诵大赛的通知</h2><p>获奖选手将推荐参加艺术节（参见《关于举办校园文化艺术节的通知》，校团发〔2026〕4号）。</p>${paragraph(3)}<p>某学院团委</p><p>2026年3月23日</p>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a sidebar’s last item (its title over its date) is no 落款: the post is dated by its byline', () => {
    const doc = page(
      `<h2>音乐学院师生原创交响音乐会成功上演</h2><div class="info">时间: 2026-05-20 21:05 来源: 音乐学院</div>
       <p>5月18日晚，由音乐学院师生创作演出的原创交响音乐会在大剧院成功上演，1200余名观众现场聆听。</p><p>音乐会融合了多民族音乐元素，分为四个乐章。</p>
       <dl><dt>推荐内容</dt><dd><ul><li><a href="/1.html">关于毕业音乐会安排的通知</a><p>2026-05-11</p></li><li><a href="/2.html">音乐学院研究生复试成绩公示</a><p>2026-04-29</p></li></ul></dd></dl>`,
    );
    expect(read(doc).docDate).toBe('2026-05-20');
  });
});

describe('documents drawn by viewers (runs of text placed by position)', () => {
  /** An OFD or WPS web reader's page: each run an absolutely placed div, digits runs of their own. */
  const ofdPage = (runs: Array<[top: number, size: number, text: string]>) => {
    let left = 100;
    let lastTop = -1;
    return runs
      .map(([top, size, text]) => {
        left = top === lastTop ? left + 60 : 100;
        lastTop = top;
        return `<div class="ofd-text" style="position: absolute; left: ${left}px; top: ${top}px; font-size: ${size}px;">${text}</div>`;
      })
      .join('');
  };

  it('an OFD reader’s runs are read as the page’s lines: a title over two lines, a 文号 and a 落款 in pieces', () => {
    const doc = page(
      `<div class="ofd-toolbar"><button>上一页</button><button>下一页</button><span>组织部通知1103.ofd</span></div>
       <div class="ofd-page" style="position: relative">${ofdPage([
         [150, 48, '中共某某大学委员会组织部'],
         [268, 21.33, '某大组字〔'],
         [268, 21.33, '2026'],
         [268, 21.33, '〕'],
         [268, 21.33, '17'],
         [268, 21.33, '号'],
         [348, 29.33, '关于做好'],
         [348, 29.33, '2026'],
         [348, 29.33, '年度基层党组织书记抓党建'],
         [395, 29.33, '工作述职评议考核的通知'],
         [470, 21.33, '各二级党组织：'],
         [507, 21.33, '根据有关规定，现就做好年度述职评议考核工作通知如下，请认真组织实施。'],
         [545, 21.33, '请于年底前报送考核结果，逾期不报的将予以通报。'],
         [700, 21.33, '中共某某大学委员会组织部'],
         [740, 21.33, '2026'],
         [740, 21.33, '年'],
         [740, 21.33, '11'],
         [740, 21.33, '月'],
         [740, 21.33, '3'],
         [740, 21.33, '日'],
       ])}</div>`,
      'OFD阅读器',
    );
    expect(read(doc)).toMatchObject({
      title: '关于做好2026年度基层党组织书记抓党建工作述职评议考核的通知',
      docNumber: '某大组字〔2026〕17号',
      issuer: '中共某某大学委员会组织部',
      docDate: '2026-11-03',
    });
  });

  it('a pdf.js text layer (marked content, places in %) is read by line; its closed properties dialog is not on the page', () => {
    const run = (left: number, top: number, size: number, text: string) =>
      `<span role="presentation" style="left: ${left}%; top: ${top}%; --font-height: ${size}px;">${text}</span>`;
    const doc = page(
      `<div class="textLayer">
       <span class="markedContent">${run(40, 27.09, 16, '某大党干〔')}${run(53, 27.09, 16, '2026')}${run(58, 27.09, 16, '〕')}${run(61, 27.09, 16, '8')}${run(62, 27.09, 16, '号')}</span><br>
       <span class="markedContent">${run(20, 33.41, 22, '中共某某大学委员会关于张三等同志')}</span><br>
       <span class="markedContent">${run(38, 36.92, 22, '职务任免的通知')}</span><br>
       <span class="markedContent">${run(13, 42.12, 16, '各二级党组织，各部门、各单位：')}</span><br>
       <span class="markedContent">${run(17, 45.56, 16, '经学校党委常委会会议研究决定，张三同志任某学院党委副书记，免去其组织员职务。')}</span><br>
       <span class="markedContent">${run(56, 86.84, 16, '中共某某大学委员会')}</span><br>
       <span class="markedContent">${run(58, 90.28, 16, '2026')}${run(63, 90.28, 16, '年')}${run(66, 90.28, 16, '12')}${run(70, 90.28, 16, '月')}${run(72, 90.28, 16, '15')}${run(76, 90.28, 16, '日')}</span></div>
       <dialog id="documentPropertiesDialog"><div class="row"><span>标题：</span> <p>关于XXX等同志职务任免的通知（模板）</p></div></dialog>`,
      '关于XXX等同志职务任免的通知（模板）',
    );
    expect(read(doc)).toMatchObject({
      title: '中共某某大学委员会关于张三等同志职务任免的通知',
      docNumber: '某大党干〔2026〕8号',
      issuer: '中共某某大学委员会',
      docDate: '2026-12-15',
    });
  });

  it('a 收文 summary whose 正文 tab holds a viewer’s frame two levels down gives the incoming document’s 落款 date', () => {
    const summary = page(
      `<table><tr><td>来文单位</td><td>中共某省委教育工作委员会</td><td>来文字号</td><td>某教党〔2026〕58号</td></tr>
       <tr><td>收文编号</td><td>某大党收〔2026〕311号</td><td>标题</td><td>关于开展高校党建工作督导检查的通知</td></tr></table>
       <p>拟办意见：建议呈书记阅示，由党委组织部牵头落实，按期形成自查报告提交常委会审定。</p><iframe src="/content.do"></iframe>`,
      '公文',
    );
    const tab = page(`<div class="toolbar">正文</div><iframe id="reader" src="/ofd.html"></iframe>`);
    const viewer = page(
      `<p style="text-align:center">某教党〔2026〕58号</p><p>各高校党委：</p><p>为推动重点任务落实，决定开展督导检查，请各校认真做好自查工作。</p><p style="text-align:right">中共某省委教育工作委员会</p><p style="text-align:right">2026年10月9日</p>`,
    );
    frame(summary, tab);
    frame(tab, viewer, '#reader');
    expect(read(summary)).toMatchObject({ docNumber: '某教党〔2026〕58号', docDate: '2026-10-09' });
  });
});

describe('archives, attachments, opinions, drives and small forms', () => {
  it('an archive’s search results, dated 20260309 (eight digits) and opened by 查看: a list, nothing of its own', () => {
    const row = (n: number, title: string, number: string, date: string) =>
      `<tr><td>${n}</td><td>Z031-WS·2026-Y-000${n}</td><td>${title}</td><td>${number}</td><td>某某大学</td><td>${date}</td><td>永久</td><td><a href="/view?id=${n}">查看</a></td></tr>`;
    const doc = page(
      `<form><input name="keyword" value="工作要点"><button type="submit">检索</button></form><div>在文书档案中共找到 3 条结果</div>
       <table><thead><tr><th>序号</th><th>档号</th><th>题名</th><th>文号</th><th>责任者</th><th>日期</th><th>保管期限</th><th>操作</th></tr></thead><tbody>
       ${row(1, '中共某某大学委员会关于印发《2026年党的建设工作要点》的通知', '某大党发〔2026〕4号', '20260309')}${row(2, '某某大学关于印发《2026年工作要点》的通知', '某大发〔2026〕6号', '20260227')}${row(3, '档案馆2026年工作要点', '', '20260305')}
       </tbody></table><div class="pager">第1/1页 共3条</div>`,
      '档案检索',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null });
  });

  it('an attachment named by a 文号 (某函〔2026〕15号.pdf) is that document, not the page’s; a file’s name is no title', () => {
    const doc = page(
      `<span id="subject">关于召开活动周筹备工作会议的通知</span><div id="content"><p>根据《某省教育厅关于举办活动周的通知》要求，学院决定召开筹备工作会议，请各单位准时参加。</p><p style="text-align:right">某某学院院长办公室</p><p style="text-align:right">2026年4月2日</p></div>
       <div class="attach"><div class="item">某教职成函〔2026〕15号.pdf <em>(2026-03-28 10:05)</em></div><div class="item">关于举办活动周的通知.pdf</div></div>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于召开活动周筹备工作会议的通知', docNumber: null });
  });

  it('an opinion under its heading (某某 某学院 2026-04-02 10:07 收到，本人参会。) is no byline lifting the heading over the title', () => {
    const doc = page(
      `<span id="subject">关于召开筹备工作会议的通知</span>${paragraph(3)}<div class="opinion_area"><div class="opinion_title">处理意见（2）</div>
       <div class="opinion_item"><span>张三</span><span>航海技术学院</span><span>2026-04-02 10:07</span><p>收到，本人参会。</p></div>
       <div class="opinion_item"><span>李四</span><span>教务处</span><span>2026-04-02 11:30</span><p>已阅。</p></div></div>`,
    );
    expect(read(doc).title).toBe('关于召开筹备工作会议的通知');
  });

  it('a cloud drive’s search: hits built alike, with neither links nor dates, are a list', () => {
    const hit = (title: string, snippet: string) =>
      `<div class="search-result-item"><div class="r-title">${title}</div><div class="r-snippet">${snippet}</div><div class="r-meta">张三 更新于 4月14日 10:32</div></div>`;
    const doc = page(
      `<div class="search-bar"><input value="教学检查"><span>找到 3 个结果</span></div><div class="list">${hit('期中教学检查安排（定稿）', '根据《关于开展期中教学检查工作的通知》（某院教〔2026〕7号）要求…')}${hit('期末教学检查总结', '依据某院教〔2025〕31号，本学期期末检查共抽查试卷312份…')}${hit('关于开展期中教学检查工作的通知.pdf', '某学院教务处 某院教〔2026〕7号 2026年4月8日')}</div>`,
      '云文档',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a short tab title naming no kind of document (某大学报数字版) is no document’s title', () => {
    const doc = page(
      `<div class="nav"><a href="/1">第01版：要闻</a><a href="/2">第02版：综合新闻</a></div><div>主管主办：中共某某大学委员会</div>`,
      '某某大学报数字版',
    );
    expect(read(doc).title).toBe('');
  });

  it('a label in a box of its own (<div><span>公示标题</span></div>) is followed by its value’s box', () => {
    const doc = page(
      `<div class="form"><div class="widget"><div class="widget-label"><span class="label-title">公示标题</span></div><div class="widget-content"><div>关于校级优秀教学团队拟认定名单的公示</div></div></div></div>${paragraph(3)}<p>某某学院教务处</p><p>2026年4月9日</p>`,
      '简道云',
    );
    expect(read(doc).title).toBe('关于校级优秀教学团队拟认定名单的公示');
  });

  it('a numbered 公告 (某县人大常委会公告 / 第19号) gives its number as printed and the body as its issuer', () => {
    const doc = page(
      `<h2>某县人民代表大会常务委员会公告（第19号）</h2><p align="center"><strong>某县人民代表大会常务委员会公告</strong></p><p align="center">第19号</p><p>某县第十八届人民代表大会常务委员会第二十一次会议决定任命张三为县人民政府副县长，现予公告。</p><p>某县人民代表大会常务委员会</p><p>2026年2月27日</p>`,
    );
    expect(read(doc)).toMatchObject({ docNumber: '第19号', issuer: '某县人民代表大会常务委员会', docDate: '2026-02-27' });
  });
});

describe('rows that are one link, titles in layout cells, numbered 纪要', () => {
  it('a topic page whose rows are each one link holding its title and its date is a list: nothing of its own', () => {
    const item = (title: string, date: string) => `<li><a href="/d?id=1"><span class="t">${title}</span><span class="d">${date}</span></a></li>`;
    const doc = page(
      `<div class="intro"><p>双方围绕绿色化工、现代农业等领域持续深化合作，本专题持续更新相关政策文件和新闻报道。</p></div>
       <ul>${item('某县人民政府关于公布重点建设项目计划的通知（某政发〔2026〕6号）', '2026-04-07')}${item('某县人民政府关于商请共建研究院的函（某政函〔2026〕11号）', '2026-03-11')}${item('绿色化工产业研究院揭牌仪式举行', '2026-04-18')}${item('县领导赴大学对接研究院建设事宜', '2026-04-10')}${item('双方签署全面战略合作框架协议', '2025-11-03')}</ul>
       <div class="foot">某县融媒体中心 出品 更新时间：2026-05-06 09:00</div>`,
      '专题｜校地携手 共建共赢——某县与某大学深化合作',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a title alone in a layout table’s cell stands over its byline rows, whatever script counts the clicks there', () => {
    const doc = page(
      `<table><tr><td align="center" class="titlestyle6718">某学院党委召开秋季学期党建工作部署会</td></tr><tr><td height="1"></td></tr>
       <tr><td><span>发布时间：2026-09-11</span> <span>作者：张三</span> <span>来源：某学院党委</span> <span>点击数：<script>_showDynClicks("wbnews", 1738260045, 6718)</script></span></td></tr></table>${paragraph(3)}`,
      '新闻',
    );
    expect(read(doc)).toMatchObject({ title: '某学院党委召开秋季学期党建工作部署会', issuer: '某学院党委', docDate: '2026-09-11' });
  });

  it('a 纪要’s masthead numbered 第4号 on the next line: the number is its 文号', () => {
    const doc = page(
      `<p style="color:#e00;font-size:30px">某某学院院务会议纪要</p><p style="text-align:center">第4号</p><table><tr><td>某某学院办公室</td><td>2026年4月16日</td></tr></table>${paragraph(3)}`,
      '会议纪要',
    );
    expect(read(doc)).toMatchObject({ docNumber: '第4号', docDate: '2026-04-16' });
  });
});

describe('a page read again after it changed', () => {
  it('a hash-route page showing the next document in the same one is read afresh, byline fields included', () => {
    const doc = page(`<h2>关于开展读书月活动的通知</h2><div class="info"><span>发布部门：图书馆</span><span>发布时间：2026-04-02</span></div>${paragraph(3)}`);
    expect(read(doc).issuer).toBe('图书馆');
    doc.querySelector('.info span')!.textContent = '发布部门：研究生院';
    expect(read(doc).issuer).toBe('研究生院');
  });
});

describe('what the pages of 2026-12-04 lacked (heldout-37 … -39, opened)', () => {
  it('a catalogue date written as eight digits is read when it is the whole of a labelled value', () => {
    const doc = page(
      `<h2>某大学关于印发年度工作要点的通知</h2><table><tr><td>文号</td><td>某大发〔2026〕35号</td></tr><tr><td>日期</td><td>20260612</td></tr>
       <tr><td>档号</td><td>Z031-WS·2026-Y-0042</td></tr><tr><td>流水号</td><td>2026061299</td></tr></table>${paragraph(2)}`,
    );
    expect(read(doc).docDate).toBe('2026-06-12');
    // Eight digits that are no day (a month 13) are no date.
    const wrong = page(`<h2>某大学关于印发年度工作要点的通知</h2><table><tr><td>日期</td><td>20261312</td></tr></table>${paragraph(2)}`);
    expect(read(wrong).docDate).toBeNull();
  });

  it('a speech or report is dated by its subtitle (——2026年1月8日在某会议上)', () => {
    const doc = page(
      `<h1>2026年某县人民政府工作报告</h1><div class="info">发布时间：2026-01-15 10:00　信息来源：县政府办公室</div>
       <p>政府工作报告</p><p>——2026年1月8日在某县第十八届人民代表大会第五次会议上</p><p>县长　某某</p>${paragraph(4)}`,
    );
    expect(read(doc)).toMatchObject({ docDate: '2026-01-08', docDateKind: 'written' });
  });

  it('a 发文处理笺 names its issuer in its caption; its 主办单位 only drafted the document', () => {
    const doc = page(
      `<div class="caption">某航运职业技术学院发文处理笺</div>
       <table><tr><td>标题</td><td>关于公布教学成果奖评审结果的通知</td></tr><tr><td>主办单位</td><td>教务处</td><td>文号</td><td>某职院发[2026]14号</td></tr>
       <tr><td>成文日期</td><td>2026.03.18</td><td>抄送</td><td>省教育厅职成处</td></tr></table>`,
    );
    expect(read(doc).issuer).toBe('某航运职业技术学院');
    // A 收文 form's caption names who received the document: it is no issuer.
    const received = page(
      `<div class="caption">某航运职业技术学院收文处理笺</div>
       <table><tr><td>标题</td><td>关于做好技能大赛组织工作的通知</td></tr><tr><td>来文单位</td><td>某省教育厅</td><td>来文字号</td><td>某教职成〔2026〕8号</td></tr></table>`,
    );
    expect(read(received).issuer).toBe('某省教育厅');
  });

  it('a 转发 record labelling its own 文号 and the 来文文号 gives its own', () => {
    const doc = page(
      `<dl><dt>标题</dt><dd>关于转发《某省教育厅关于做好技能大赛组织工作的通知》的通知</dd><dt>文号</dt><dd>某职院教〔2026〕6号</dd>
       <dt>发文单位</dt><dd>某航运职业技术学院</dd><dt>来文单位</dt><dd>某省教育厅</dd><dt>来文文号</dt><dd>某教职成〔2026〕8号</dd></dl>${paragraph(2)}`,
    );
    expect(read(doc)).toMatchObject({ docNumber: '某职院教〔2026〕6号', issuer: '某航运职业技术学院' });
  });

  it('a title naming its body (某市人大常委会关于…的决议) outranks the 来源 that posted it', () => {
    const doc = page(
      `<h1>某市人民代表大会常务委员会关于加强法治保障的决议</h1><div class="info">发布日期：2026-04-30　来源：市人大常委会办公室</div>
       <p>（2026年4月28日某市第十七届人民代表大会常务委员会第二十五次会议通过）</p>${paragraph(4)}`,
    );
    expect(read(doc)).toMatchObject({ issuer: '某市人民代表大会常务委员会', docDate: '2026-04-28' });
    // A work report is titled by its body's name; a regulation's body ends before its kind (…管理办法 is no 管理办).
    const report = page(`<h1>政协某市第九届委员会常务委员会工作报告</h1><div class="info">发布时间：2026-01-09　来源：市政协办公室</div>${paragraph(4)}`);
    expect(read(report).issuer).toBe('政协某市第九届委员会常务委员会');
    const rules = page(`<h1>某医科大学差旅费管理办法（2025年修订）</h1><div class="info">发布时间：2025-06-30　来源：财务处</div>${paragraph(4)}`);
    expect(read(rules).issuer).toBe('某医科大学');
  });

  it('a labelled issuer with its handling office in brackets is the body the 落款 names in full', () => {
    const doc = page(
      `<h2>中共某省委教育工委关于开展基层党建工作质量评估的通知</h2><table><tr><td>发文单位</td><td>省委教育工委（组织处）</td><td>文号</td><td>某教工委[2027]11号</td></tr></table>
       ${paragraph(3)}<p>中共某省委教育工委</p><p>2027年3月15日</p>`,
    );
    expect(read(doc).issuer).toBe('中共某省委教育工委');
  });

  it('the link to the next post is not the title; a leading group named for a quoted campaign opens its title', () => {
    const doc = page(
      `<h2 class="notice-title">某县“转作风、优环境、促发展”专项行动领导小组办公室关于第一批作风问题典型案例的通报</h2>
       <div><div class="label">文号</div><div class="value">某办〔2026〕3号</div></div>${paragraph(3)}
       <div class="nav"><p>上一篇：<span class="link">关于公布涉企行政检查事项清单的通知</span></p><p>下一篇：<span class="link">关于开展自查自纠的通知</span></p></div>`,
    );
    expect(read(doc).title).toBe('某县“转作风、优环境、促发展”专项行动领导小组办公室关于第一批作风问题典型案例的通报');
  });

  it('a title wrapped after its body’s name (某市人大常委会 / 关于…的决定) is read whole, and names the issuer', () => {
    const line = (text: string) => `<p align="center" style="font-size:22.0pt"><span>${text}</span></p>`;
    const doc = page(
      `${line('某市人民代表大会常务委员会')}${line('关于设立“企业家日”的决定')}<p>（2026年2月27日某市人大常委会第二十三次会议通过）</p>${paragraph(4)}`,
    );
    expect(read(doc)).toMatchObject({
      title: '某市人民代表大会常务委员会关于设立“企业家日”的决定',
      issuer: '某市人民代表大会常务委员会',
      docDate: '2026-02-27',
    });
  });

  it('a campus paper’s article is dated by its issue (2027年4月15日 星期四 第1184期), as published', () => {
    const doc = page(
      `<div class="top">2027年4月15日 星期四 第1184期 中共某大学委员会主办</div><div>首页｜上一期｜往期回顾</div>
       <h3>强化数字赋能 筑牢档案根基</h3><h1>我校召开2027年档案工作会议</h1><p>本报记者 某某 通讯员 某某</p>${paragraph(4)}`,
    );
    expect(read(doc)).toMatchObject({ title: '我校召开2027年档案工作会议', docDate: '2027-04-15', docDateKind: 'published' });
  });

  it('a mobile list whose cells are links (<a class="weui-cell">, a 督办单 title and dates inside) is a list', () => {
    const cell = (n: number) =>
      `<a class="weui-cell" href="#/detail/${n}"><div class="bd"><p class="db-title">关于第${n}轮督查发现问题限期整改的督办单</p>
       <p class="meta">某办督〔2027〕${30 + n}号 · 体育学院</p><p class="meta">下达：2027/9/${10 + n}　时限：2027/10/12</p></div><div class="ft"></div></a>`;
    const doc = page(`<div class="navbar"><div>待反馈（3）</div><div>已办结</div></div><div class="cells">${cell(1)}${cell(2)}${cell(3)}</div>`);
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('关于[matter]的[kind] reads as a title whatever its kind is called (…的整改通知书)', () => {
    const doc = page(
      `<p><b>关于后勤管理处公务用车管理问题的整改通知书</b></p><span class="tab-title">处理意见（3）</span>
       <table><tr><td>发起人</td><td>某某</td><td>发起时间</td><td>2027-04-24 09:31</td></tr></table>${paragraph(3)}`,
    );
    expect(read(doc).title).toBe('关于后勤管理处公务用车管理问题的整改通知书');
  });

  it('a record is dated by the time of the activity its title names (…约谈记录 / 约谈时间)', () => {
    const doc = page(
      `<h2>某大学作风建设约谈记录</h2><table><tr><td>编号</td><td>某纪约〔2027〕第07号</td></tr>
       <tr><td>约谈时间</td><td>2027年5月12日 15:00—16:10</td><td>约谈地点</td><td>行政楼512会议室</td></tr></table>${paragraph(3)}
       <p>流程记录：第1步 发起 2027-05-12 17:32 第2步 审核 2027-05-13 08:47</p>`,
    );
    expect(read(doc).docDate).toBe('2027-05-12');
  });

  it('a 方正 数字报 article is titled by its <founder-title> and dated by its issue, with no heading or byline', () => {
    const doc = page(
      `<!--enpproperty <articleid>8812</articleid><date>2026-03-20</date><title>学校召开专项行动动员部署会</title>/enpproperty-->
       <table><tr><td>第812期（总第1568期）</td><td>星期五</td></tr></table>
       <ul><li><a href="content_8813.htm">我校与某县签署新一轮校地合作协议</a></li><li><a href="content_8814.htm">春季学期开学工作会议召开</a></li></ul>
       <table><tr><td class="yt">以作风之变促发展之进</td></tr><tr><td class="bt1"><founder-title>学校召开专项行动动员部署会</founder-title></td></tr>
       <tr><td class="zz"><founder-author>某某　某某</founder-author></td></tr><tr><td><founder-content>${paragraph(4)}</founder-content></td></tr></table>`,
      '某大学报数字报刊平台',
    );
    expect(read(doc)).toMatchObject({ vendor: 'founder', title: '学校召开专项行动动员部署会', docDate: '2026-03-20', docDateKind: 'published', issuer: null });
  });

  it('a site’s logo heading (<h1> in its banner, or only a link home) is no document’s title', () => {
    const doc = page(
      `<header><h1 id="logo"><a href="/">某农林Wiki</a></h1></header><div class="sidebar"><a href="/display/NIC">网络与信息中心知识库</a></div>
       <div id="content"><h1><a href="/display/NIC/Home">首页</a></h1><p>本空间仅限网络与信息中心访问。对外发布的正式文件以学校OA为准。</p>
       <ul><li><a href="/p/1">正版软件激活常见问题</a> — 某某 更新于 2026-05-18</li><li><a href="/p/2">【通报】2026年4月钓鱼邮件攻击情况</a> — 某某 更新于 2026-04-29</li></ul></div>`,
      '首页 - 网络与信息中心知识库 - 某农林Wiki',
    );
    expect(read(doc).title).toBe('');
    const logoOnly = page(`<div class="top"><h1><a href="http://www.example.edu.cn/">某大学图书馆</a></h1></div><p>欢迎访问。</p>`, '某大学图书馆');
    expect(read(logoOnly).title).toBe('');
  });
});

describe('what heldout-52 and heldout-54 lacked (opened after their first scores)', () => {
  const card = (who: string, fields: string, when: string) =>
    `<div class="approval-card"><div class="card-title">${who}</div>${fields}<div class="card-foot"><span class="status">审批通过</span><span class="time">${when}</span></div></div>`;

  it('an approvals list whose cards are dated by month and day only (3月10日 08:30) is a list, not its first card’s document', () => {
    const doc = page(
      `<div class="approval-list">
       ${card('某某提交的公文审批', '<div class="card-field">公文标题：关于开展春季学期宿舍安全检查的通知</div><div class="card-field">发文字号：某院学工〔2026〕5</div><div class="card-field">成文日期：2026/3/9</div>', '3月10日 08:30')}
       ${card('某某提交的用印申请', '<div class="card-field">用印事由：校企合作协议续签</div><div class="card-field">用印日期：2026/3/12</div>', '3月11日 17:05')}
       ${card('某某提交的公文审批', '<div class="card-field">公文标题：关于毕业生返校答辩安排的通知</div><div class="card-field">发文单位：某某学院</div>', '3月31日 16:48')}
       </div>`,
      '审批',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('cards that carry a document only under its 文件编号 are a list too', () => {
    const doc = page(
      `<div class="aflow-list">
       ${card('某某提交的合同审查', '<div class="card-field">合同名称：考前辅导服务合同</div><div class="card-field">合同相对方：某咨询有限公司</div>', '2026/5/18 16:42')}
       ${card('某某提交的用印申请', '<div class="card-field">用印事由：报送整改进展情况的报告</div><div class="card-field">文件编号：某大继〔2026〕11号</div>', '2026/5/19 09:05')}
       ${card('某某提交的公务接待', '<div class="card-field">接待日期：2026.05.22</div><div class="card-field">来宾单位：某省教育厅</div>', '2026/5/19 11:30')}
       </div>`,
      '审批',
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a detail page whose sections are framework cards built alike (文件信息 / 正文 / 阅读记录) is one document, not a list of cards', () => {
    const section = (head: string, body: string) =>
      `<div class="el-card"><div class="el-card__header"><span>${head}</span></div><div class="el-card__body">${body}</div></div>`;
    const doc = page(
      `<div class="doc-detail">
       ${section('文件信息', '<div class="info-item"><div class="info-label">文件标题</div><div class="info-value">关于做好国家助学金认定工作的通知</div></div><div class="info-item"><div class="info-label">发文字号</div><div class="info-value">某院学工【2026】11号</div></div><div class="info-item"><div class="info-label">成文日期</div><div class="info-value">2026.04.15</div></div>')}
       ${section('正文', '<p>各二级学院：</p><p>现将认定工作有关事项通知如下。</p><p>一、认定对象为在籍学生。</p><p>二、学生申请时间为4月20日至4月30日。</p><p>三、结果须公示不少于5个工作日。</p><p>某某学院学生工作处</p><p>2026年4月15日</p>')}
       ${section('阅读记录', '<table><tr><td>某某</td><td>某某学院</td><td>2026.04.16 09:12:33</td></tr></table>')}
       </div>`,
    );
    expect(read(doc)).toMatchObject({ title: '关于做好国家助学金认定工作的通知', docNumber: '某院学工【2026】11号', docDate: '2026-04-15' });
  });

  it('a topic home page, its focus story a teaser (headline link, summary, date), has no document of its own', () => {
    const items = (n: number, year: string) =>
      Array.from(
        { length: n },
        (_, i) => `<li><a href="/zt/${i}.html">校党委第${i + 1}轮巡察工作动员部署会召开</a><span>${year}-0${i + 1}-1${i}</span></li>`,
      ).join('');
    const doc = page(
      `<div class="zt-banner"><h1>巡察工作专题</h1><p>发挥巡察利剑作用　推动全面从严治党向纵深发展</p></div>
       <div class="zt-focus"><h3><a href="/zt/9.html">校党委第七轮巡察集中反馈会召开</a></h3>
         <p>4月10日，校党委第七轮巡察集中反馈会在行政楼第一会议室召开，第一、第二巡察组分别向两个学院党委反馈巡察意见……</p><span class="date">2026-04-10</span></div>
       <ul>${items(5, '2026')}</ul>
       <div class="notice">第八轮巡察期间（2026年5月11日至6月5日），巡察组受理来信来访，举报电话：88190000，邮箱：xc@example.edu.cn</div>`,
      '巡察工作专题',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a site footer’s 更新时间 is the site’s, not the document’s', () => {
    const doc = page(
      `<h2>关于做好学生资助工作的通知</h2>${paragraph(3)}
       <div class="bottom"><p>地址：某市学府路88号　电话：88190000　某ICP备05008812号-1　更新时间：2026-05-26</p></div>`,
    );
    expect(read(doc).docDate).toBeNull();
  });
});

describe('what heldout-57 lacked (opened after its first score)', () => {
  it('a work bench’s notice items, built alike and dated, are a list even when only one reads as a title', () => {
    const item = (title: string, meta: string) =>
      `<div class="wb-notice-item"><div class="wb-notice-title">${title}</div><div class="wb-notice-meta">${meta}</div></div>`;
    const doc = page(
      `<div class="wb-header"><div>某大学</div><div>下午好，某某</div><div>9月22日 星期二</div></div>
       <div class="wb-card"><div class="wb-card-title">通知</div>
       ${item('【学工部】关于做好国庆节假期学生安全教育与管理工作的通知', '某大学工〔2026〕第19号 · 09-22 09:05 · 未确认')}
       ${item('【教务处】2026—2027学年第一学期补考安排', '09-04 · 已读')}
       ${item('【资助中心】2026年秋季学期助学金发放名单', '09-01 · 已读')}</div>`,
      '今日校园',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });

  it('a heading inside a listed item names that item, however few the items are; the selected entry of a master list still names the page’s', () => {
    const card = (title: string, when: string) =>
      `<a class="media-box" href="/notice/detail?id=${when}"><h4 class="media-box__title">${title}</h4><p class="media-box__desc">各单位于月底前完成本单位安全隐患自查……</p><ul class="info"><li>保卫处</li><li>${when}</li></ul></a>`;
    const bench = page(
      `<div class="top">某大学 · 移动办公</div><div class="cells__title">最新公告</div>
       <div class="panel">${card('关于召开学校安全稳定工作会议的通知', '03-25 10:12')}${card('关于开展校园安全隐患排查的通知', '03-23 15:40')}</div>`,
      '工作台',
    );
    expect(read(bench).title).toBe('');
    const item = (cls: string, text: string, when: string) =>
      `<div class="${cls}"><span class="from">某某</span><span class="summary">${text}</span><span class="t">${when}</span></div>`;
    const master = page(
      `<div class="ding-list">${item('ding-item active', '【会议通知】关于召开冬季安全稳定工作会议的通知', '11-16')}
       ${item('ding-item', '请各部门于11月20日前提交预算申报表', '11-13')}${item('ding-item', '明天上午专题会改到行政楼201', '11-10')}</div>
       <div class="ding-detail"><pre>【会议通知】关于召开冬季安全稳定工作会议的通知

各部门：学院定于11月18日下午召开冬季安全稳定工作会议，部署校园安全稳定工作。请各单位于11月17日前回复参会人员名单。

党政办公室
2026年11月16日</pre></div>`,
      'DING',
    );
    expect(read(master).title).toBe('关于召开冬季安全稳定工作会议的通知');
  });
});

describe('what heldout-60 lacked (opened after its first score)', () => {
  it('a form’s labelled unit (a reimbursement form’s 所在部门), with no title, 文号 or date of a document, is no issuer', () => {
    const doc = page(
      `<div class="topnav">某大学网上报销系统 | 首页 &gt; 差旅费报销 &gt; 填写报销单</div>
       <div class="tips">温馨提示：差旅费报销标准按《某大学差旅费管理办法》（某大发〔2024〕19号）执行。出差结束后30日内办理报销。</div>
       <table><caption>差旅费报销单</caption><tr><td>单据编号</td><td>CL2026041500327</td><td>报销日期</td><td><input value="2026/4/15"></td></tr>
       <tr><td>报 销 人</td><td>某某</td><td>所在部门</td><td>文学院</td></tr><tr><td>出差事由</td><td>参加全国高校科研管理研讨会</td></tr></table>`,
      '网上报销',
    );
    expect(read(doc)).toMatchObject({ title: '', issuer: null });
  });

  it('a labelled unit beside a labelled 文号 is still read when the title is missed', () => {
    const doc = page(`<table><tr><td>发文字号</td><td>某大发〔2026〕7号</td></tr><tr><td>发文单位</td><td>某大学党政办公室</td></tr></table>${paragraph(2)}`);
    expect(read(doc)).toMatchObject({ docNumber: '某大发〔2026〕7号', issuer: '某大学党政办公室' });
  });
});

describe('what heldout-65 and heldout-67 lacked (opened after their first scores)', () => {
  it('a list whose 文号 column stands in a <tbody> under its <thead> states several documents', () => {
    const row = (n: number) =>
      `<tr><td>${n}</td><td>某省教育厅关于做好第${n}项工作的通知</td><td>某省教育厅</td><td>某教学〔2026〕${n}号</td><td>2026-04-1${n}</td><td><a>签收</a></td></tr>`;
    const doc = page(
      `<div class="search-bar"><label>来文单位</label><input><label>文号</label><input><a>查询</a></div>
       <table><thead><tr><th>序号</th><th>来文标题</th><th>来文单位</th><th>文号</th><th>成文日期</th><th>操作</th></tr></thead>
       <tbody>${row(1)}${row(2)}${row(3)}</tbody></table><div class="pager">共 3 条</div><div>提示：来文须在发送后3个工作日内签收；逾期未签收的将短信提醒。</div>`,
      '公文交换平台',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a regulation’s page that ends with a table of its earlier versions, each with its 文号, keeps its own', () => {
    const doc = page(
      `<h2>某大学科研经费管理办法（2026年修订）</h2>${paragraph(4)}
       <table><thead><tr><th>版本</th><th>文号</th><th>发布日期</th><th>状态</th></tr></thead><tbody>
       <tr><td>2026年修订</td><td>某大发〔2026〕27号</td><td>2026-05-29</td><td>现行有效</td></tr>
       <tr><td>2021年版</td><td>某大发〔2021〕63号</td><td>2021-11-15</td><td>已废止</td></tr>
       <tr><td>2016年版</td><td>某大校字〔2016〕88号</td><td>2016-12-02</td><td>已废止</td></tr></tbody></table>`,
    );
    expect(read(doc)).toMatchObject({ title: '某大学科研经费管理办法（2026年修订）', docNumber: '某大发〔2026〕27号' });
  });

  it('a 文号 remarked in a step of a flow’s log (编号：…；请改…) is no field of the page', () => {
    const step = (n: number, name: string, note: string) =>
      `<tr><td>${n}</td><td>${name}</td><td>某某</td><td>已办结</td><td>2026-04-0${n} 09:12:33</td><td>${note}</td></tr>`;
    const doc = page(
      `<div class="flow-head"><span>流程跟踪</span><span>流水号：20417</span></div>
       <table><thead><tr><td>序号</td><td>步骤名称</td><td>办理人</td><td>状态</td><td>接收时间</td><td>备注</td></tr></thead><tbody>
       ${step(1, '拟稿', '拟稿：关于商请支持共建实训基地的函')}${step(2, '部门负责人审核', '同意')}${step(3, '校办核稿', '编号：某理工函〔2026〕15号；请改“恳请”为“商请”')}${step(4, '签发', '发')}</tbody></table>`,
      '流程跟踪',
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a 文号 inside an attachment’s file name (某财〔2026〕4号-关于…的通知.pdf) is the attachment’s', () => {
    const doc = page(
      `<h2>关于做好预算填报工作的通知</h2>${paragraph(3)}<div class="att">附件：某理工财〔2026〕4号-关于报送部门预算绩效目标的通知.pdf　(1.1M)</div>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a tab title as short as a kind’s name (审批记录) names what the page is for', () => {
    const step = (n: number) => `<tr><td>节点${n}</td><td>某某</td><td>通过</td><td>同意。</td><td>2026-03-2${n} 10:14:22</td></tr>`;
    const doc = page(
      `<div class="head"><span class="title">审批记录</span><span>流程单号：QB20260327004</span></div>
       <table><thead><tr><td>节点</td><td>处理人</td><td>操作</td><td>处理意见</td><td>处理时间</td></tr></thead><tbody>${step(1)}${step(2)}${step(3)}</tbody></table>`,
      '审批记录',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a tab title that parts site and page with a run of dashes (某大学图书馆--新闻公告) gives the site’s name, which is no title', () => {
    const doc = page(
      `<p>当前位置：首页 &gt;&gt; 新闻公告 &gt;&gt; 正文</p><p>Microsoft OLE DB Provider for ODBC Drivers 错误 '80040e14'</p>
       <p>某某师范专科学校图书馆 版权所有 2004-2026　总服务台：0877-3816330</p>`,
      '某某师范专科学校图书馆--新闻公告',
    );
    expect(read(doc).title).toBe('');
  });

  it('a 文号 typed with the small brackets ﹝﹞ for 〔〕 is read', () => {
    const doc = page(`<h2>关于调整寒假期间开放时间的通知</h2><p>某师专图﹝2026﹞1号</p>${paragraph(3)}`);
    expect(read(doc).docNumber).toBe('某师专图﹝2026﹞1号');
  });
});

describe('what heldout-68 and heldout-71 lacked (opened after their first scores)', () => {
  it('a topic’s home page (its menu marks 专题首页 as where the reader is) is named on its tab as the topic, not a document', () => {
    const items = Array.from(
      { length: 4 },
      (_, i) => `<li><a href="/art/${i}.html">某市就业创业第${i + 1}号工作动态</a><span>2026-03-0${i + 1}</span></li>`,
    ).join('');
    const doc = page(
      `<div class="zt-banner"><img alt="留在某市 未来可期" src="/b.jpg"></div>
       <div class="zt-nav"><a href="/zt/" class="on">专题首页</a><a href="/zt/zcwj/">政策文件</a><a href="/zt/gzdt/">工作动态</a></div>
       <ul>${items}</ul><div class="data"><p>截至2026年4月30日</p><p>全市已发放高校毕业生安家补贴 3862 人次。</p></div>`,
      '高校毕业生就业创业服务专题',
    );
    expect(read(doc).title).toBe('');
  });

  it('a dashboard card’s heading over its table of dated records (本院最新听课记录) is no title', () => {
    const row = (n: number) => `<tr><td>2026-05-2${n}</td><td>课程${n}</td><td>某某</td><td>某某</td><td>良好</td></tr>`;
    const doc = page(
      `<div class="stat"><div>本学期听课</div><div>1,284 节次</div></div>
       <div class="card"><div class="card-head"><div class="card-head-title">本院最新听课记录</div></div>
       <div class="card-body"><table><thead><tr><th>听课日期</th><th>课程</th><th>授课教师</th><th>督导</th><th>评价等级</th></tr></thead><tbody>${row(1)}${row(2)}${row(3)}${row(4)}</tbody></table></div></div>`,
      '教学督导平台',
    );
    expect(read(doc).title).toBe('');
  });

  it('a notice whose title heads a body with a schedule table keeps its title', () => {
    const row = (n: number) => `<tr><td>2026-05-2${n}</td><td>第${n}场</td><td>行政楼${n}01</td></tr>`;
    const doc = page(
      `<h2>关于举办青年教师教学竞赛的通知</h2><div class="content">${paragraph(3)}<table><thead><tr><th>日期</th><th>场次</th><th>地点</th></tr></thead><tbody>${row(1)}${row(2)}${row(3)}</tbody></table>${paragraph(1)}</div>`,
    );
    expect(read(doc).title).toBe('关于举办青年教师教学竞赛的通知');
  });

  it('a 落款 whose seal note stands on its own line between the signer and the day (（某委员会代章）) dates the document', () => {
    const doc = page(
      `<h2>关于召开信用修复工作推进会的通知</h2><p>发布时间：2026-04-09 11:26:48　来源：市信用办</p>${paragraph(3)}
       <p style="text-align:right">某市社会信用体系建设联席会议办公室</p><p style="text-align:right">（某市发展和改革委员会代章）</p><p style="text-align:right">2026年4月8日</p>`,
    );
    expect(read(doc)).toMatchObject({ docDate: '2026-04-08', issuer: '某市社会信用体系建设联席会议办公室' });
  });
});

describe('what heldout-73 lacked (opened after its first score)', () => {
  it('a feed’s items (an account’s history of posts, each opening with its own heading) name themselves, not the page', () => {
    const post = (title: string, desc: string) => `<div class="appmsg_item"><h4 class="appmsg_title">${title}</h4><p class="appmsg_desc">${desc}</p></div>`;
    const doc = page(
      `<div class="profile_info"><div class="nickname">某大学</div><div class="desc">某大学官方微信公众号。发布学校权威信息。</div></div>
       <div class="history_list"><div class="history_date">2026年4月21日</div>${post('科普基地！工程训练中心入选', '某市教育局公布科普教育基地名单（某教〔2026〕16号）')}
       <div class="history_date">2026年4月18日</div>${post('通知｜关于2026年劳动节放假安排的通知', '根据国务院办公厅通知精神，现将放假安排通知如下……')}
       ${post('要闻｜学校召开2026年党建工作会议', '会议部署《某大学2026年党建工作要点》（某大党发〔2026〕5号）')}</div>`,
      '某大学',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-76 lacked (opened after its first score)', () => {
  it('a request listing several documents under key / value spans (档号, 题名, 文号, 日期 per item) states several documents', () => {
    const item = (n: number, title: string, number: string, day: string) =>
      `<div class="table-row"><div class="row-title">明细 ${n}</div><div class="kv"><span class="k">题名</span><span class="v">${title}</span></div>
       <div class="kv"><span class="k">文号</span><span class="v">${number}</span></div><div class="kv"><span class="k">日期</span><span class="v">${day}</span></div></div>`;
    const doc = page(
      `<div class="header"><div class="title">某某提交的档案借阅申请</div><div class="sub">某大学 · 档案馆</div></div>
       <div class="form-item"><div class="label">所在部门</div><div class="value">档案馆</div></div>
       <div class="form-item"><div class="label">借阅事由</div><div class="value">校史编纂，核对建校初期史实</div></div>
       <div class="form-item"><div class="label">借阅明细（3）</div>${item(1, '某省人民委员会关于建立某师范专科学校的决定', '某委字第147号', '1958.07.14')}
       ${item(2, '某师范专科学校1958年招生简章', '', '1958.08.02')}${item(3, '关于某师范专科学校改建为某大学的批复', '某政函〔1984〕56号', '1984.05.30')}</div>
       <div class="flow"><div class="flow-title">审批流程</div><div class="flow-node"><span class="name">某某</span><span class="act">发起申请</span><span class="time">04-12 15:30</span></div>
       <div class="flow-node"><span class="name">某某</span><span class="act">已同意</span><span class="time">04-12 16:02</span><div class="comment">同意，原件出借须登记，按期归还。</div></div></div>`,
      '审批',
    );
    expect(read(doc)).toMatchObject({ docNumber: null, issuer: null, docDate: null });
  });
});

describe('pages that show others: conversations, message centres, wiki homes, error pages (heldout-73 and -77, opened)', () => {
  it('a group chat whose member shares a document’s link card has no document of its own', () => {
    const msg = (who: string, content: string) => `<div class="msg"><span class="msg-sender">${who}</span>${content}</div>`;
    const doc = page(
      `<div class="chat-title">办公室工作群(12)</div><div class="msg-list"><div class="msg-time">2026年4月16日 09:12</div>
       ${msg('张某', '<div class="msg-bubble">各位，以下文件今天上午要上会，请再核一遍。</div>')}
       ${msg('李某', '<div class="msg-card link-card"><div class="lc-title">某大学关于开展校园环境整治的通知</div><div class="lc-desc">某大办〔2026〕12号 · 某大学党政办公室 · 2026年4月15日</div></div>')}
       ${msg('王某', '<div class="msg-bubble">收到，拟请后勤处牵头。</div>')}
       ${msg('李某', '<div class="msg-card file-card"><div class="fc-name">某大办〔2026〕12号.pdf</div><div class="fc-meta">318 KB</div></div>')}</div>`,
      '钉钉',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a page whose sections open with their names once each is still one document', () => {
    const section = (name: string, content: string) => `<div class="card"><span class="card-name">${name}</span><div class="card-body">${content}</div></div>`;
    const doc = page(
      `${section('文件信息', '<h2>关于开展校园环境整治的通知</h2>')}${section('附件', '<div>整治任务分解表.xlsx</div>')}${section('阅读记录', '<div>已读 12 人</div>')}
       ${paragraph(3)}<p>某大学党政办公室</p><p>2026年4月15日</p>`,
    );
    expect(read(doc).title).toBe('关于开展校园环境整治的通知');
  });

  it('a message centre’s day over its cards dates nothing the page shows', () => {
    const card = (time: string, title: string, desc: string) =>
      `<div class="msg-card"><div class="msg-card__time">${time}</div><div class="msg-card__title">${title}</div><div class="msg-card__desc">${desc}</div><a href="/go">查看详情</a></div>`;
    const doc = page(
      `<div class="day-sep">今天 4月15日</div>${card('09:32', '【待办】公文签收提醒', '省厅来文《关于组织开展实验室安全检查的通知》，请于4月17日前签收。')}
       ${card('08:50', '【传阅】党委发文已印发', '《关于调整部分二级党组织设置的通知》已印发，请阅知。')}
       <div class="day-sep">2026年4月10日</div>${card('16:18', '【传阅】转发文件', '某大办〔2026〕11号 关于转发就业创业工作通知的通知，请阅知。')}
       <div class="load-more">— 仅显示最近30天消息 —</div>`,
      '公文',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a wiki space’s home: its name in an <h1> over a tree and a table of recent edits names no document', () => {
    const doc = page(
      `<aside><div class="space-name">办公室公文知识库</div><ul><li>02 发文定稿<ul><li>某大发[2026]14号 资助工作领导小组调整</li><li>某大函〔2026〕22号 实训基地</li></ul></li></ul></aside>
       <main><h1>办公室公文知识库</h1><div class="home-desc">本知识库用于存放学校发文定稿与会议纪要，仅限本办公室查看。</div>
       <h2>最近更新</h2><table><tr><th>文档</th><th>更新人</th><th>更新时间</th></tr>
       <tr><td>某大人〔2026〕19号 职称评聘工作通知（定稿）</td><td>张某</td><td>2026年4月24日 15:02</td></tr>
       <tr><td>某大函〔2026〕22号 实训基地</td><td>张某</td><td>2026年4月17日 10:33</td></tr>
       <tr><td>某大发[2026]14号 资助工作领导小组调整</td><td>李某</td><td>2026年4月9日 17:20</td></tr></table></main>`,
      '办公室公文知识库 - 云文档',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('an English error page’s heading is no title; an English page’s heading over its body is', () => {
    const error = page(
      `<h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p>
       <div>There was an unexpected error (type=Internal Server Error, status=500).</div><div>通知单《关于统一身份认证系统漏洞的整改通知》（某网信通【2026】14号）不存在或已归档</div>`,
      '',
    );
    expect(read(error)).toMatchObject({ title: '', docNumber: null });
    const english = page(
      `<h1>Notice on Arrangements for the 2026 Summer Vacation</h1>${Array.from(
        { length: 4 },
        () =>
          '<p>All schools and departments are asked to arrange duty shifts during the vacation and to report their plans to the General Office in time.</p>',
      ).join('')}`,
      'News',
    );
    expect(read(english).title).toBe('Notice on Arrangements for the 2026 Summer Vacation');
  });
});

describe('heads, labels and master lists (heldout-76 and -77, opened)', () => {
  it('a 纪要’s head (编号, unit, day on one line) dates it, not the 版记’s later 印发 line', () => {
    for (const head of ['某纪要〔2026〕第1号　某大学某领导小组办公室　2026年5月13日', '某纪要〔2026〕1号某大学某领导小组办公室编2026年5月13日']) {
      const doc = page(
        `<div>某大学某领导小组</div><div>会议纪要</div><div>${head}</div><h2>2026年第1次某领导小组会议纪要</h2>${paragraph(4)}
         <p>出席：张某、李某</p><p>分送：各学院，各部门</p><p>某大学某领导小组办公室　2026年5月14日印发</p>`,
      );
      expect(read(doc)).toMatchObject({ docDate: '2026-05-13', issuer: '某大学某领导小组办公室' });
    }
  });

  it('a 纪要’s head under its number may date it in figures (某中心　2026.03.10), over the post’s 发布时间', () => {
    const doc = page(
      `<h2>某委员会2026年第一次全体会议纪要</h2><p>发布部门：某中心　发布时间：2026-03-11 08:45:12</p><div>工作纪要</div><div>某督导纪〔2026〕1号</div>
       <div>某中心（督导办）　2026.03.10</div><h3>某委员会2026年第一次全体会议纪要</h3>${paragraph(4)}`,
    );
    expect(read(doc).docDate).toBe('2026-03-10');
  });

  it('a form’s 发文日期 gives way to the 落款 it prints (a day earlier), and dates the document when there is none', () => {
    const form = (signature: string) =>
      page(
        `<table><tr><td>标题</td><td>关于召开期中教学检查工作会议的通知</td></tr><tr><td>发文日期</td><td>2026-04-21</td></tr></table>${paragraph(3)}${signature}`,
      );
    expect(read(form('<p>教务处</p><p>2026年4月20日</p>')).docDate).toBe('2026-04-20');
    expect(read(form('')).docDate).toBe('2026-04-21');
  });

  it('a detail frame’s <h4> heads its notice; the frame’s tab title (查看通知公告) names the view', () => {
    const doc = page(
      `<div class="tzgg-detail"><h4 class="text-center">关于课程成绩录入与提交工作的通知</h4><p>发布人：某某　发布部门：教务处　发布时间：2026-06-16 08:30:05</p>
       <p>某大教〔2026〕33号</p>${paragraph(4)}<p>教务处</p><p>2026年6月15日</p></div>`,
      '查看通知公告',
    );
    expect(read(doc)).toMatchObject({ title: '关于课程成绩录入与提交工作的通知', docDate: '2026-06-15' });
  });

  it('a label naming who issued it with any of the words for a unit (发文部门 as 发文单位) is the issuer', () => {
    const doc = page(
      `<table><tr><td>文件标题：</td><td>关于上半年安全检查情况的通报</td></tr><tr><td>发文部门：</td><td>设备管理处</td><td>文种：</td><td>通报</td></tr>
       <tr><td>成文日期：</td><td>2026/7/10</td></tr></table>${paragraph(2)}`,
    );
    expect(read(doc)).toMatchObject({ issuer: '设备管理处', docDate: '2026-07-10' });
  });

  it('a required field’s star (*日期) is no part of its label', () => {
    const doc = page(
      `<table><tr><td>*题名</td><td>关于调整档案工作委员会组成人员的通知</td></tr><tr><td>文号</td><td>某大办发（2025）22号</td></tr>
       <tr><td>*日期</td><td>20250611</td><td>页数</td><td>3</td></tr><tr><td>审核日期</td><td>2026-01-09</td></tr></table>`,
    );
    expect(read(doc).docDate).toBe('2025-06-11');
  });

  it('a master list beside the detail of its selected entry shows that entry; a list whose marked entry’s title is only repeated as a headline is a list', () => {
    const rows = (marked: number) =>
      [15, 16, 17, 18, 19]
        .map(
          (n) =>
            `<tr class="el-table__row${n === marked ? ' current-row' : ''}"><td>00${n}</td><td>关于第${n}项人事工作安排的通知</td><td>某人字[2025]${n}</td><td>2025.12.${n}</td></tr>`,
        )
        .join('');
    const list = `<table><thead><tr><th>件号</th><th>题名</th><th>文号</th><th>日期</th></tr></thead><tbody>${rows(17)}</tbody></table>`;
    const detail = page(
      `${list}<div class="record-detail"><div class="item"><div class="item-label">题名</div><div class="item-value">关于第17项人事工作安排的通知</div></div>
       <div class="item"><div class="item-label">文号</div><div class="item-value">某人字[2025]17</div></div>
       <div class="item"><div class="item-label">日期</div><div class="item-value">2025.12.17</div></div></div>`,
      '数字档案馆',
    );
    expect(read(detail)).toMatchObject({ title: '关于第17项人事工作安排的通知', docNumber: '某人字[2025]17', docDate: '2025-12-17' });
    const headline = page(`<div class="focus"><h3>关于第17项人事工作安排的通知</h3></div>${list}`, '数字档案馆');
    expect(read(headline)).toMatchObject({ title: '', docNumber: null, docDate: null });
  });
});

describe('what heldout-79, -81 and -82 lacked (opened after their first scores)', () => {
  it('a chat whose messages open past an avatar with who sent them, named on its tab, shows no document', () => {
    const msg = (who: string, content: string) =>
      `<div class="msg"><div class="avatar"></div><div class="body"><div class="name">${who}</div>${content}</div></div>`;
    const doc = page(
      `<div class="ww_nav">辅导员工作群(46)</div><div class="msg_list"><div class="msg_time">9月23日 上午 08:41</div>
       ${msg('学生工作部 张某', '<div class="card"><div class="ct">某学（2026）23号 关于开展奖助学金评定工作的通知.pdf</div><div class="cd">1.2MB</div></div>')}
       ${msg('学生工作部 张某', '<div class="card"><div class="ct">某省教育厅关于做好国家奖学金评审工作的通知</div><div class="cd">某教学资〔2026〕15号 · 2026年9月10日</div></div>')}
       ${msg('机械工程学院 李某', '<div class="bubble">收到。请问名额表在哪个附件？</div>')}
       ${msg('学生工作部 张某', '<div class="bubble">在“名额分配表”的第二个sheet。</div>')}</div>`,
      '辅导员工作群(46)',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a calendar’s events, each opening with its span of time, are records, not the page’s document', () => {
    const event = (time: string, title: string, desc = '') =>
      `<div class="event"><div class="event-time">${time}</div><div class="event-title">${title}</div>${desc ? `<div class="event-desc">${desc}</div>` : ''}</div>`;
    const doc = page(
      `<span class="toolbar-title">2026年4月 第16周</span><div class="time-grid">${event('09:00 - 10:00', '处务会：传达《关于做好健康休养工作的通知》')}
       ${event('14:30 - 16:00', '与市一院对接体检方案', '带上某老干发〔2026〕9号复印件')}${event('10:00 - 11:00', '体检表补报老干部局')}${event('08:30 - 10:30', '老年大学春季班开学典礼')}</div>`,
      '日历 - 飞书',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a chip before a title in its line (重要) is no part of it; a title cut into runs stays whole', () => {
    const chip = page(`<div class="notice-title"><span class="van-tag">重要</span> 关于期末考试安排的通知</div>${paragraph(3)}`);
    expect(read(chip).title).toBe('关于期末考试安排的通知');
    const runs = page(`<p class="title"><span>关于</span><span>期末考试安排的通知</span></p>${paragraph(3)}`);
    expect(read(runs).title).toBe('关于期末考试安排的通知');
  });

  it('a print queue (PaperCut MF : 待释放的作业) names no document on its tab, and its file names’ 文号 are the files’', () => {
    const job = (name: string, day: string) =>
      `<tr><td><input type="checkbox"></td><td>${day}</td><td class="document-name">${name}</td><td>2</td><td>¥0.60</td></tr>`;
    const doc = page(
      `<h1>待释放的作业</h1><p>以下作业正在等待释放。</p><table><thead><tr><th></th><th>提交时间</th><th>文档名</th><th>页数</th><th>费用</th></tr></thead><tbody>
       ${job('关于发放重阳节慰问金的通知（定稿）.docx - Microsoft Word', '2026-9-10 08:52:16')}${job('某人社发〔2026〕22号.pdf - WPS Office', '2026-9-10 08:49:03')}
       ${job('http://oa.example/edoc.do - 某离退〔2026〕4号 发文稿纸', '2026-9-9 16:02:12')}</tbody></table>`,
      'PaperCut MF : 待释放的作业',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });

  it('a grid’s row whose cells each wrap their value in a <div> is one line: a cell over a date in it is no 落款', () => {
    const row = (n: number, kind: string, day: string) =>
      `<tr>${[`YB20260801${n}`, '某某', '外国语学院', kind, day, '1,286.40', '某大发〔2025〕36号', '2026-08-03', '某经办']
        .map((v) => `<td><div class="layui-table-cell">${v}</div></td>`)
        .join('')}</tr>`;
    const doc = page(
      `<div class="title">医保报销登记台账（2026年度）</div><table>${row(17, '门诊', '2026-07-29')}${row(26, '住院', '2026-07-11')}${row(33, '门诊', '2026-07-20')}</table>`,
    );
    expect(read(doc)).toMatchObject({ issuer: null, docDate: null });
  });

  it('a 文号 that opens an attachment’s file name, a space before its title (某办〔2026〕4号 关于….pdf), is the attachment’s', () => {
    const doc = page(
      `<h2>关于设立举报信箱和举报电话的公告</h2>${paragraph(3)}<p>巡察工作办公室</p><p>2026/5/18</p><div class="file">某巡办〔2026〕4号 关于开展第五轮巡察工作的安排.pdf</div>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a title over its unit-and-time line outranks a related notice’s, when the unit carries its other name in brackets', () => {
    const doc = page(
      `<div class="nd-title">关于组织党员收看警示教育专题片的通知</div><div class="nd-sub"><span>纪委办公室（监察专员办公室）</span> <span>2026-10-13 15:20</span></div>
       ${paragraph(3)}<div class="rec-title">相关通知</div><div class="van-cell"><div class="van-cell__title">关于开展节日廉洁提醒的通知</div><div class="van-cell__label">纪委办公室 2026-09-18</div></div>`,
      '今日校园',
    );
    expect(read(doc).title).toBe('关于组织党员收看警示教育专题片的通知');
  });

  it('pdf.js 3’s scaled type (calc(var(--scale-factor)*34px)) raises a 简报’s masthead; a viewer’s tab naming the file is no title', () => {
    const run = (text: string, top: number, size: number) =>
      `<span role="presentation" style="left: 30%; top: ${top}%; font-size: calc(var(--scale-factor)*${size}.00px);">${text}</span><br role="presentation">`;
    const doc = page(
      `<div class="textLayer">${run('巡察工作简报', 8, 34)}${run('2026年第3期（总第11期）', 14, 16)}${run('某大学巡察工作办公室2026年7月20日', 18, 16)}
       ${run('校党委第五轮巡察完成进驻巡察工作', 24, 16)}${run('2026年5月18日至7月17日，校党委巡察组对机械工程学院等5个党组织开展了常规巡察。', 28, 16)}</div>`,
      '巡察简报（第3期）定稿.pdf',
    );
    expect(read(doc).title).toBe('巡察工作简报');
  });
});

describe('what heldout-83, -84 and -86 lacked (opened after their first scores)', () => {
  it('a message centre whose items close with their timestamps holds records, not the page’s document', () => {
    const item = (subject: string, time: string) => `<div class="o2_message_item"><div class="subject">${subject}</div><div class="time">${time}</div></div>`;
    const doc = page(
      `<div class="o2_message_title"><span>消息中心</span></div>
       ${item('[待办] 您有新的待办：关于公布实训基地建设项目立项名单的通知（某产教〔2026〕9号）- 核稿', '2026-09-24 14:18:02')}
       ${item('[会议] 会议提醒：校企合作工作委员会会议，9月25日 15:00', '2026-09-24 09:00:00')}
       ${item('[待阅] 关于实训基地建设项目拟立项名单的公示 已发布，请阅知', '2026-09-15 10:05:12')}
       ${item('[流程] 某教职成〔2026〕21号 收文办理已办结，承办部门：产教融合处', '2026-06-22 11:27:45')}`,
      '协同平台',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a forum thread (posts stamped 发表于 …) under its subject shows no document', () => {
    const post = (who: string, time: string, text: string) =>
      `<div id="post_${time.length}${who.length}"><table><tr><td class="pls"><div class="authi"><a href="#">${who}</a></div></td>
       <td class="plc"><div class="pi"><div class="authi"><em>发表于 ${time}</em></div></div><div class="t_f">${text}</div></td></tr></table></div>`;
    const doc = page(
      `<div id="postlist"><table><tr><td><h1><span id="thread_subject">南门今天开始不让进车了？那我们下午拉器材怎么办</span></h1></td></tr></table>
       ${post('实验楼的猫', '2026-4-13 08:12', '今天早上开车被拦了，保安说是保卫处发的通告。有没有人知道具体是哪个文件？')}
       ${post('东区老张', '2026-4-13 08:40', '平安校园网上有，《关于加强校园机动车通行管理的通告》，某保〔2026〕9号，4月2日发的。')}
       ${post('保卫处交通科', '2026-4-13 11:05', '感谢关注。运送实验物资的车辆可提交临时通行申请，审核通过后当日有效。')}</div>`,
      '南门今天开始不让进车了？ - 校园生活 - BBS',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a wiki’s page tree names other pages, and a heading that reads as no title heads no document without a body', () => {
    const doc = page(
      `<div class="wiki-tree" role="tree"><div role="treeitem">首页</div><div role="treeitem">关于做好质量年度报告编制工作的通知</div>
       <div role="treeitem">某教职成函〔2026〕52号 省厅报送通知（扫描件）</div></div>
       <div class="wiki-home"><h1>质量年报工作空间</h1><div class="desc">由质量管理办公室维护，成员 37 人。</div></div>`,
      '质量年报工作空间 - 云文档',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });

  it('a spreadsheet drawn in <div>s keeps each row one line (no 落款 from its cells), and a sheet alone shows no document', () => {
    const row = (cells: string[]) => `<div class="sheet-row">${cells.map((c) => `<div class="sheet-cell">${c}</div>`).join('')}</div>`;
    const doc = page(
      `<span class="file-name">2026年安全隐患整改台账</span><div class="grid">${row(['序号', '隐患描述', '责任单位', '发现日期', '来源/依据'])}
       ${row(['1', '危化品超量存放', '化工学院', '2026/3/24', '某保〔2026〕5号 春季大检查'])}${row(['2', '违规电器', '后勤管理处', '2026/3/26', '某保〔2026〕5号'])}
       ${row(['3', '车辆抬杆故障', '保卫处', '2026/8/15', '巡逻日志'])}</div>`,
      '2026年安全隐患整改台账 - 金山文档',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a tab title that is a sentence (an error’s message) names no document', () => {
    const doc = page(
      `<h2>“/iOffice”应用程序中的服务器错误。</h2><p>异常详细信息: System.IO.DirectoryNotFoundException: 未能找到路径“D:\\Attach\\某档〔2026〕9号.doc”的一部分。</p>
       <pre>${'System.IO.FileStream.Init(String path, FileMode mode, FileAccess access, Int32 rights, Boolean useRights) +1326\n'.repeat(6)}</pre>`,
      '未能找到路径“D:\\Attach\\某档〔2026〕9号.doc”的一部分。',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });

  it('a record’s detail over a table of its neighbours (同盒文件, with their 文件编号) is that record', () => {
    const neighbour = (n: string, title: string, number: string, day: string) =>
      `<tr><td>${n}</td><td>${title}</td><td>${number}</td><td>某校史馆</td><td>${day}</td></tr>`;
    const doc = page(
      `<dl><dt>题名</dt><dd>某大学校史馆关于印发《校史资料征集工作实施方案》的通知</dd><dt>文件编号</dt><dd>某校史〔2026〕1号</dd><dt>日期</dt><dd>20260315</dd></dl>
       <h4>同盒文件</h4><table><thead><tr><th>件号</th><th>题名</th><th>文件编号</th><th>责任者</th><th>日期</th></tr></thead><tbody>
       ${neighbour('0001', '关于公布校史馆开放时间的通知', '无', '20260106')}${neighbour('0002', '校史馆2026年工作要点', '无', '20260227')}
       ${neighbour('0004', '关于征集校史资料和实物的公告', '无', '20260318')}${neighbour('0005', '关于商请提供早期办学史料的函', '某校史函[2026]2号', '20260408')}
       ${neighbour('0006', '基本陈列改造方案专家论证会纪要', '无', '20260522')}</tbody></table>`,
      '数字档案馆',
    );
    expect(read(doc)).toMatchObject({ title: '某大学校史馆关于印发《校史资料征集工作实施方案》的通知', docNumber: '某校史〔2026〕1号', docDate: '2026-03-15' });
  });

  it('a 纪要’s number in brackets on its own line under its masthead ((2026年第4号)) is its 文号', () => {
    const doc = page(
      `<div>某大学图书馆会议纪要</div><div>（2026年第4号）</div><div>某大学图书馆办公室　2026年4月22日</div><h3>关于数据库采购工作的专题会议纪要</h3>${paragraph(4)}`,
    );
    expect(read(doc).docNumber).toBe('2026年第4号');
  });
});

describe('what heldout-88 and -91 lacked (opened after their first scores)', () => {
  it('a blank form to fill in (a questionnaire, a report to submit) is no document, whatever its heading and tab say', () => {
    const question = (n: number, text: string) =>
      `<div class="field"><div class="field-label">${n}. ${text}</div><label><input type="radio" name="q${n}">是</label><label><input type="radio" name="q${n}">否</label></div>`;
    const doc = page(
      `<div class="htitle">某大学2026级新生心理健康普查问卷</div><p>根据《关于开展新生心理健康普查工作的通知》（某学工〔2026〕18号），学校于9月14日至9月27日开展普查。本问卷由心理健康教育中心组织实施。</p>
       <div class="field"><div class="field-label">学号</div><input type="text" name="sno"></div>${question(2, '最近一周是否难以入睡')}${question(3, '是否愿意接受回访')}
       <textarea name="other"></textarea><button>提交</button>`,
      '某大学2026级新生心理健康普查问卷',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a draft whose fields are blank still reads the document title it shows; a record’s filled form is no blank form', () => {
    const draft = page(
      `<h2>关于开展宿舍安全检查的通知</h2><input type="text" name="a"><input type="text" name="b"><textarea name="c"></textarea>${paragraph(3)}`,
    );
    expect(read(draft).title).toBe('关于开展宿舍安全检查的通知');
  });

  it('an online spreadsheet whose table of dated rows is most of the page shows no document; its file’s name on the tab is no title', () => {
    const row = (n: number, day: string) =>
      `<tr><td>${n}</td><td>某学院</td><td>南苑${n}号楼</td><td>违规电器</td><td>${day}</td><td>某某</td><td>已整改</td></tr>`;
    const doc = page(
      `<div class="m-header"><span class="doc-title">4月学生宿舍安全隐患排查台账</span></div><div>最近修改：某某 2026-04-27 22:41</div>
       <table><thead><tr><th>A</th><th>B</th><th>C</th><th>D</th><th>E</th><th>F</th><th>G</th></tr></thead><tbody>
       <tr><td colspan="7">4月学生宿舍安全隐患排查台账（依据某公寓（2026）7号）</td></tr>
       <tr><td>序号</td><td>学院</td><td>楼栋</td><td>隐患类型</td><td>检查日期</td><td>检查人</td><td>整改情况</td></tr>
       ${row(1, '2026/4/16')}${row(2, '2026/4/17')}${row(3, '2026/4/24')}${row(4, '2026/4/26')}</tbody></table>`,
      '4月学生宿舍安全隐患排查台账',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('what heldout-93 and -94 lacked (examined after their first scores)', () => {
  const orders = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<tr class="el-table__row"><td><div class="cell">BX2026091${i}0037</div></td><td><div class="cell">东区${i + 3}栋305</div></td><td><div class="cell">${['空调不制冷', '门锁坏了', '灯管不亮', '下水道堵', '网络断了'][i]}</div></td><td><div class="cell">李同学</div></td><td><div class="cell">2026-09-1${i} 08:21</div></td><td><div class="cell">维修中</div></td></tr>`,
    ).join('');
  const header = `<table class="el-table__header"><thead><tr><th><div class="cell">工单编号</div></th><th><div class="cell">报修位置</div></th><th><div class="cell">故障描述</div></th><th><div class="cell">报修人</div></th><th><div class="cell">报修时间</div></th><th><div class="cell">状态</div></th></tr></thead></table>`;
  const banner = `<div class="notice-bar el-alert"><span class="el-alert__title">【置顶公告】关于2026年暑期学生宿舍集中维修安排的公告（某大后勤物业【2026】3号） 2026-06-29 发布 — 东区8、9、12栋7月13日起停止受理卫生间类报修</span></div>`;

  it('a grid whose header is a table of its own over the body’s table (a fixed header) is a list: a pinned notice above it is no title', () => {
    const doc = page(
      `${banner}<form><label>工单状态</label><input value="全部" readonly></form><div class="el-table">${header}<table class="el-table__body"><tbody>${orders(5)}</tbody></table></div><span>共 286 条</span>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a pager’s count grouped in thousands (共 1,286 条) is a list view’s', () => {
    expect(hasListControls(page('<p>工单管理</p><span>共 1,286 条</span>'))).toBe(true);
    expect(hasListControls(page('<p>工单管理</p><span>共 1286 条</span>'))).toBe(true);
    expect(hasListControls(page('<p>全校共有教职工1万余人。</p>'))).toBe(false);
  });

  it('a tab title that ends in no kind of document names a screen without a body of its own (a payment’s order), not a document', () => {
    const pay = page(
      `<div class="pay-header">某大学统一支付平台</div><table><tr><th>收费项目</th><th>应缴</th></tr><tr><td>学费</td><td>3200.00</td></tr></table>
       <p>缴费截止日期：2026年3月31日　订单号：PAY202603101558230041</p><button>立即支付</button>`,
      '某某工商大学统一身份认证 - 统一支付平台',
    );
    expect(read(pay).title).toBe('');
    const story = page(`<div class="crumb">首页 > 学院新闻</div>${paragraph(4)}`, '我校师生在全省大学生艺术展演中获佳绩 - 某大学');
    expect(read(story).title).toBe('我校师生在全省大学生艺术展演中获佳绩');
  });

  it('an application being filled in (its fields open, half of them done) is no document, whatever notice its tab names', () => {
    const field = (label: string, value: string) => `<div class="el-form-item"><label>${label}</label><input class="el-input__inner" value="${value}"></div>`;
    const form = page(
      `<header>某大学成人高考网上报名（预报名）</header><div class="steps">1 阅读报名须知 2 填写报名信息 3 提交确认</div>
       <form>${field('姓名', '方可')}${field('身份证号', '330102199808******')}${field('毕业时间', '2020-06-30')}<select><option selected>会计学（业余）</option></select><button>保存并下一步</button></form>`,
      '关于做好2026年全国成人高校招生考试报名工作的通知 - 网上报名',
    );
    expect(read(form).title).toBe('');
    const locked = (label: string, value: string) => `<div><label>${label}</label><input readonly value="${value}"></div>`;
    const record = page(
      `<div>${locked('拟稿人', '方可')}${locked('拟稿日期', '2026-06-30')}${locked('密级', '公开')}</div>`,
      '关于做好2026年招生考试报名工作的通知 - 发文',
    );
    expect(read(record).title).toBe('关于做好2026年招生考试报名工作的通知');
  });
});

describe('what heldout-99 lacked (opened after its first score)', () => {
  it('a subject line named for its title may open with a chip of its own; the title is the rest', () => {
    const doc = page(
      `<div class="nt-card"><div class="nt-title" style="font-size:21px;font-weight:600"><span class="nt-tag">重要</span>关于暑期校园门禁及车辆通行管理调整的通知</div>
       <div class="nt-meta"><div class="nt-avatar">立峰</div><div><div>韩立峰</div><div>保卫处 · 07-11 08:05 发布</div></div></div>
       <div class="nt-body">${paragraph(3)}</div></div>`,
    );
    expect(read(doc).title).toBe('关于暑期校园门禁及车辆通行管理调整的通知');
  });

  it('a card’s caption over a log of entries, each opening with its day and time, names the box, not a document', () => {
    const entry = (day: string, what: string) => `<li class="ant-timeline-item">${day} ${what}</li>`;
    const doc = page(
      `<div class="summary">在库品种 <b>46</b> 种；即将过期 <b>2</b> 瓶</div>
       <div class="ant-card"><div class="ant-card-head"><div class="ant-card-head-title">最近操作记录</div></div>
       <div class="ant-card-body"><ul class="ant-timeline">${entry('2026-05-20 15:02', '入库验收：乙醚 2瓶，验收人 某某')}${entry('2026-05-18 10:41', '领用：硝酸 1瓶，领用人 某某，审批人 某某')}${entry('2026-05-11 09:15', '公安备案：易制爆化学品购买备案')}</ul></div></div>`,
    );
    expect(read(doc).title).toBe('');
  });

  it('a mail list stamps today’s mail with its time alone and older mail with its day: each row is a listed mail', () => {
    const row = (from: string, subject: string, when: string) =>
      `<div class="mail-row"><span class="m-from">${from}</span><span class="m-subject">${subject}</span><span class="m-date">${when}</span></div>`;
    const doc = page(
      `<div class="mail-list">${row('某某', '转发：关于开展网络安全等级保护专项检查的通知（某教科函〔2026〕27号）', '09:42')}${row('某中心', '【提醒】第二批次申购已截止，请查收汇总表', '08:15')}
       ${row('某省教育厅科技处', '关于报送2026年高校实验室安全检查整改情况的提醒', '昨天 10:03')}${row('机要室', '公文待阅：某网信〔2026〕9号 等3份', '07-07')}
       ${row('某某', '2026年度第一批报废设备处置结果公示稿（请审阅）', '06-12')}</div><div class="read-pane"><p>未选择邮件</p></div>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('what heldout-101 lacked (opened after its first score)', () => {
  it('a work bench that lists other documents and has no body of its own: the document its tab names is stale', () => {
    const doc = (n: number, title: string) =>
      `<li><span class="doc-title">${title}</span><span class="doc-no">某人〔2026〕${n}号</span><span class="doc-org">人事处</span><span class="doc-date">2026-04-1${n}</span></li>`;
    const bench = page(
      `<div class="el-card"><div class="el-card__header"><span>待阅公文（3）</span></div><ul class="doc-list">${doc(1, '关于开展教职工师德表现年度评议的通知')}${doc(2, '关于缴纳年度工会会费的通知')}${doc(3, '关于做好岗位聘期考核工作的通知')}</ul></div>
       <div class="el-card"><div class="el-card__header"><span>系统公告</span></div><p>【维护通知】系统将于4月18日22:00升级维护。</p></div>`,
      '关于做好2026年度岗位聘期考核工作的通知',
    );
    expect(read(bench).title).toBe('');
  });

  it('a flow’s timeline, its steps stamped with a day and a time at their end, holds no title: the name of a step to come is none', () => {
    const step = (name: string, note: string, when: string) =>
      `<li class="ant-timeline-item"><div><b>${name}</b>　${note}${when ? `<br><span class="time">${when}</span>` : ''}</div></li>`;
    const doc = page(
      `<div class="svc-name">专业技术职务任职资格申报（教授）</div><div><span>办件编号</span><span>BJ2026031900417</span><span>申报依据</span><span>某人〔2026〕12号</span></div>
       <div class="ant-card"><div class="ant-card-head-title">办理进度</div><ul class="ant-timeline">${step('个人申报', '提交申请', '2026-03-19 21:47')}${step('学院资格初审', '通过：材料齐全，符合申报条件。', '2026-04-02 10:12')}${step('资格审查公示', '公示期 2026-04-27 至 2026-05-06，无异议。', '2026-05-07 08:30')}${step('学校评审委员会评审', '处理中', '2026-05-21 09:00')}${step('评审结果公示', '未开始', '')}</ul></div>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });

  it('a conversation list stamps its entries by time, by the day’s name (昨天, 星期一) or by date: each is a listed conversation', () => {
    const conv = (when: string, name: string, last: string) =>
      `<div class="conv_item"><span class="conv_time">${when}</span><div class="conv_name">${name}</div><div class="conv_last">${last}</div></div>`;
    const doc = page(
      `<div class="conv-list">${conv('16:52', '人事处工作群(23)', '某某：@所有人 评审会材料请今晚前上传')}${conv('15:03', '教师工作部', '某某：[文件] 师德考核汇总表.xlsx')}${conv('昨天', '校工会', '[公告] 关于组织2026年度教职工健康体检的通知')}${conv('星期一', '离退休工作处', '好的，名单我下午发你')}${conv('2026/5/28', '审批', '你的“用印申请”已通过')}</div>
       <div class="chat"><div class="chat_head">人事处工作群(23)</div></div>`,
      '企业微信',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-93 and -96 still lacked (opened before)', () => {
  it('a search page that marks the words of its query in what it found lists them, counted or not', () => {
    const hit = (title: string, abs: string, src: string) =>
      `<div class="res-item article"><h3>${title}</h3><p class="abs">${abs}</p><p class="src">${src}</p></div>`;
    const doc = page(
      `<div class="search-bar"><input value="某某大学 学位外语考试"><span>取消</span></div>
       <div class="result-list"><div class="res-item account"><div class="acc-name">某某大学继续教育学院</div><div class="acc-desc">官方服务号</div></div>
       ${hit('关于组织2026年下半年<em>学士学位外语考试</em>报名的通知', '某继教字（2026）12号 各函授站：根据省教育考试院……', '某某大学继续教育学院　2026年9月8日')}
       ${hit('省教育考试院关于2026年下半年<em>学士学位外语考试</em>有关事项的公告', '2026年第5号　考试定于11月7日举行……', '某某教育考试　10月10日')}</div>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
    const story = page(`<div class="search"><input value="请输入关键词"></div><h2>关于做好<em>学位</em>授予工作的通知</h2>${paragraph(3)}`);
    expect(read(story).title).toBe('关于做好学位授予工作的通知');
  });

  it('a line over an issue’s number (…会议纪要 / 第4期) names the series, set large as it is: the issue’s own title stands under the head', () => {
    const run = (top: number, size: number, text: string) => `<span style="left:96px;top:${top}px;font-size:${size}px;font-family:serif;">${text}</span>`;
    const doc = page(
      `<div id="viewer" class="pdfViewer"><div class="page"><div class="textLayer">${run(118, 42, '物业服务考核会议纪要')}${run(196, 21.3, '第4期')}${run(246, 21.3, '某某大学后勤保障处　二〇二六年七月九日')}${run(312, 21.3, '后保纪要〔2026〕4号')}${run(366, 29.3, '2026年第二季度物业服务考核工作会议纪要')}${run(430, 21.3, '2026年7月7日下午，后勤保障处在行政楼会议室召开会议，处长某某主持。')}${run(466, 21.3, '会议听取了考核情况汇报，纪要如下：一、东区公寓物业项目考核等次优秀。')}</div></div></div>`,
      'Microsoft Word - 纪要模板.docx',
    );
    expect(read(doc).title).toBe('2026年第二季度物业服务考核工作会议纪要');
  });
});

describe('what heldout-109, -110 and -111 lacked (opened after their first scores)', () => {
  it('a 解读 page’s box of its 原文件 — a link, and under it that document’s 文号, 发文机关 and 成文日期 — states that document’s facts, not the page’s', () => {
    const doc = page(
      `<h2 class="zcjd-title">《某市高层次人才引进培育若干措施》政策解读</h2>
       <div class="zcjd-sub"><span>发布时间：2025-06-24 09:30</span><span>来源：市人力资源和社会保障局</span></div>
       <div class="zcjd-yw"><div class="yw-hd">原文件</div><dl><dt><a href="/zcwj/post_1186542.html">某市人民政府关于印发《某市高层次人才引进培育若干措施》的通知</a></dt>
       <dd><span>文号：某政发〔2025〕14号</span><span>发文机关：某市人民政府</span><span>成文日期：2025-06-18</span></dd></dl></div>
       <div class="zcjd-jgxx"><span>解读机关：某市人力资源和社会保障局</span></div>
       <div id="zoom"><p>2025年6月18日，市政府印发《某市高层次人才引进培育若干措施》（某政发〔2025〕14号，以下简称《措施》）。</p>${paragraph(3)}</div>`,
    );
    expect(read(doc)).toMatchObject({ docNumber: null, docDate: '2025-06-24' });
    expect(read(doc).issuer).not.toBe('某市人民政府');
  });

  it('a table’s row of units over the 落款 (…团支部 2023级某班团支部 某学院) is no joint signature: a body’s name has no figures', () => {
    const doc = page(
      `<h1>关于2026年优秀共青团员和五四红旗团支部拟推荐对象的公示</h1>${paragraph(2)}
       <table><tr><th>类别</th><th>姓名/集体</th><th>所在单位</th></tr><tr><td>优秀共青团员</td><td>林某某</td><td>外国语学院</td></tr>
       <tr><td>五四红旗团支部</td><td>2023级汉语言文学2班团支部</td><td>文学与传媒学院</td></tr></table>
       <p style="text-align:right">共青团某某大学委员会</p><p style="text-align:right">2026年4月7日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '共青团某某大学委员会', docDate: '2026-04-07' });
  });

  it('a heading whose aside is a note of its own (消息记录（此消息记录为文本格式，不支持重新导入）) reads no better than what stands before it', () => {
    const message = (who: string, time: string, text: string) =>
      `<tr><td><div><div style="float:left">${who}</div>${time}</div><div><font>${text}</font></div></td></tr>`;
    const doc = page(
      `<table><tr><td><div><b style="font-size:20px">消息记录（此消息记录为文本格式，不支持重新导入）</b></div></td></tr>
       <tr><td><div>消息对象:某学院辅导员-班长工作群</div></td></tr><tr><td>日期: 2026-03-09</td></tr>
       ${message('辅导员-某某', '10:12:41', '学工部刚发了《关于开展宿舍安全卫生大检查的通知》（某学工〔2026〕5号），各班长今晚组织自查。')}
       ${message('班长-某某', '10:14:05', '收到')}${message('辅导员-某某', '10:16:50', '[文件]附件2：各学院自查情况汇总表.xlsx')}</table>`,
      'QQ Message',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, docDate: null });
  });

  it('a 纪要’s masthead letter-spaced across the page (会 议 纪 要) numbers it on the line under it (第3号)', () => {
    const doc = page(
      `<div class="jy_head">某某大学信息化建设与管理中心<br>会 议 纪 要</div><div class="jy_no">第3号</div>
       <table><tr><td>中心办公室编</td><td>二〇二六年五月十二日</td></tr></table><div class="jy_title">校园数据治理专项工作推进会纪要</div>${paragraph(3)}`,
      '打印',
    );
    expect(read(doc)).toMatchObject({ title: '校园数据治理专项工作推进会纪要', docNumber: '第3号', docDate: '2026-05-12' });
  });
});

describe('what heldout-113 … -117 lacked (opened after their first scores)', () => {
  it('a counted search whose hits stand in rows of three (title, excerpt, info) lists them; an excerpt cut off (……) is no title', () => {
    const hit = (n: number, title: string, intro: string) =>
      `<tr><td class="s_title"><a href="/news/${n}.html">${title}</a></td></tr><tr><td class="s_intro">${intro}</td></tr><tr><td class="s_info">栏目：统战工作　发布时间：2026-0${n}-12　点击：28${n}</td></tr>`;
    const doc = page(
      `<div class="search_info">搜索 <b>“统战”</b> 共找到 <b>47</b> 条记录，用时 0.012 秒</div><table class="search_list">
       ${hit(1, '关于召开2026年各民主党派负责人座谈会的通知', '经校党委研究，定于12月9日下午召开2026年各民主党派负责人座谈会……')}
       ${hit(2, '关于开展民主党派成员信息核对工作的通知（某党统【2026】6号）', '根据省内各民主党派省委关于成员信息管理的要求，党委统战部决定开展2026年度民主党派成员信息核对工作……')}
       ${hit(3, '我校党外知识分子联谊会成立大会召开', '8月17日下午，某某大学党外知识分子联谊会成立大会在学术交流中心召开……')}</table>`,
      '搜索结果 - 某某大学新闻网',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a heading naming the column the menu marks as current (<li class="on">信息公开年度报告</li>) is no title', () => {
    const item = (n: number) => `<li><a href="info/${n}.htm">某某大学2025—2026学年信息公开工作年度报告（第${n}部分）</a><span>2026-10-${n + 10}</span></li>`;
    const doc = page(
      `<ul class="nav"><li><a href="index.htm">首页</a></li><li class="on"><a href="ndbg.htm">信息公开年度报告</a></li><li><a href="gkqd.htm">信息公开清单</a></li></ul>
       <div class="left"><div class="lmmc"><h2>信息公开年度报告</h2></div><ul class="lm_list"><li><a href="a.htm">年度报告</a></li><li><a href="b.htm">历年报告</a></li></ul></div>
       <ul class="list_news">${item(1)}${item(2)}${item(3)}</ul>
       <div class="ndbg_note"><p>说明：根据《某某大学信息公开工作实施办法》第二十六条，学校每年10月底前发布上一学年信息公开工作年度报告，报告内容包括主动公开情况、依申请公开情况、收费及减免情况、因信息公开申请行政复议和提起行政诉讼的情况以及工作中存在的主要问题和改进措施。</p></div>`,
      '信息公开年度报告-某某大学信息公开网',
    );
    expect(read(doc).title).toBe('');
  });

  it('an online sheet whose grid is most of the page is a file, whatever its name and its last editing say', () => {
    const row = (n: number) =>
      `<div class="r"><div class="c rh">${n}</div><div class="c">第${n}营</div><div class="c">第${n}连</div><div class="c">某某学院</div><div class="c">机械260${n}</div><div class="c">9${n}</div><div class="c">某某某</div></div>`;
    const doc = page(
      `<div class="titlebar"><span class="doc-title">2026级新生军训连队编排表（第三版）</span><div class="title-sub">最近编辑：某某 2026年9月4日 21:07　·　已保存到云端</div></div>
       <div class="grid" role="grid"><div class="r"><div class="c rh"></div><div class="c ch">A</div><div class="c ch">B</div><div class="c ch">C</div><div class="c ch">D</div><div class="c ch">E</div><div class="c ch">F</div></div>
       ${[1, 2, 3, 4, 5, 6, 7, 8].map(row).join('')}</div><div class="sheet-tabs"><span>一营至二营</span><span>三营至四营</span></div>`,
      '2026级新生军训连队编排表（第三版）',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a line cut off as an excerpt is (……, ...) is no title', () => {
    const doc = page(`<h3>关于开展2026年度民主党派成员信息核对工作的通知……</h3>${paragraph(2)}`, '某某系统');
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-119 and -121 lacked (opened after their first scores)', () => {
  it('a forwarded chat record — its name over its messages, nothing else — shows no document; a notice posted to a thread keeps its title', () => {
    const message = (who: string, time: string, text: string) =>
      `<div class="cr-msg"><div class="cr-avatar">${who[0]}</div><div class="cr-body"><div class="cr-body__name">${who}<em>${time}</em></div><div class="cr-bubble">${text}</div></div></div>`;
    const messages = [
      message('周某某', '08:52', '省厅办公室的正版软件核查通知到了，某教办函〔2026〕14号，2月27日的文，请大家抓紧准备。'),
      message('许某某', '08:56', '我起草一个校内的通知，暂定《关于开展学校正版软件自查工作的通知》，今天下班前发群里。'),
      message('宋某某', '09:10', '机房的授权台账我这边有，去年按细则整理过，今年再核一遍。'),
      message('周某某', '09:40', '好。明天（3月5日）上午9点开部署会，地点网信中心302。'),
      message('许某某', '11:20', '收到，我把平台公告置顶了。'),
    ].join('');
    const record = page(
      `<div class="cr-head"><div class="cr-head__title">“网信中心-正版化工作群”的聊天记录</div><div>由 许某某 转发 · 共 5 条</div></div><div class="cr-day">2026年3月4日</div>${messages}`,
    );
    expect(read(record)).toMatchObject({ title: '', docNumber: null, docDate: null });
    const thread = page(`<h2 class="thread-title">关于开展学校正版软件自查工作的通知</h2>${messages}`);
    expect(read(thread).title).toBe('关于开展学校正版软件自查工作的通知');
  });
});

describe('an archive’s description of a record (DA/T 18 题名, 责任者)', () => {
  const record = (title: string, by: string) =>
    page(
      `<h3>档案详细信息</h3><table>
       <tr><th>档号</th><td>WS·2025-Y-0031</td><th>件号</th><td>31</td></tr>
       <tr><th>题名</th><td>${title}</td></tr>
       <tr><th>责任者</th><td>${by}</td><th>文件编号</th><td>某校办〔2025〕12号</td></tr>
       <tr><th>日期</th><td>2025-03-18</td><th>保管期限</th><td>永久</td></tr></table>`,
      '档案管理系统',
    );

  it('a record describing a document gives its title and issuer', () => {
    expect(read(record('关于调整学期校历的通知', '某大学校长办公室'))).toMatchObject({
      title: '关于调整学期校历的通知',
      docNumber: '某校办〔2025〕12号',
      issuer: '某大学校长办公室',
    });
  });

  it('a library’s record of a book, in the same words, names no document: its title and author are no title and issuer', () => {
    const facts = read(record('高等数学（第七版）', '同济大学数学系'));
    expect(facts.title).toBe('');
    expect(facts.issuer).toBeNull();
  });
});

describe('a server’s error page with its stack trace', () => {
  it('shows no document, whatever its tab names and its message quotes', () => {
    const frames = Array.from({ length: 6 }, (_, i) => `\tat cn.edu.example.notice.NoticeService.step${i}(NoticeService.java:${100 + i})`).join('\n');
    const doc = page(
      `<h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error.</p>
       <div>There was an unexpected error (type=Internal Server Error, status=500).</div>
       <div>Failed to load notice [docNo=某校发〔2026〕6号, publishDate=2026-03-27]</div>
       <div style="white-space:pre-wrap">java.io.FileNotFoundException: /data/upload/6.pdf\n${frames}\n</div>`,
      '关于开展科技成果评价工作的通知 - 科研管理系统',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });
});

describe('what heldout-124 and -126 lacked (opened after their first scores)', () => {
  it('a line whose row holds nothing but a date beside it is a listed entry, however few: a statement’s links to two rules name no title of its own', () => {
    const doc = page(
      `<div class="bill"><p>本期账单日 2026/9/5</p><p>本期应还 ¥ 4,126.00</p></div>
       <div class="spend"><h4>某宾馆有限公司 ¥ 1,260.00</h4><p>2026-08-12 20:31 住宿 已报销</p>
       <h4>某印务有限公司 ¥ 1,566.00</h4><p>2026-08-27 15:48 印刷 待报销</p></div>
       <div class="tips"><p>请在最后还款日前完成报销，逾期产生的利息由持卡人承担，详见下列规定。</p>
       <div class="cell"><div class="bd"><p>查看《某大学公务卡管理办法》</p></div><div class="ft">2023.06.30</div></div>
       <div class="cell"><div class="bd"><p>关于做好2026年度公务卡集中换卡工作的通知</p></div><div class="ft">2026.01.20</div></div></div>`,
      '公务卡',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a tab naming the site’s owner (…网上报账中心) names no document, whatever prose the screen holds', () => {
    const prose = Array.from(
      { length: 3 },
      (_, i) => `<p>会议听取了第${i + 1}项工作的进展汇报，要求各单位结合实际认真组织实施，确保各项任务落到实处。</p>`,
    ).join('');
    expect(read(page(`<div class="logo">发票查验平台</div>${prose}`, '发票查验查重 - 某某科技大学网上报账中心')).title).toBe('');
    // A kind-less headline ends in its matter, a meeting's among them.
    expect(read(page(`<div class="logo">新闻网</div>${prose}`, '我校召开2026年教职工代表大会 - 某某科技大学新闻网')).title).toBe(
      '我校召开2026年教职工代表大会',
    );
  });

  it('a short page saying what became of the item it was opened for (该公告已被撤回) shows no document; a long one marked so still does', () => {
    const withdrawn = page(
      `<h2>该公告已被撤回</h2><p>发布者已于 2026-12-14 11:05 撤回此公告，如有疑问请联系发布者。</p>
       <ul><li>关于做好年度慰问工作的通知 工会 12-02</li></ul>`,
      '关于2026年12月教职工工资调整发放的通知',
    );
    expect(read(withdrawn)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
    const repealed = page(
      `<p class="banner">该文件已废止</p><h1>关于印发某某管理办法的通知</h1><p>某政发〔2019〕3号</p>${paragraph(12)}<p>某某市人民政府</p><p>2019年3月1日</p>`,
    );
    expect(read(repealed)).toMatchObject({ title: '关于印发某某管理办法的通知', docNumber: '某政发〔2019〕3号', docDate: '2019-03-01' });
  });

  it('the entries beside the one a list marks as open (a chat app’s other conversations) name what is not on the page, undated and unlinked as they are', () => {
    const session = (cls: string, name: string, last: string) => `<div class="${cls}"><div class="nm">${name}</div><div class="lm">${last}</div></div>`;
    const doc = page(
      `<div class="sessions">${session('s cur', '各单位办公室主任群(86)', '收到，已转发')}${session('s', '人事处业务群', '[文件] 申报汇总表.xlsx')}
       ${session('s', '工会委员群', '推荐截止9月25日')}${session('s', '公告', '关于2026年国庆节放假安排的通知')}</div>
       <div class="chat"><div class="hd">各单位办公室主任群(86)</div>
       <div class="msg"><div class="who">林某（校长办公室）</div><div class="bubble">国庆值班表请于9月25日下班前在智能表格填报，离校的同事务必提交请假。</div></div>
       <div class="msg"><div class="who">唐某（信息工程学院）</div><div class="bubble">收到，已转发</div></div></div>`,
      '企业微信',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-131 lacked (opened after its first score)', () => {
  it('a caption standing beside its entries, siblings all (服务公告 更多 > over three dated notices), heads records, not a document', () => {
    const cell = (title: string, info: string) =>
      `<div class="cell"><div class="cell__title"><span>${title}</span><div class="cell__label">${info}</div></div></div>`;
    const doc = page(
      `<div class="nav"><div class="nav__title">校园卡充值</div></div>
       <div class="card"><div class="balance">卡余额（元） 23.60</div><div class="tip">单次充值上限1000元；到账后请在机具上刷卡完成圈存。</div></div>
       <div class="notice-list"><div class="sec-title">服务公告 <span class="more">更多 &gt;</span></div>
       ${cell('关于新生校园卡领取与激活事项的通知', '一卡通中心　2026-08-21')}${cell('关于暑期校园卡系统停机维护的公告', '一卡通中心　2026-07-28')}
       ${cell('关于调整校园卡单笔消费限额的通知', '一卡通中心　2026-04-02')}</div>`,
      '校园卡',
    );
    expect(read(doc).title).toBe('');
  });

  it('a line that ends in a day spaced from a title (…的通知　某发〔2026〕11号　2026-05-19) is a listed entry, not a title', () => {
    const doc = page(
      `<div class="hd">宿舍水电</div><div class="energy"><div>剩余电量 36.52 度</div><div>余额低于5度将自动断电，请及时充值</div></div>
       <div class="related"><div class="rn-title">相关通知</div>
       <p class="rn-item">关于转发《某省教育厅关于开展节约型校园建设专项行动的通知》的通知　某大后勤〔2026〕11号　2026-05-19</p>
       <p class="rn-item">关于学生公寓执行阶梯电价的说明　后勤保障处　2025-09-01</p></div>`,
      '宿舍水电',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });
});

describe('a label ending in 字号', () => {
  it('numbers the document whatever word comes before it (文件字号), as 发文字号 does', () => {
    const doc = page(
      `<table><tr><td>文件字号</td><td>某农大科函〔2026〕18</td><td>成文日期</td><td>2026.11.05</td></tr>
       <tr><td>标题</td><td>关于商请协助开展林业科技成果评价的函</td></tr></table>${paragraph(3)}`,
    );
    expect(read(doc).docNumber).toBe('某农大科函〔2026〕18');
  });
});

describe('text styled to keep its newlines', () => {
  it('a notice’s text in white-space: pre-wrap breaks its lines where its newlines are, so its 文号 and 落款 are read', () => {
    const doc = page(
      `<div class="hd">关于中秋节、国庆节放假安排的通知</div><div class="info">校长办公室 · 房某 9月15日 08:30</div>
       <div class="content" style="white-space:pre-wrap;">某大校办通〔2026〕21
各学院、各部门：
根据国家有关规定，结合学校校历安排，现将中秋节、国庆节放假安排通知如下：中秋节放假3天，国庆节放假7天。
假期前各单位要开展安全检查，落实节假日值班管理规定有关要求。
某某大学校长办公室
2026/9/14</div>`,
      '公告',
    );
    expect(read(doc)).toMatchObject({ docNumber: '某大校办通〔2026〕21', issuer: '某某大学校长办公室', docDate: '2026-09-14' });
  });
});

describe('what heldout-134 and -136 lacked (opened after their first scores)', () => {
  it('a viewer’s body line that opens an enumerated item or stops at a comma is no title, however a wrapped title would join it', () => {
    const run = (top: number, size: number, text: string) => `<span style="left:96px;top:${top}px;font-size:${size}px;font-family:serif;">${text}</span>`;
    const doc = page(
      `<div id="viewer" class="pdfViewer"><div class="page"><div class="textLayer">${run(118, 36, '某某大学人才工作领导小组会议纪要')}${run(190, 21.3, '第6号')}${run(240, 21.3, '某某大学人才工作领导小组办公室　二〇二六年十月十六日')}${run(300, 21.3, '2026年10月14日下午，领导小组组长主持召开会议，研究人才引进有关事项。现将会议议定事项纪要如下：')}${run(340, 21.3, '一、会议听取了人事处关于2026年高层次人才引进工作进展的汇')}${run(376, 21.3, '报，同意引进化学化工学院、机械工程学院拟聘教授3名，')}${run(412, 21.3, '按程序报校长办公会审议。')}</div></div></div>`,
      'Microsoft Word - 纪要.docx',
    );
    expect(read(doc).title).toBe('某某大学人才工作领导小组会议纪要');
  });

  it('a form the reader is filling in, named for what it collects (…登记表), shows no document; the same record printed keeps its title', () => {
    const fields = (open: boolean) =>
      ['本年度主要工作', '本年度参加培训情况', '受奖惩情况']
        .map(
          (label) =>
            `<div class="field"><div class="label">${label}</div>${open ? '<textarea>承担本科课程两门，主持省社科基金项目一项。</textarea>' : '<div class="value">承担本科课程两门，主持省社科基金项目一项。</div>'}</div>`,
        )
        .join('');
    const form = (open: boolean) =>
      page(
        `<header>信息收集</header><div class="intro"><h3>某某大学教职工年度考核登记表（2026年度）</h3>
         <div class="desc">发布者：人事处考核科　发布时间：2026-12-02 16:20</div></div><form>${fields(open)}</form><button>提交</button>`,
      );
    expect(read(form(true))).toMatchObject({ title: '', issuer: null, docDate: null });
    expect(read(form(false)).title).toBe('某某大学教职工年度考核登记表（2026年度）');
  });

  it('the heading of one of several panels built alike (基本信息, 个人总结（研究生填写）, 导师意见) names its panel, not the page', () => {
    const panel = (title: string, body: string) =>
      `<div class="panel panel-default"><div class="panel-heading"><h3 class="panel-title">${title}</h3></div><div class="panel-body">${body}</div></div>`;
    const doc = page(
      `<form>${panel('基本信息', '<p>学号 2024010317　姓名 赵某　学院 材料科学与工程学院</p>')}
       ${panel('个人总结（研究生填写）', '<p>入学以来完成全部学位课程学习，完成开题，以第一作者发表论文一篇，下一阶段计划开展循环氧化实验。</p>')}
       ${panel('导师意见', '<p>该生学习勤奋，科研进展符合预期，同意参加中期考核。</p>')}</form>`,
      '研究生管理信息系统',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-139 lacked (its two pages left unexamined last time)', () => {
  it('a banner’s teaser, dated and closed by a link to the notice (… 2026-08-26 查看详情), names another page, not this one', () => {
    const doc = page(
      `<main><div role="alert" class="el-alert"><div class="el-alert__content"><span class="el-alert__title">【通知】关于开展2026级新生入学体检工作的通知（某大医〔2026〕14号）　2026-08-26　<a href="#/notice/detail?id=118">查看详情</a></span></div></div>
       <div class="report-card"><span class="name">2026级新生入学体检报告</span><label>体检日期</label><span>2026-09-05</span></div></main>`,
      '我的体检报告 - 健康体检服务平台',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, docDate: null });
  });

  it('a ticker’s entries opened by their day in brackets (［2026-05-12］关于…的说明) are entries, not the page’s title', () => {
    const doc = page(
      `<div class="Marquee_wrap"><span class="Marquee_label">场馆公告</span><div class="Marquee_track">
       <span class="Marquee_item">［2026-05-12］关于心理健康节期间体育馆部分场地占用的说明</span>
       <span class="Marquee_item">［2026-04-28］关于劳动节假期体育场馆开放安排的通知</span></div></div>
       <table><tr><th>场地</th><th>12:00-13:00</th></tr><tr><th>1号场</th><td>已约</td></tr></table>`,
      '智慧体育场馆',
    );
    expect(read(doc).title).toBe('');
  });

  it('a filing tag before a title is still dropped ([学习教育]关于…的通知 heads its page)', () => {
    const doc = page('<h2>[学习教育]关于开展专题学习的通知</h2><p>各单位：为深入开展专题学习，现将有关事项通知如下。</p>');
    expect(read(doc).title).toBe('关于开展专题学习的通知');
  });
});

describe('what heldout-143, -144, -146 and -147 lacked (opened after their first scores)', () => {
  it('a report of dated records under a header row its class names (通达 TableHeader) shows no document: its first record’s 编号 is not the page’s', () => {
    const row = (n: number) =>
      `<tr class="TableLine1"><td>${n}</td><td>某审整改【2026】${n}号</td><td>公房出租收入未及时上缴</td><td>国有资产管理处</td><td>2026-0${n}-08</td><td>2026-0${n + 2}-31</td><td>整改中</td></tr>`;
    const doc = page(
      `<table><tr><td class="Big"><span class="big3">审计整改台账（2026年）</span>　<span class="small1">数据来源：工作流　统计截止：2026-06-30 24:00</span></td></tr></table>
       <table class="TableBlock"><tr class="TableHeader"><td>序号</td><td>整改通知书编号</td><td>问题摘要</td><td>责任单位</td><td>下达日期</td><td>整改期限</td><td>整改状态</td></tr>${[1, 2, 3, 4].map(row).join('')}</table>`,
      '数据报表',
    );
    expect(readDocument(doc, 'http://oa.example.edu.cn/general/workflow/report/data.php?R_ID=37')).toMatchObject({ title: '', docNumber: null, docDate: null });
  });

  it('a heading that repeats a link to another page (a calendar’s event and its preview) names that page', () => {
    const event = (t: string) =>
      `<a class="fc-event" href="http://oa.example.edu.cn/teachin/view/8830"><div class="fc-event-time">14:00</div><div class="fc-event-title">${t}</div></a>`;
    const doc = page(
      `<table><tr><td>${event('某市2026年下半年征兵政策宣讲（人民武装部）')}</td><td>${event('某集团有限公司2027届校园招聘宣讲会')}</td></tr></table>
       <div class="popover-preview"><h4>某市2026年下半年征兵政策宣讲（人民武装部）</h4><p>时间：2026-11-04 14:00-15:30　地点：学术报告厅</p></div>`,
      '宣讲会日历',
    );
    expect(read(doc).title).toBe('');
  });

  it('an alert’s title (退回修改记录 over a reviewer’s note) names the message, not the page', () => {
    const doc = page(
      `<main><div class="el-alert el-alert--warning"><div class="el-alert__content"><span class="el-alert__title">退回修改记录</span>
       <p class="el-alert__description">2026-08-16 09:41 审核人：营业执照副本扫描件不清晰，请重新上传；招聘承诺书须加盖单位公章。</p></div></div>
       <form><label>单位名称</label><input disabled value="某某信息技术有限公司"></form></main>`,
      '单位认证',
    );
    expect(read(doc).title).toBe('');
  });

  it('a card’s caption over two entries each closed by its day (我的申报记录) heads a record, not a document', () => {
    const doc = page(
      `<div class="ant-card"><div class="ant-card-head"><div class="ant-card-head-title">我的申报记录</div></div><div class="ant-card-body"><ul>
       <li>2025年度国家自然科学基金青年项目 · <span class="tag">已立项</span> · 2025-08-24</li>
       <li>2025年度校级青年教师科研启动项目 · <span class="tag">已结题</span> · 2025-12-19</li></ul></div></div>`,
      '项目申报',
    );
    expect(read(doc).title).toBe('');
  });

  it('an app bar’s short heading (签署任务) names the screen, whatever body is shown under it', () => {
    const doc = page(`<div class="mint-header"><h1 class="mint-header-title">签署任务</h1></div><div class="doc-scroll">${paragraph(6)}</div>`, '今日校园');
    expect(read(doc).title).toBe('');
  });

  it('a dialog’s caption over entries whose 查看详情 is a link without an address (opened by script) is the list’s, not a title', () => {
    const item = (t: string, d: string) =>
      `<li class="notice_item"><div class="notice_item_title">${t}</div><div class="notice_item_info">信息中心 · ${d} · <a class="notice_more">查看详情</a></div></li>`;
    const doc = page(
      `<div class="o2_notice_dialog"><div class="MWFormTitleTextNode">系统公告（3）</div><ul class="notice_items">
       ${item('关于国庆节期间OA系统停机维护的公告', '2026-09-23')}${item('关于开展科研项目中期检查工作的通知', '2026-09-19')}${item('关于启用电子签章办理合同用印的通知', '2026-09-10')}</ul></div>`,
      '工作台',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a 文号 an English sentence cites in brackets (…Regulations (Ref. 某大教[2025]18号)) is that document’s', () => {
    const doc = page(
      `<h1 class="arti_title">Arrangements for Semester 1 Final Examinations</h1><p>Breaches will be handled under the <em>Academic Integrity Regulations (2025 Revision)</em> (Ref. 某大教[2025]18号). Please read the arrangements carefully.</p><p>Provisional marks will be released on 6 February 2026, and confirmed results after the Board of Examiners meets.</p>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });
});

describe('what heldout-143, -144 and -147 lacked in their fields (opened after their first scores)', () => {
  it('a sidebar of two titles each over its day, after the body, is a list: the 落款 above it signs', () => {
    const doc = page(
      `<h2>关于组织毕业生参加线上专场招聘会的通知</h2><p>各毕业班：为促进毕业生就业，学院组织毕业生参加线上专场招聘会，请各班认真组织，按时报送参会情况。</p>
       <p style="text-align:right">信息科学与工程学院就业工作组</p><p style="text-align:right">2026.04.10</p>
       <div class="pright"><strong>推荐内容</strong><ul><li><a href="/a/503.html">信息学院召开2026届毕业生就业动员大会</a><p>2026-03-25</p></li>
       <li><a href="/a/498.html">关于转发就业推荐表填写审核工作通知的通知</a><p>2026-03-11</p></li></ul></div>
       <div class="handle"><p>上一篇：<a href="/a/509.html">就业推荐表审核结果公布</a></p><p>下一篇：<a href="/a/515.html">关于推荐优秀毕业生参加面试的通知</a></p></div>
       <div class="hot"><strong>热点内容</strong><ul><li><a href="/a/495.html">研究生招生复试安排</a></li><li><a href="/a/490.html">就业工作组成员名单</a></li></ul></div>
       <div class="footer"><p>Powered by DedeCMS</p><p>Copyright © 2026 某某大学信息科学与工程学院 版权所有</p></div>`,
    );
    expect(signatureBlock(textLines(doc.body))).toEqual({ unit: '信息科学与工程学院就业工作组', date: '2026-04-10' });
  });

  it('a post’s 来源 set off by a bar with no space (来源｜某大学审计处) names where it came from', () => {
    const doc = page(
      `<h1>审计处举办2025年度工程审计业务专题培训</h1><p>10月22日，审计处举办工程审计业务专题培训，各建设管理单位负责人参加培训，并就结算审计中的问题开展了交流。</p>${paragraph(2)}
       <p style="text-align:right">文字｜许某</p><p style="text-align:right">来源｜某某大学审计处</p>`,
    );
    expect(read(doc).issuer).toBe('某某大学审计处');
  });

  it('a bilingual 落款 gives the unit’s English name between the Chinese one and the day: the Chinese name signs', () => {
    const doc = page(
      `<h2>关于2026年春季学期本科生选课安排的通知</h2><p>各位同学：2026年春季学期本科生选课工作即将开始，现将有关安排通知如下，请认真阅读并按时完成选课。</p>
       <p style="text-align:right">教务处<br>Academic Affairs Office<br>2026年2月9日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '教务处', docDate: '2026-02-09' });
  });

  it('a byline’s labels in <small> (<small>来源:</small>教务处 <small>作者:</small>…) are labels; the 落款 of that source is the document’s', () => {
    const doc = page(
      `<h2>关于开展期中教学检查工作的通知</h2><div class="info"><small>时间:</small>2026-04-03 09:12:45<small>来源:</small>教务处 <small>作者:</small>理工学院办公室</div>
       <p>各学院：根据学校教学工作安排，经研究，决定开展本学期期中教学检查工作，请各学院认真组织，按时报送总结。</p>
       <p align="right">教务处</p><p align="right">2026年4月2日</p>
       <p>请我院各系按上述要求做好准备。</p><p align="right">理工学院办公室　2026年4月3日</p>`,
    );
    expect(read(doc)).toMatchObject({ issuer: '教务处', docDate: '2026-04-02' });
  });

  it('a 公告’s number with its running count beside it (2026年第2号（总第47号）) is its 文号', () => {
    const doc = page(
      `<p style="text-align:center">某省审计厅公告</p><p style="text-align:center">2026年第2号（总第47号）</p>
       <h2>某省审计厅关于省属高校科研经费管理使用情况审计结果的公告</h2>${paragraph(3)}
       <p style="text-align:right">某省审计厅</p><p style="text-align:right">2026年4月28日</p>`,
    );
    expect(read(doc).docNumber).toBe('2026年第2号');
  });
});

describe('what heldout-149 and -151 lacked (opened after their first scores)', () => {
  it('a request form the reader is typing into (题名, 发文单位, 文号 of the document asked for) shows no document', () => {
    const field = (label: string, name: string, value: string) =>
      `<div class="layui-form-item"><label class="layui-form-label">${label}</label><div class="layui-input-block"><input type="text" name="${name}" class="layui-input" value="${value}"></div></div>`;
    const doc = page(
      `<div class="layui-card"><div class="layui-card-header">新建文献传递申请</div><form class="layui-form">
       ${field('题名', 'title', '关于印发《某省高校图书馆事业发展规划（2026—2030年）》的通知')}${field('发文单位', 'author', '某省教育厅')}
       ${field('文号', 'docNo', '某教高〔2026〕7号')}${field('发布日期', 'pubDate', '2026-02-14')}<button>提交申请</button></form></div>`,
      '馆际互借与文献传递',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('the heading of a form the reader is typing into (编辑会议记录) names what is being written', () => {
    const doc = page(
      `<div class="ant-page-header"><span class="ant-page-header-heading-title">编辑会议记录</span><span class="sub">草稿保存于 2026-09-08 21:14</span></div>
       <form><label>会议主题</label><input type="text" value="研究下半年发展党员工作"><label>地点</label><input type="text" value="材料楼305">
       <label>会议内容</label><textarea>一、传达学习有关通知精神；二、讨论确定发展对象人选。</textarea></form>`,
      '党建工作台',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a form’s label cell beside its field (学院党委意见 | <textarea>) is no title, though its words end in a kind', () => {
    const doc = page(
      `<table class="TableBlock"><tr><td class="title">申请人</td><td>某某</td></tr><tr><td class="title">支部意见</td><td>情况属实，同意转出。</td></tr>
       <tr><td class="title">学院党委意见</td><td><textarea name="DATA_15" placeholder="请填写审核意见"></textarea></td></tr></table>`,
      '工作流',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-156 lacked (opened after its first score)', () => {
  it('a 文号 a sentence points to with 详见 run into it (…，详见某大研〔2026〕5号) is that document’s, not the page’s', () => {
    const doc = page(
      `<h2>关于调整上半年硕士学位论文答辩时间安排的通知</h2><p>各培养单位：因盲审评阅结果反馈时间推迟（原定4月30日前反馈，详见某大研〔2026〕5号），经研究，对上半年硕士学位论文答辩时间安排作如下调整，请各单位认真做好组织工作。</p>
       <p style="text-align:right">研究生院学位办公室</p><p style="text-align:right">2026/4/3</p>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });
});

describe('what heldout-156 left unexamined', () => {
  it('a tab that restates the heading of a form (某大学学籍异动申请表) names the form’s record, not a document', () => {
    const doc = page(
      `<div id="title" style="font-size:22px;font-weight:bold">某大学研究生学籍异动申请表</div>
       <table><tr><td>申请人</td><td>某某</td><td>学号</td><td>2024103062</td></tr>
       <tr><td>申请理由</td><td colspan="3">因病需长期治疗（附医院诊断证明），申请休学一年，恳请学院和研究生院予以批准，谢谢。</td></tr></table>
       <p>导师意见：同意。该生因病需长期治疗，所述情况属实，本人已知悉并同意其休学一年，休学期间保持联系。</p>
       <p>提示：经批准休学的研究生，应于批准之日起5个工作日内办理离校手续；休学期满须在规定时间前申请复学。</p>`,
      '研究生学籍异动申请-休学 - O2OA',
    );
    expect(read(doc).title).toBe('');
  });

  it('a calendar’s event in its day’s cell (role gridcell) names the event, though its words end in 会议', () => {
    const day = (date: string, events: string) =>
      `<td role="gridcell" data-date="${date}"><a class="fc-daygrid-day-number">${Number(date.slice(-2))}</a>${events}</td>`;
    const event = (time: string, title: string) => `<a class="fc-event"><div class="fc-event-time">${time}</div><div class="fc-event-title">${title}</div></a>`;
    const doc = page(
      `<h2 class="fc-toolbar-title">2026年6月</h2><table role="grid"><tr role="row">${day('2026-06-01', event('09:00', '硕士答辩 化工楼B305'))}
       ${day('2026-06-02', '')}${day('2026-06-15', event('15:00', '学位评定分委员会会议'))}</tr></table>`,
      '答辩安排日历 | 研究生管理信息系统',
    );
    expect(read(doc).title).toBe('');
  });

  it('a value under a label that cites another document (活动依据 | 关于…的通知) names that document, not the page', () => {
    const cell = (label: string, value: string) =>
      `<div class="weui-cell"><div class="weui-cell__bd"><p>${label}</p></div><div class="weui-cell__ft">${value}</div></div>`;
    const doc = page(
      `<div class="weui-cells">${cell('活动名称', '七一主题党日')}${cell('活动依据', '关于开展2026年“七一”主题党日活动的通知')}${cell('活动时间', '2026-07-01 14:30')}
       ${cell('地点', '行政楼三楼会议室')}</div><a class="weui-btn">立即签到</a>`,
      '签到',
    );
    expect(read(doc).title).toBe('');
  });

  it('a heading that says what follows (附：依据文件) heads the document attached, whose title stays the page’s', () => {
    const doc = page(
      `<table><tr><td>依据文件</td><td>某教高函〔2026〕22号（见下）</td></tr></table><h4>附：依据文件</h4>
       <h3>某省教育厅办公室关于举办2026年高校课程思政示范课程建设培训班的通知</h3>${paragraph(3)}`,
      '传阅',
    );
    expect(read(doc).title).toBe('某省教育厅办公室关于举办2026年高校课程思政示范课程建设培训班的通知');
  });
});

describe('what heldout-158 and -161 lacked (opened after their first scores)', () => {
  it('a 纪要’s number in brackets on its own line (（2026年第2号）) over the unit and day is no title', () => {
    const doc = page(
      `<div style="font-size:32pt;color:#e60000">外事工作领导小组会议纪要</div><div style="font-size:16pt">（2026年第2号）</div>
       <div><span style="float:left">某大学外事工作领导小组办公室</span><span style="float:right">2026年6月3日</span></div>
       <div style="font-size:18pt">某大学外事工作领导小组2026年第二次会议纪要</div>${paragraph(3)}`,
      '打印预览',
    );
    expect(read(doc).title).toBe('某大学外事工作领导小组2026年第二次会议纪要');
  });

  it('a 文号 closing a sentence’s clause (…团组批件号为某外办批〔2026〕0418号。) is what the sentence mentions', () => {
    const doc = page(
      `<h1>关于做好2026年因公出国（境）团组管理工作的通知</h1><div class="meta">发布时间：2026-07-08</div>${paragraph(2)}
       <p>此次出访严格按照因公出国（境）有关规定执行，团组批件号为某外办批〔2026〕0418号。</p>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('a notice’s body whose style sheet keeps its newlines (white-space: pre-wrap) ends in a 落款 on lines of its own', () => {
    const window = new Window({ url: 'http://oa.example.edu.cn/notice/index.html#/detail?id=1' });
    window.document.write(
      `<html><head><title>公告</title><style>.notice-content{white-space:pre-wrap}</style></head><body>
       <div class="notice-title">关于来华留学生寒假离校及返校管理的通知</div><div class="notice-content">各位留学生辅导员、全体在校来华留学生：
根据学校校历，本学期于2027年1月15日结束，寒假自2027年1月16日开始。现将有关事项通知如下：
一、离校登记：寒假离校的学生，须于2027年1月10日前填报离校登记。
请各位辅导员于12月20日前完成本班学生离校意向摸底。
国际教育学院
2026/12/10</div><div class="notice-footer">已读 318 · 未读 27</div></body></html>`,
    );
    const read = readDocument(window.document as unknown as Document, 'http://oa.example.edu.cn/notice/index.html#/detail?id=1');
    expect(read).toMatchObject({ issuer: '国际教育学院', docDate: '2026-12-10' });
  });

  it('an archive’s cards that each name the same document (著录信息, 电子文件’s text, 操作日志) are one record’s sections, not a list', () => {
    const doc = page(
      `<div class="layui-card"><div class="layui-card-header">案卷/件 著录信息</div><div class="layui-card-body"><table>
       <tr><td>题名</td><td>关于公布2026年度外籍专家聘任结果的通知</td></tr><tr><td>文号</td><td>某大外〔2026〕13号</td><td>责任者</td><td>某大学国际合作与交流处</td></tr>
       <tr><td>日期</td><td>20260512</td><td>归档日期</td><td>2026-12-20</td></tr></table></div></div>
       <div class="layui-card"><div class="layui-card-header">电子文件</div><div class="layui-card-body"><p>某大外〔2026〕13号</p>
       <p>关于公布2026年度外籍专家聘任结果的通知</p><p>各学院（部）、各部门：</p><p>经学院推荐、学校审定，现将2026年度外籍专家聘任结果予以公布。</p>
       <p>某大学国际合作与交流处</p><p>2026年5月12日</p></div></div>
       <div class="layui-card"><div class="layui-card-header">操作日志</div><div class="layui-card-body"><ul>
       <li><h4>2026-12-22 10:14</h4><p>某某 审核通过，入库</p></li><li><h4>2026-12-20 15:37</h4><p>某某 移交归档</p></li></ul></div></div>`,
      '件详情',
    );
    expect(read(doc)).toMatchObject({ title: '关于公布2026年度外籍专家聘任结果的通知', docNumber: '某大外〔2026〕13号', docDate: '2026-05-12' });
  });

  it('a questionnaire whose choices a framework draws (ui-radio, ui-checkbox, no <input>) asks to be filled in: its heading is no title', () => {
    const choice = (kind: string, label: string) => `<div class="ui-${kind}"><span class="jq${kind}"></span><label>${label}</label></div>`;
    const doc = page(
      `<h1 class="htitle">2026年学生资助工作满意度调查</h1><div class="description"><span>亲爱的同学：</span><br>
       <span>为全面了解我校学生资助政策落实情况，根据有关通知精神，特开展本次问卷调查，请您根据实际情况如实填写，问卷匿名，结果仅用于改进工作，不作其他用途，也不会对个人产生任何影响。问卷截止时间为2026年6月20日，逾期将无法提交，请同学们抓紧时间认真填写。感谢您的参与！</span></div>
       <div class="field"><div>1. 您所在的学院</div><select><option>请选择</option><option>机械工程学院</option></select></div>
       <div class="field"><div>2. 您是否被认定为家庭经济困难学生？</div><div class="ui-controlgroup">${choice('radio', '是')}${choice('radio', '否')}</div></div>
       <div class="field"><div>3. 您通过哪些渠道了解资助政策？</div><div class="ui-controlgroup">${choice('checkbox', '学校官网')}${choice('checkbox', '辅导员')}</div></div>
       <div class="field"><div>4. 您的意见和建议</div><textarea></textarea></div><a class="button">提交</a>`,
      '2026年学生资助工作满意度调查',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-163, -164 and -165 lacked (opened after their first scores)', () => {
  it('Tomcat’s error page, whose stack frames carry no “at”, shows no document, whatever it quotes', () => {
    const frames = Array.from({ length: 6 }, (_, i) => `\torg.springframework.web.servlet.FrameworkServlet.service${i}(FrameworkServlet.java:${880 + i})`).join(
      '\n',
    );
    const doc = page(
      `<h1>HTTP状态 500 - 内部服务器错误</h1><p><b>消息</b> DocNotFoundException: 公文不存在或已被撤回：docNo=某体竞〔2026〕41号</p>
       <pre>cn.edu.example.DocNotFoundException: 公文不存在\n${frames}</pre>
       <p><b>页面缓存</b> 标题：关于做好2026年省优秀运动队冬训工作的通知　发文单位：某省体育局竞技体育处　日期：2026-08-18</p><h3>Apache Tomcat/8.5.96</h3>`,
      'HTTP状态 500 - 内部服务器错误',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a conversation’s own messages, drawn by a modifier of the messages’ class without a sender (ww_msg ww_msg_self), are messages too', () => {
    const said = (who: string, text: string) => `<div class="ww_msg"><div class="ww_msg_sender">${who}</div><div class="ww_msg_bubble">${text}</div></div>`;
    const doc = page(
      `<div class="ww_chat_title">IT服务台-全校信息员群（128）</div><div class="ww_chat_msgs"><div class="ww_msg_time">6月4日 10:20</div>
       ${said('某某（信息办）', '@所有人 请各单位信息员6月12日前完成自查并提交自查表。')}${said('某某（外国语学院）', '请问托管的二级网站还需要我们自己自查吗？')}
       ${said('某某（信息办）', '托管站点中心统一扫描，但账号和内容需要学院自查。')}
       <div class="ww_msg ww_msg_self"><div class="ww_msg_bubble ww_msg_link"><div class="link_title">关于电子邮箱系统迁移至新平台的通知</div>
       <div class="link_desc">某大信（2026）12号｜信息化建设与管理办公室</div><div class="link_src">网络信息中心网站</div></div></div></div>
       <textarea placeholder="输入消息…"></textarea>`,
      '企业微信',
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null });
  });

  it('a unit labelled by its short name (发文单位：信息办) is the one its 落款 spells out in full', () => {
    const doc = page(
      `<h2>关于开展2026年度信息系统资产清查与备案工作的通知</h2><table><tr><td>文号</td><td>某大信函[2026]22号</td><td>发文单位</td><td>信息办</td></tr></table>
       ${paragraph(3)}<p>某大学信息化建设与管理办公室</p><p>2026年11月5日</p>`,
    );
    expect(read(doc).issuer).toBe('某大学信息化建设与管理办公室');
  });

  it('…and so across frames: the reading frame labels the short name, the body’s frame signs the full one', () => {
    const outer = page(`<div class="menu">${'<a href="#">待阅公文</a>'.repeat(5)}</div><iframe src="/read.aspx"></iframe>`, '协同管理平台');
    const shell = page(
      `<h3>公文阅读</h3><table><tr><td>公文标题：</td><td>关于开展2026年度信息系统资产清查与备案工作的通知</td></tr>
       <tr><td>文　　号：</td><td>某大信函[2026]22号</td><td>发文单位：</td><td>信息办</td></tr></table><iframe src="/body.aspx"></iframe>`,
    );
    const body = page(
      `<p style="text-align:center">关于开展2026年度信息系统资产清查与备案工作的通知</p>${paragraph(4)}<p>某大学信息化建设与管理办公室</p><p>2026年11月5日</p>`,
    );
    frame(outer, shell);
    frame(shell, body);
    expect(read(outer).issuer).toBe('某大学信息化建设与管理办公室');
  });

  it('a tab bar of opened pages (one tab a notice, one this page) is titles side by side, not one title', () => {
    const doc = page(
      `<div class="tags-view-container"><span class="tags-view-item">工作台</span><span class="tags-view-item">关于做好2026年秋季学期处级干部专题培训班报名工作的通知</span>
       <span class="tags-view-item active">2026年秋季学期处级干部专题培训班结业考核方案</span></div>
       <h2 class="notice-title">2026年秋季学期处级干部专题培训班结业考核方案</h2>${paragraph(3)}`,
      '干部教育培训管理平台',
    );
    expect(read(doc).title).toBe('2026年秋季学期处级干部专题培训班结业考核方案');
  });

  it('a flow’s tab title (学员请假审批(2026-04-20 16:31:07)) over its form (…学员请假审批表) names the form’s record; a date’s hyphens part nothing', () => {
    const doc = page(
      `<p align="center"><b><span style="font-size:20pt">中共某市委党校主体班学员请假审批表</span></b></p>
       <table><tr><td>学员姓名</td><td>某某</td><td>请假类型</td><td>公假</td></tr>
       <tr><td>请假事由</td><td colspan="3">参加镇里2026年防汛防台工作部署会议并作表态发言，已附镇党委书面证明，恳请批准，缺课内容将自学补齐。</td></tr>
       <tr><td>班主任意见</td><td colspan="3">情况属实，同意。请做好缺课内容自学，返校后及时销假，并向小组长报告学习情况。</td></tr></table>
       <p>说明：请假1天以内由班主任审批；1天以上3天以内报学员管理处审批；3天以上须报校（院）分管领导审批并通报派出单位组织部门。</p>`,
      '学员请假审批(2026-04-20 16:31:07)',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-169 lacked (opened after its first score)', () => {
  it('a related-documents table’s header (标题 | 文号 | 来文单位 | 收文日期) labels columns, not a second 来文单位 beside the form’s', () => {
    const doc = page(
      `<span class="subject">[收文] 关于做好2026年普通高校招生录取工作的通知</span>
       <table><tr><td class="tit">来文单位</td><td>某省教育考试院</td><td class="tit">来文字号</td><td>某教考〔2026〕21号</td></tr>
       <tr><td class="tit">成文日期</td><td>2026年6月12日</td><td class="tit">紧急程度</td><td>特急</td></tr>
       <tr><td class="tit">文件标题</td><td colspan="3">关于做好2026年普通高校招生录取工作的通知</td></tr>
       <tr><td class="tit">拟办意见</td><td colspan="3">建议呈分管校领导阅示，由本科招生办公室牵头办理。</td></tr></table>
       <div class="relation_title">关联文档</div><table><thead><tr><th>标题</th><th>文号</th><th>来文单位</th><th>收文日期</th></tr></thead><tbody>
       <tr><td>关于做好2026年普通高等学校招生工作的通知</td><td>某教考〔2026〕9号</td><td>某省教育考试院</td><td>2026-03-09</td></tr>
       <tr><td>关于开展2026年高校招生录取系统安全检查的通知</td><td>某教考函〔2026〕44号</td><td>某省教育考试院</td><td>2026-06-02</td></tr></tbody></table>`,
      '协同工作',
    );
    expect(read(doc)).toMatchObject({ docNumber: '某教考〔2026〕21号', issuer: '某省教育考试院', docDate: '2026-06-12' });
  });

  it('a record’s name over its date’s label and value (某中学 专项计划说明会 / 宣讲日期 / 2026/06/06) is no joint 落款', () => {
    const field = (name: string, value: string) => `<div class="field"><div class="field-name">${name}</div><div class="field-value">${value}</div></div>`;
    const doc = page(
      `<div class="suite-title">2026年招生宣讲日程</div><div role="dialog"><div class="drawer-title">某县第一中学 专项计划说明会</div>
       ${field('宣讲日期', '2026/06/06')}${field('时间段', '14:30-16:00')}${field('宣讲人', '某某')}${field('状态', '已确认')}</div>`,
      '多维表格',
    );
    expect(read(doc)).toMatchObject({ issuer: null, docDate: null });
  });
});

describe('what heldout-176 and -177 lacked (opened after their first scores)', () => {
  it('a 文号 a list entry gives before a colon and the title (通报｜…〔2026〕4号：关于…的通报（2026-09-09）) is that entry’s', () => {
    const doc = page(
      `<h1 class="rich_media_title">关于开展学风建设宣传月活动的通知</h1>${paragraph(3)}<p>某大学学术委员会</p><p>2026年10月15日</p>
       <p>延伸阅读：</p><ul><li>通报｜某大学委通〔2026〕4号：关于一起学术不端行为调查处理情况的通报（2026-09-09）</li></ul>`,
    );
    expect(read(doc).docNumber).toBeNull();
  });

  it('titles over bylines in entries built alike (相关通知: 关于… / 某单位 · 2026-09-15, twice) are listed, however few', () => {
    const related = (title: string, by: string) =>
      `<div class="van-cell"><div class="van-cell__title">${title}</div><div class="van-cell__label">${by}</div></div>`;
    const doc = page(
      `<div class="notice-detail__title">关于组织2026级研究生参加学术道德与学术规范网络考试的通知</div><span class="van-tag">需签收</span>
       <div class="rich-text">${paragraph(3)}<p>科学技术研究院</p><p>2026.09.28</p></div>
       <div class="more"><div class="more-title">相关通知</div>${related('关于开展2026年“学术道德宣传月”活动的通知', '某大学科学技术研究院 · 2026-09-15')}
       ${related('关于2026级研究生开题报告工作安排的通知', '研究生院 · 2026-09-18')}</div>`,
    );
    expect(read(doc).title).toBe('关于组织2026级研究生参加学术道德与学术规范网络考试的通知');
  });
});

describe('what heldout-178, -179 and -181 lacked (opened after their first scores)', () => {
  it('a record’s kind over dated entries (预防接种记录 over the doses) names them, and so does a section head of its make beside it', () => {
    const row = (label: string, value: string) => `<div class="vac-row"><span>${label}</span><span>${value}</span></div>`;
    const dose = (name: string, day: string, by: string) =>
      `<div class="vac-item"><div class="vac-name">${name}</div>${row('接种日期', day)}${row('剂次', '第1剂')}${row('接种单位', by)}</div>`;
    const doc = page(
      `<div class="hcard"><div class="hcard-name">某某</div><div class="hcard-status green">健康状态：正常</div></div>
       <div class="section"><div class="section-title">预防接种记录</div>${dose('四价流感病毒裂解疫苗', '2026-10-21', '某大学校医院预防接种门诊')}
       ${dose('九价人乳头瘤病毒疫苗', '2026-03-18 / 2026-05-19', '某大学校医院预防接种门诊')}${dose('乙型肝炎疫苗', '2019-09-12', '某市某区社区卫生服务中心')}</div>
       <div class="section"><div class="section-title">最近核酸/抗原检测</div>${row('甲流抗原', '阴性 · 2026-01-08 校医院')}</div>`,
      '健康卡',
    );
    expect(read(doc)).toMatchObject({ title: '', docDate: null });
  });

  it('a record of one event keeps its title over a flow’s dated steps: it has prose of its own', () => {
    const step = (n: number) => `<tr><td>第${n}步</td><td>某某</td><td>2026-05-0${n} 10:00</td></tr>`;
    const doc = page(
      `<h2>某学院党委理论学习中心组2026年第2次集体学习记录</h2>${paragraph(4)}
       <table><tr><th>步骤</th><th>办理人</th><th>时间</th></tr>${step(1)}${step(2)}${step(3)}</table>`,
    );
    expect(read(doc).title).toBe('某学院党委理论学习中心组2026年第2次集体学习记录');
  });

  it('a tab title the page names only in 《》 (根据《关于…的通知》… on a booking screen) is a document it cites', () => {
    const slot = (t: string) => `<div class="slot">${t}<em>余3</em></div>`;
    const doc = page(
      `<div class="van-nav-bar__title">校医院预约挂号</div>
       <div class="notice">【通知】根据《关于调整2026年冬季门诊时间的通知》（某校医〔2026〕15号），自2026年12月1日起内科门诊下午时段调整为14:00—17:00。</div>
       <div class="doctor">某某 副主任医师</div><div class="slots">${slot('08:00-08:30')}${slot('08:30-09:00')}${slot('09:30-10:00')}</div>`,
      '关于调整2026年冬季门诊时间的通知',
    );
    expect(read(doc).title).toBe('');
  });

  it('one person’s record (性别 | 女 under its label: a health check’s report) states no document’s facts', () => {
    const doc = page(
      `<h2>某大学2026年教职工健康体检报告</h2><div>体检机构：某市第一人民医院健康管理中心</div>
       <table><tr><th>姓名</th><td>某某</td><th>性别</th><td>女</td><th>年龄</th><td>41</td></tr>
       <tr><th>体检编号</th><td>TJ2026051800427</td><th>报告日期</th><td>2026年5月25日</td></tr></table>
       <h4>总检结论及建议</h4><p>总胆固醇偏高：建议低脂饮食，3至6个月后复查血脂。</p>
       <p>某市第一人民医院健康管理中心<br>2026年5月25日</p>`,
    );
    expect(read(doc)).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 标题 labelled only in a viewer’s closed properties panel does not outrank the title its page shows', () => {
    const doc = page(
      `<h2>某大学医疗保障工作委员会2026年第三次全体会议纪要</h2>${paragraph(3)}
       <div id="documentPropertiesDialog" class="dialog" hidden><div class="row"><span>标题：</span><p>会议纪要模板</p></div>
       <div class="row"><span>作者：</span><p>hejing</p></div></div>`,
      '2026年第3次医保委会议纪要（定稿）.pdf',
    );
    expect(read(doc).title).toBe('某大学医疗保障工作委员会2026年第三次全体会议纪要');
  });

  it('a post’s headline that reads as no title gives way to the notice the post carries, set bold in a <section> over its 主送', () => {
    const doc = page(
      `<h1 class="rich_media_title">九价HPV疫苗开约啦！</h1>
       <div class="rich_media_meta_list"><span>校医院预防接种门诊</span> <a>某大学校医院</a> <em>2026-03-03 18:05</em></div>
       <div id="js_content"><section style="font-weight:bold;text-align:center">关于开展2026年春季学期九价HPV疫苗预约接种的通知</section>
       <section><p>全校女性教职工、学生：</p></section>${paragraph(3)}<p>某大学校医院</p><p>2026年3月2日</p>
       <section><p>往期推荐</p><p><a>关于2026年教职工健康体检报告领取的提示</a></p></section></div>`,
      '九价HPV疫苗开约啦！',
    );
    expect(read(doc).title).toBe('关于开展2026年春季学期九价HPV疫苗预约接种的通知');
  });

  it('a chat’s messages stamped with their sender and time of day (苏晓棠 10:21) are messages: a file card in one names that file', () => {
    const message = (who: string, at: string, said: string, card = '') =>
      `<div class="message-item"><div class="avatar">${who}</div><div class="content"><div class="meta">${who} ${at}</div><div class="bubble">${said}</div>${card}</div></div>`;
    const doc = page(
      `<div class="chat-header">技术转移中心工作群（8）</div><div class="message-list"><div class="time-divider">12月9日 周三 10:21</div>
       ${message('苏晓棠', '10:21', '年度总结的通知我拟好了，大家看下。')}
       ${message('陆一鸣', '10:24', '19号给赋权改革那个方案占了，用20号吧。')}
       ${message('韩若溪', '10:30', '可以。', '<div class="doc-card"><div class="doc-title">📄 关于报送2026年度知识产权运营工作总结的通知（草稿）</div><div class="meta">云文档 · 最近修改 12月9日 10:19</div></div>')}
       ${message('魏楚恒', '10:37', '数据口径要和总结一致。')}</div>`,
      '飞书',
    );
    expect(read(doc).title).toBe('');
  });
});

describe('what heldout-176 still lacked', () => {
  it('lines that are each one link, side by side in a sidebar’s box (<p><a>…</a></p>), are a list’s entries, not the title of a bill in the frame beside them', () => {
    const outer = page(
      `<div class="pay-menu"><ul><li><a href="/pay/index">首页</a></li><li class="active"><a href="/pay/bill/list">待缴费项目</a></li></ul>
       <div class="pay-notice-box"><h4>收费公示</h4><p><a>2026-2027学年学生住宿费收费标准公示</a></p><p><a>关于调整教职工周转房租金标准的通知</a></p><p><a>2026年教职工停车费收费标准</a></p></div></div>
       <div class="pay-content"><iframe id="contentFrame" src="bill.html"></iframe></div>`,
      '某大学统一支付平台',
    );
    const bill = page(
      `<div class="bill-card"><div class="bill-name">2026年10月周转房租金</div><div class="bill-amount">¥ 520.30</div>
       <table class="bill-table"><tr><th>账单编号</th><td>ZJ202610-0117</td><th>收费项目</th><td>周转房租金</td></tr>
       <tr><th>计费周期</th><td>2026-10-01 至 2026-10-31</td><th>缴费截止</th><td>2026年10月25日</td></tr></table>
       <button>立即缴费</button></div>`,
      '账单详情',
    );
    frame(outer, bill);
    expect(read(outer).title).toBe('');
  });
});

describe('what heldout-131 still lacked', () => {
  it('a record’s kind right over its dated entries (最近停车记录 over two stays) names them, though the page has prose elsewhere', () => {
    const doc = page(
      `<div class="pk-rule"><h3>收费标准</h3><p>教职工车辆请登录一卡通自助服务平台“车辆备案”办理，备案通过后本人名下一车免费。</p>
       <p>外来车辆首小时免费，超过一小时每小时收费2元，当日封顶20元。临时停车请扫码缴费后离场，逾期未缴将影响下次入校。</p></div>
       <div class="pk-history"><div class="b-title">最近停车记录</div><ul>
       <li><span>2026-03-17 09:02 — 11:48</span><span>滨江校区北门</span><span>¥4.00 已缴</span></li>
       <li><span>2026-03-16 13:20 — 13:55</span><span>青枫校区东门</span><span>¥0.00 免费</span></li></ul></div>`,
      '停车缴费',
    );
    expect(read(doc).title).toBe('');
  });

  it('a record’s form keeps its title over its rows, only some of them dated (谈话时间：…)', () => {
    const doc = page(
      `<div class="form-title">廉政谈话记录</div><table>
       <tr><td class="form-label">记录名称：</td><td>2026年第一批新提任处级领导干部任前廉政谈话记录</td></tr>
       <tr><td class="form-label">谈话时间：</td><td>2026年3月18日 14:30—16:00</td><td class="form-label">谈话地点：</td><td>行政楼第三会议室</td></tr>
       <tr><td class="form-label">记录时间：</td><td>2026年3月18日</td><td class="form-label">记录人：</td><td>某某</td></tr>
       <tr><td class="form-label">谈话人：</td><td>某某</td><td class="form-label">谈话对象：</td><td>新提任处级干部12人</td></tr>
       <tr><td class="form-label">谈话内容：</td><td>${paragraph(2)}</td></tr></table>`,
    );
    expect(read(doc).title).toMatch(/谈话记录$/);
  });
});

describe('what heldout-169 still lacked', () => {
  it('a line opening with a file’s icon (📄 某大学2026年本科招生章程) is a file card in a chatbot’s answer, not the page’s title', () => {
    const doc = page(
      `<div class="robot-header"><div class="name">小霁</div><div class="desc">某大学本科招生智能咨询</div></div>
       <div class="chat"><div class="time">2026年6月26日 21:03</div>
       <div class="msg bot"><div class="bubble">同学你好，我是招生咨询机器人。</div></div>
       <div class="msg user"><div class="bubble">章程里对身体条件有什么要求</div></div>
       <div class="msg bot"><div class="bubble">《某大学2026年本科招生章程》第二十一条规定：执行有关体检指导意见。
       <div class="card"><div class="card-title">📄 某大学2026年本科招生章程</div><div class="card-sub">某大学 · 2026年4月20日</div></div></div></div></div>
       <div class="input-bar"><textarea placeholder="请输入你的问题"></textarea><button>发送</button></div>`,
      '小霁·智能招生咨询',
    );
    expect(read(doc).title).toBe('');
  });
});
