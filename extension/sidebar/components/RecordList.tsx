import { useMemo, useState } from 'preact/hooks';
import type { PageContext } from '../../../shared/model/page';
import type { RecordKind } from '../../../shared/model/record';
import type { LocalRecord, Rejection } from '../../sync/local-store';
import type { OutboxMutation } from '../../sync/outbox';
import { ask } from '../background-client';
import { KIND_LABELS } from '../record-form-spec';
import { recordSummary, searchRecords } from '../record-search';
import { refusalText } from '../refusals';

export interface RecordListProps {
  records: LocalRecord[];
  /** Pending mutations, to mark records not yet at the server. */
  outbox: OutboxMutation[];
  /** Standing refusals by the server, shown on their records with the reason. */
  refused: readonly Rejection[];
  /** When set, only records made on this page are listed first under their own heading. */
  pageUrl: string | null;
  onEdit: (record: LocalRecord) => void;
}

/** My records: search, edit, delete (a tombstone), open the page a record was made on. */
export function RecordList({ records, outbox, refused, pageUrl, onEdit }: RecordListProps) {
  const [query, setQuery] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const live = useMemo(() => records.filter((r) => !r.fields.deleted).sort((a, b) => b.updatedAt - a.updatedAt), [records]);
  const found = useMemo(() => searchRecords(live, query), [live, query]);
  const pending = useMemo(() => new Set(outbox.filter((m) => m.entity === 'record').map((m) => m.entityId)), [outbox]);
  const refusalOf = useMemo(() => new Map(refused.filter((r) => r.entity === 'record').map((r) => [r.entityId, r])), [refused]);
  const onThisPage = pageUrl ? found.filter((r) => (r.fields.page as PageContext | null)?.url === pageUrl) : [];
  const elsewhere = found.filter((r) => !onThisPage.includes(r));

  const remove = async (r: LocalRecord) => {
    if (confirming !== r.id) return setConfirming(r.id);
    setConfirming(null);
    try {
      await ask({ type: 'record:delete', id: r.id });
      setMessage('已删除');
    } catch (err) {
      setMessage(`删除失败：${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const item = (r: LocalRecord) => {
    const page = r.fields.page as PageContext | null;
    const refusal = refusalOf.get(r.id);
    return (
      <li
        key={r.id}
        class="record"
        data-testid="tz-record-item"
        data-record-id={r.id}
        data-kind={String(r.fields.kind)}
        data-refused={refusal ? 'true' : undefined}
      >
        <div class="record-head">
          <span class="kind">{KIND_LABELS[r.fields.kind as RecordKind] ?? '记录'}</span>
          <span class="date">{String(r.fields.heardOn ?? r.fields.studiedOn ?? r.fields.talkedOn ?? '')}</span>
          {pending.has(r.id) ? (
            <span class="pending" title="尚未同步到服务器">
              待同步
            </span>
          ) : refusal ? (
            <span class="refused-mark">未同步</span>
          ) : null}
        </div>
        <div class="summary">{recordSummary(r.fields)}</div>
        {refusal ? (
          <div class="refused" role="alert" data-testid="tz-record-refused">
            服务器未接受：{refusalText(refusal)}。请点“编辑”修改后重新保存。
          </div>
        ) : null}
        {page?.quote ? <blockquote>{page.quote}</blockquote> : null}
        <div class="record-actions">
          <button type="button" class="link" data-testid="tz-record-edit" onClick={() => onEdit(r)}>
            编辑
          </button>
          <button type="button" class="link danger" data-testid="tz-record-delete" onClick={() => void remove(r)}>
            {confirming === r.id ? '确认删除' : '删除'}
          </button>
          {page?.url ? (
            <button type="button" class="link" data-testid="tz-record-open" onClick={() => void ask({ type: 'open:source', url: page.url })}>
              打开原页面
            </button>
          ) : null}
        </div>
      </li>
    );
  };

  return (
    <section class="records" data-testid="tz-records">
      <input
        type="search"
        class="search"
        placeholder="搜索我的记录"
        data-testid="tz-records-search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {message ? (
        <div class="notice" role="status">
          {message}
        </div>
      ) : null}
      {onThisPage.length > 0 ? (
        <>
          <h3>本页记录（{onThisPage.length}）</h3>
          <ul data-testid="tz-records-here">{onThisPage.map(item)}</ul>
        </>
      ) : null}
      <h3>
        {pageUrl ? '其他记录' : '全部记录'}（{elsewhere.length}）
      </h3>
      {elsewhere.length === 0 && onThisPage.length === 0 ? <div class="muted">{query ? '没有匹配的记录' : '还没有记录'}</div> : <ul>{elsewhere.map(item)}</ul>}
    </section>
  );
}
