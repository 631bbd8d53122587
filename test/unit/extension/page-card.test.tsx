// @vitest-environment happy-dom
/**
 * The sidebar's page card (extension/sidebar/components/PageCard.tsx): it names the date as the page
 * did (成文日期 / 发布日期), marks fields read by a taught rule, and offers 从页面选取 beside each fact.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageContext } from '../../../shared/model/page';
import { PageCard, type PageCardProps } from '../../../extension/sidebar/components/PageCard';

const context: PageContext = {
  url: 'http://oa.example.edu.cn/1',
  title: '关于开展调研的通知',
  vendor: 'generic',
  docNumber: null,
  issuer: '校办',
  docDate: '2004-08-26',
};
const props = (over: Partial<PageCardProps> = {}): PageCardProps => ({
  context,
  teaching: null,
  campaigns: [],
  onPick: vi.fn(),
  onCancelPick: vi.fn(),
  onShare: vi.fn(async () => ''),
  onForget: vi.fn(),
  ...over,
});

afterEach(cleanup);

describe('the page card', () => {
  it('names the date 成文日期 or 发布日期 when the page said which, else 日期', () => {
    render(<PageCard {...props({ context: { ...context, docDateKind: 'written' } })} />);
    expect(screen.getByTestId('tz-page-docDate-name').textContent).toBe('成文日期');
    cleanup();
    render(<PageCard {...props({ context: { ...context, docDateKind: 'published' } })} />);
    expect(screen.getByTestId('tz-page-docDate-name').textContent).toBe('发布日期');
    cleanup();
    render(<PageCard {...props()} />);
    expect(screen.getByTestId('tz-page-docDate-name').textContent).toBe('日期');
  });

  it('offers 从页面选取 for each fact, and marks the ones a taught rule read', () => {
    const onPick = vi.fn();
    render(<PageCard {...props({ onPick, context: { ...context, taught: ['issuer'] } })} />);
    for (const name of ['标题', '文号', '发文单位', '日期']) expect(screen.getByRole('button', { name: `从页面选取${name}` })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '从页面选取文号' }));
    expect(onPick).toHaveBeenCalledWith('docNumber');
    expect(screen.getAllByText('（本站规则）')).toHaveLength(1);
  });

  it('while waiting for a click the pick buttons are off and 取消 ends it; a refusal is an alert', () => {
    const onCancelPick = vi.fn();
    render(<PageCard {...props({ onCancelPick, teaching: { field: 'issuer', waiting: true } })} />);
    expect((screen.getByRole('button', { name: '从页面选取标题' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onCancelPick).toHaveBeenCalled();
    cleanup();
    render(<PageCard {...props({ teaching: { field: 'docDate', waiting: false, result: { ok: false, message: '所选文字里没有可识别的日期' } } })} />);
    expect(screen.getByRole('alert').textContent).toContain('没有可识别的日期');
  });
});
