import type { PageContext } from '../../../shared/model/page';

export interface PageCardProps {
  /** What the content script read from the page; null while it loads or off a web page. */
  context: PageContext | null;
}

/** The OA document the record is about: title, 文号, unit, date and address. */
export function PageCard({ context }: PageCardProps) {
  if (!context) return <div class="page-card muted">正在读取页面信息…</div>;
  return (
    <div class="page-card" data-testid="tz-page" data-vendor={context.vendor ?? 'generic'}>
      <div class="page-title" data-testid="tz-page-title">
        {context.title || '（无标题）'}
      </div>
      <dl>
        <dt>文号</dt>
        <dd data-testid="tz-page-docNumber">{context.docNumber ?? '—'}</dd>
        <dt>发文单位</dt>
        <dd data-testid="tz-page-issuer">{context.issuer ?? '—'}</dd>
        <dt>日期</dt>
        <dd data-testid="tz-page-docDate">{context.docDate ?? '—'}</dd>
      </dl>
      <div class="page-url" data-testid="tz-page-url" title={context.url}>
        {context.url}
      </div>
    </div>
  );
}
