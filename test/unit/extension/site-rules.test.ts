/**
 * Site rules (从页面选取): what a click teaches (a label when the page labels the value, else a
 * selector from stable names, never a bare path), that reading with the rule gives back the clicked
 * value on another page of the same system, and that a page where the rule finds nothing keeps what
 * the readers found.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { PageContext } from '../../../shared/model/page';
import type { SiteRule } from '../../../shared/model/site-rule-shape';
import { SiteRuleSchema } from '../../../shared/model/site-rules';
import { withSiteRules } from '../../../extension/page/site-rule-reading';
import { teachRule } from '../../../extension/page/site-rule-teaching';

const HREF = 'http://oa.example.edu.cn/doc/1';
const page = (body: string) => parseHTML(`<!doctype html><html><head><title>系统</title></head><body>${body}</body></html>`).document as unknown as Document;
const facts: PageContext = { url: HREF, title: '标题', vendor: 'generic', docNumber: null, issuer: null, docDate: null };

function taught(body: string, pick: string, field: SiteRule['field']) {
  const doc = page(body);
  const result = teachRule(doc, HREF, doc.querySelector(pick)!, field, 'r1', '2026-12-03T00:00:00Z');
  return result;
}

describe('teaching a rule from a click', () => {
  it('learns the label a value stands beside: a cell to the left, a cell above, a <dt>, or "标签：" in the clicked text', () => {
    const cases: [string, string, string][] = [
      ['<table><tr><td>拟稿单位</td><td id="v">教务处</td></tr></table>', '#v', '拟稿单位'],
      ['<table><tr><td>承办部门</td><td>日期</td></tr><tr><td id="v">学生工作部</td><td>2022-06-10</td></tr></table>', '#v', '承办部门'],
      ['<dl><dt>牵头单位</dt><dd id="v">科研处</dd></dl>', '#v', '牵头单位'],
      ['<p id="v">主送单位：各学院</p>', '#v', '主送单位'],
    ];
    for (const [body, pick, label] of cases) {
      const result = taught(body, pick, 'issuer');
      expect(result).toMatchObject({ ok: true, rule: { label, site: 'http://oa.example.edu.cn', field: 'issuer' } });
      if (result.ok) expect(SiteRuleSchema.safeParse(result.rule).success).toBe(true);
    }
  });

  it('keeps a label only if reading with it gives back what was clicked', () => {
    // Beside 承办部门 stands 密级, so the label would read 密级: the rule is a selector instead.
    const result = taught('<table><tr><td>承办部门</td><td>密级</td></tr><tr><td id="v">学生工作部</td><td>公开</td></tr></table>', '#v', 'issuer');
    expect(result).toMatchObject({ ok: true, rule: { selector: '#v' }, value: '学生工作部' });
  });

  it('without a label, a selector from stable ids and classes; generated ids and state classes are left out', () => {
    const result = taught('<div class="meta active"><span class="dept">教务处</span><span class="views">12</span></div>', 'span.dept', 'issuer');
    expect(result).toMatchObject({ ok: true, rule: { selector: 'span.dept' }, value: '教务处' });
    const generated = taught(
      '<div id="ext-comp-10234"><div class="x-panel"><span class="dept">教务处</span></div></div><span class="dept">别处</span>',
      '.x-panel .dept',
      'issuer',
    );
    expect(generated.ok && generated.rule.selector).toBe('div.x-panel span.dept');
  });

  it('refuses an element it could only name by a bare path, and text that is not the field', () => {
    expect(taught('<div><div><span>教务处</span></div><div><span>别处</span></div></div>', 'div > div > span', 'issuer')).toMatchObject({ ok: false });
    expect(taught('<p class="when">昨天下午</p>', 'p.when', 'docDate')).toMatchObject({ ok: false, message: expect.stringContaining('日期') });
  });
});

describe('reading with taught rules', () => {
  const rules: SiteRule[] = [
    { id: 'a', site: 'http://oa.example.edu.cn', field: 'issuer', selector: 'span.dept', createdAt: '' },
    { id: 'b', site: 'http://oa.example.edu.cn', field: 'docDate', label: '拟稿日期', createdAt: '' },
    { id: 'c', site: 'http://other.example.edu.cn', field: 'title', selector: 'h1', createdAt: '' },
  ];

  it('reads another page of the same site, normalising the date, and marks what it read', () => {
    const doc = page('<h1>别的标题</h1><div><span class="dept">学生工作部</span></div><table><tr><td>拟稿日期</td><td>2026年4月15日</td></tr></table>');
    expect(withSiteRules(doc, HREF, facts, rules)).toMatchObject({ issuer: '学生工作部', docDate: '2026-04-15', title: '标题', taught: ['issuer', 'docDate'] });
  });

  it('a page where the rules find nothing keeps what the readers found; a label with regex characters is only text', () => {
    const doc = page('<p>没有这些字段</p>');
    expect(withSiteRules(doc, HREF, { ...facts, issuer: '党委办公室' }, rules)).toEqual({ ...facts, issuer: '党委办公室' });
    const odd: SiteRule = { id: 'd', site: 'http://oa.example.edu.cn', field: 'issuer', label: '单位(盖章)', createdAt: '' };
    expect(withSiteRules(page('<p>单位(盖章)：校办</p>'), HREF, facts, [odd]).issuer).toBe('校办');
  });
});
