import { useState } from 'preact/hooks';
import type { Campaign } from '../../../shared/model/campaign';
import type { PageContext } from '../../../shared/model/page';
import { SITE_RULE_FIELD_NAMES, type SiteRule, type SiteRuleField } from '../../../shared/model/site-rule-shape';
import type { PickResult } from '../../page/on-demand';

/** Where 从页面选取 stands: waiting for a click on the page, or what the click taught. */
export type Teaching = { field: SiteRuleField; waiting: true } | { field: SiteRuleField; waiting: false; result: PickResult };

export interface PageCardProps {
  /** What the content script read from the page; null while it loads or off a web page. */
  context: PageContext | null;
  teaching: Teaching | null;
  /** Campaigns a taught rule can be offered to. */
  campaigns: readonly Campaign[];
  onPick(field: SiteRuleField): void;
  onCancelPick(): void;
  /** Offers the rule to a campaign; resolves with what to tell the user. */
  onShare(campaignId: string, rule: SiteRule): Promise<string>;
  onForget(rule: SiteRule): void;
}

const DATE_NAMES = { written: '成文日期', published: '发布日期' } as const;

function PickButton({ field, onPick, busy }: { field: SiteRuleField; onPick(field: SiteRuleField): void; busy: boolean }) {
  const name = SITE_RULE_FIELD_NAMES[field];
  return (
    <button
      type="button"
      class="pick"
      aria-label={`从页面选取${name}`}
      title={`${name}不对或为空？点此后在页面上点击${name}，本站以后按此读取`}
      data-testid={`tz-pick-${field}`}
      disabled={busy}
      onClick={() => onPick(field)}
    >
      选取
    </button>
  );
}

/** What a rule reads by, in words. */
const ruleWords = (rule: SiteRule) => (rule.label ? `标签“${rule.label}”后的内容` : `页面位置 ${rule.selector}`);

function TeachingNote({ teaching, campaigns, onCancelPick, onShare, onForget }: Omit<PageCardProps, 'context' | 'onPick'> & { teaching: Teaching }) {
  const name = SITE_RULE_FIELD_NAMES[teaching.field];
  const [campaignId, setCampaignId] = useState(campaigns[0]?.id ?? '');
  const [shared, setShared] = useState<{ ok: boolean; text: string } | null>(null);
  if (teaching.waiting) {
    return (
      <div class="teach-note" role="status" data-testid="tz-teach-note">
        请在左侧页面上点击{name}（Esc 取消）
        <button type="button" class="link" onClick={onCancelPick} data-testid="tz-pick-cancel">
          取消
        </button>
      </div>
    );
  }
  const { result } = teaching;
  if (!result.ok) {
    return (
      <div class="teach-note error" role="alert" data-testid="tz-teach-note">
        {result.message}
      </div>
    );
  }
  const share = () =>
    void onShare(campaignId, result.rule).then(
      (text) => setShared({ ok: true, text }),
      (err: unknown) => setShared({ ok: false, text: err instanceof Error ? err.message : String(err) }),
    );
  return (
    <div class="teach-note" role="status" data-testid="tz-teach-note">
      <div>
        已记住：本站页面的{name}今后读取{ruleWords(result.rule)}。
      </div>
      {campaigns.length > 0 && !shared?.ok && (
        <div class="teach-actions">
          {campaigns.length > 1 && (
            <select aria-label="共享到活动" value={campaignId} onChange={(e) => setCampaignId((e.target as HTMLSelectElement).value)}>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          )}
          <button type="button" onClick={share} data-testid="tz-rule-share">
            提交专班共享
          </button>
          <button type="button" class="link" onClick={() => onForget(result.rule)} data-testid="tz-rule-forget">
            忘记此规则
          </button>
        </div>
      )}
      {shared && (
        <div class={shared.ok ? 'muted' : 'error'} role={shared.ok ? undefined : 'alert'} data-testid="tz-rule-shared">
          {shared.text}
        </div>
      )}
    </div>
  );
}

/** The OA document the record is about: title, 文号, unit, date and address, each correctable by 从页面选取. */
export function PageCard(props: PageCardProps) {
  const { context, teaching, onPick } = props;
  if (!context) return <div class="page-card muted">正在读取页面信息…</div>;
  const busy = teaching?.waiting === true;
  const taught = new Set(context.taught ?? []);
  const mark = (field: SiteRuleField) =>
    taught.has(field) ? (
      <span class="taught" title="按本站规则读取">
        （本站规则）
      </span>
    ) : null;
  return (
    <div class="page-card" data-testid="tz-page" data-vendor={context.vendor ?? 'generic'}>
      <div class="page-title-row">
        <div class="page-title">
          <span data-testid="tz-page-title">{context.title || '（无标题）'}</span>
          {mark('title')}
        </div>
        <PickButton field="title" onPick={onPick} busy={busy} />
      </div>
      <dl>
        <dt>文号</dt>
        <dd>
          <span data-testid="tz-page-docNumber">{context.docNumber ?? '—'}</span>
          {mark('docNumber')}
          <PickButton field="docNumber" onPick={onPick} busy={busy} />
        </dd>
        <dt>发文单位</dt>
        <dd>
          <span data-testid="tz-page-issuer">{context.issuer ?? '—'}</span>
          {mark('issuer')}
          <PickButton field="issuer" onPick={onPick} busy={busy} />
        </dd>
        <dt data-testid="tz-page-docDate-name">{context.docDateKind && context.docDate ? DATE_NAMES[context.docDateKind] : '日期'}</dt>
        <dd>
          <span data-testid="tz-page-docDate">{context.docDate ?? '—'}</span>
          {mark('docDate')}
          <PickButton field="docDate" onPick={onPick} busy={busy} />
        </dd>
      </dl>
      {teaching && <TeachingNote {...props} teaching={teaching} />}
      <div class="page-url" data-testid="tz-page-url" title={context.url}>
        {context.url}
      </div>
    </div>
  );
}
