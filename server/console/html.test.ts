import { raw } from 'hono/html';
import { describe, expect, it } from 'vitest';
import { barChart } from './charts';
import { SafeHtml, escapeHtml, html } from './html';

describe('html templates', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const typed = `<script>alert(1)</script>" onmouseover="x'`;
    const out = html`<p title="${typed}">${typed}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39;">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39;</p>',
    );
  });
  it('escapes all six characters that can end a text node or a quoted attribute, whichever quote the attribute uses', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
    const typed = `<script>1</script>"onmouseover="a'b\`c`;
    const out = html`<input value="${typed}"><input value='${typed}'><p>${typed}</p>`.value;
    expect(out).toBe(
      '<input value="&lt;script&gt;1&lt;/script&gt;&quot;onmouseover=&quot;a&#39;b&#96;c">' +
        "<input value='&lt;script&gt;1&lt;/script&gt;&quot;onmouseover=&quot;a&#39;b&#96;c'>" +
        '<p>&lt;script&gt;1&lt;/script&gt;&quot;onmouseover=&quot;a&#39;b&#96;c</p>',
    );
  });
  it('trusts only its own SafeHtml as markup: a string, a String, or another library\'s "already escaped" marker is text', () => {
    const markup = '<b>x</b>';
    expect(html`${markup}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(html`${new SafeHtml(markup)}`.value).toBe(markup);
    // hono/html's raw() is a String flagged isEscaped; here it is just text.
    expect(html`${raw(markup)}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
    // @ts-expect-error objects are not accepted, even one claiming to be escaped
    expect(html`${{ isEscaped: true, toString: () => markup }}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
    // @ts-expect-error a promise is not accepted: pages are rendered from data already loaded
    expect(html`${Promise.resolve(markup)}`.value).toBe('[object Promise]');
  });
  it('leaves out null, undefined and booleans, prints numbers, and flattens nested arrays', () => {
    expect(html`${null}${undefined}${false}${true}|${0}|${[['a<', [html`<i>b</i>`]], null]}`.value).toBe('|0|a&lt;<i>b</i>');
  });
  it('keeps nested templates as markup', () => {
    expect(html`<ul>${['a<b', 'c'].map((s) => html`<li>${s}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });
  it('draws one bar per category, labelled with escaped names', () => {
    const svg = barChart('按类别', [
      { key: '后勤<服务>', count: 3 },
      { key: '教学', count: 1 },
    ]).value;
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('后勤&lt;服务&gt;');
  });
});
