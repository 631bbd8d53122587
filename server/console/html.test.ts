import { describe, expect, it } from 'vitest';
import { barChart } from './charts';
import { html } from './html';

describe('html templates', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const typed = `<script>alert(1)</script>" onmouseover="x'`;
    const out = html`<p title="${typed}">${typed}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).toBe('<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39;">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x&#39;</p>');
  });
  it('keeps nested templates as markup', () => {
    expect(html`<ul>${['a<b', 'c'].map((s) => html`<li>${s}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });
  it('draws one bar per category, labelled with escaped names', () => {
    const svg = barChart('按类别', [{ key: '后勤<服务>', count: 3 }, { key: '教学', count: 1 }]).value;
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('后勤&lt;服务&gt;');
  });
});
