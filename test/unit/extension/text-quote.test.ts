/** TextQuoteSelector: describing a selection with its context and finding it again on the page. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { anchorBoundaries, locateQuote, quoteFromText } from '../../../extension/page/text-quote';

describe('text quote selectors', () => {
  it('keeps up to 32 characters of context either side', () => {
    const text = `${'甲'.repeat(40)}图书馆座位不足${'乙'.repeat(40)}`;
    const sel = quoteFromText(text, 40, 47)!;
    expect(sel.exact).toBe('图书馆座位不足');
    expect(sel.prefix).toBe('甲'.repeat(32));
    expect(sel.suffix).toBe('乙'.repeat(32));
  });

  it('refuses an empty or blank selection', () => {
    expect(quoteFromText('abc   def', 3, 6)).toBeNull();
  });

  it('picks the occurrence whose context matches when the passage repeats', () => {
    const text = '一是热水供应时间短。二是热水供应时间短，晚间断水。';
    const sel = quoteFromText(text, text.lastIndexOf('热水供应时间短'), text.lastIndexOf('热水供应时间短') + 7)!;
    expect(locateQuote(text, sel)).toBe(text.lastIndexOf('热水供应时间短'));
  });

  it('re-anchors a quote that spans several elements to the right text-node boundaries', () => {
    const { document } = parseHTML('<html><body><p>学生反映<b>宿舍热水</b>供应时间短</p><p>食堂价格偏高</p></body></html>');
    const b = anchorBoundaries(document.body as unknown as Node, { type: 'TextQuoteSelector', exact: '宿舍热水供应', prefix: '学生反映' })!;
    expect(b.startNode.data).toBe('宿舍热水');
    expect(b.startOffset).toBe(0);
    expect(b.endNode.data).toBe('供应时间短');
    expect(b.endOffset).toBe(2);
  });

  it('returns null when the page no longer contains the passage', () => {
    const { document } = parseHTML('<html><body><p>内容已修改</p></body></html>');
    expect(anchorBoundaries(document.body as unknown as Node, { type: 'TextQuoteSelector', exact: '原来的句子' })).toBeNull();
  });
});
