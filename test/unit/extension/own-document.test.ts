/**
 * A page that only lists documents gives no facts of its own; a document page keeps its facts
 * however many links it shows beside its body. Pages made up here, with invented words, so that
 * nothing rests on the readers' word lists.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { listsOthersOnly } from '../../../extension/page/own-document';
import { readDocument, unitName } from '../../../extension/page/reader';

const page = (body: string) =>
  parseHTML(`<!doctype html><html><head><title>办公平台</title></head><body>${body}</body></html>`).document as unknown as Document;
const never = () => false;

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('');
const newsRows = rows(8, (i) => `<li><a href="/n/${i}">第${i + 1}期校园服务事项办理情况说明</a><span>2024-03-${String(i + 1).padStart(2, '0')}</span></li>`);
const body = `<div class="content">${rows(4, (i) => `<p>第${i + 1}段：各单位要结合本部门实际，认真梳理本年度工作中存在的主要问题，逐项明确责任人和完成时限，按时报送。</p>`)}</div>`;

describe('a page of its own or a list of others', () => {
  it('a list of links each beside a date, with no body, is a list: no title, 文号, issuer or date', () => {
    const doc = page(`<h1>通知公告</h1><ul class="news">${newsRows}</ul><div class="footer">版权所有</div>`);
    expect(listsOthersOnly(doc, never)).toBe(true);
    expect(readDocument(doc, 'http://oa.example.edu.cn/list.jsp')).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a 待办 table whose columns are labelled 标题 / 文号 / 发文单位 lends none of its rows to the page', () => {
    const table = `<table><tr><th>标题</th><th>文号</th><th>发文单位</th><th>日期</th></tr>${rows(
      6,
      (i) =>
        `<tr><td><a href="/d/${i}">关于开展第${i + 1}批专项检查工作的安排</a></td><td>某办〔2024〕${i + 3}号</td><td>办公室</td><td>2024/4/${i + 1}</td></tr>`,
    )}</table>`;
    const doc = page(`<div class="todo">${table}</div>`);
    expect(readDocument(doc, 'http://oa.example.edu.cn/todo.do')).toMatchObject({ title: '', docNumber: null, issuer: null, docDate: null });
  });

  it('a document with a body keeps its facts, however many dated links stand beside it', () => {
    const doc = page(
      `<h1 class="title">关于做好年度工作总结的通知</h1><div class="info">发布时间：2024-05-06</div>${body}<div class="related"><ul>${newsRows}</ul></div>`,
    );
    expect(listsOthersOnly(doc, never)).toBe(false);
    const reading = readDocument(doc, 'http://oa.example.edu.cn/view.jsp?id=7');
    expect(reading.title).toBe('关于做好年度工作总结的通知');
    expect(reading.docDate).toBe('2024-05-06');
  });

  it('a form with no prose and few links is not a list: its labelled fields are read', () => {
    const doc = page(`<table><tr><td>标题</td><td>关于调整值班安排的通知</td></tr><tr><td>文号</td><td>某办〔2024〕9号</td></tr></table><a href="/a">返回</a>`);
    expect(listsOthersOnly(doc, never)).toBe(false);
    expect(readDocument(doc, 'http://oa.example.edu.cn/form.do').docNumber).toBe('某办〔2024〕9号');
  });

  it('hidden text and scripts are not prose: a list with a hidden paragraph stays a list', () => {
    const hidden = `<div style="display:none"><p>${'这是一段隐藏的说明文字，不会显示在页面上。'.repeat(10)}</p></div><script>var s = "${'脚本里的句子。'.repeat(30)}";</script>`;
    expect(listsOthersOnly(page(`<ul>${newsRows}</ul>${hidden}`), never)).toBe(true);
  });
});

describe('what a name must look like', () => {
  it('a unit ends where its line ran on into a date or a byline', () => {
    expect(unitName('教务处2023-12-11')).toBe('教务处');
    expect(unitName('学生工作部 发布时间：2024-03-05')).toBe('学生工作部');
    expect(unitName('党委办公室')).toBe('党委办公室');
    expect(unitName('2024-03-05')).toBeNull();
  });

  it('a tab title naming the system, or with no Chinese in it, is no document title', () => {
    const tabOnly = (title: string) =>
      parseHTML(`<!doctype html><html><head><title>${title}</title></head><body><div>欢迎</div></body></html>`).document as unknown as Document;
    expect(readDocument(tabOnly('某某大学协同办公平台'), 'http://oa.example.edu.cn/').title).toBe('');
    expect(readDocument(tabOnly('Office Anywhere 2019'), 'http://oa.example.edu.cn/').title).toBe('');
    expect(readDocument(tabOnly('关于调整作息时间的通知 - 某某大学'), 'http://oa.example.edu.cn/').title).toBe('关于调整作息时间的通知');
  });
});
