import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Campaign } from '../../../shared/model/campaign';
import type { PageContext } from '../../../shared/model/page';
import type { RecordKind } from '../../../shared/model/vocabulary';
import type { LocalRecord } from '../../sync/local-store';
import { AskError, ask } from '../background-client';
import { campaignOn, stageOn } from '../campaign-choice';
import { clearDraft, loadDraft, saveDraft } from '../drafts';
import { forgetKeptOpinion, KEPT_OPINION_FIELDS, keptValues, loadFormMemory, rememberSave, siteOf } from '../form-memory';
import { DATE_FIELD, FORM_SPECS, KIND_LABELS, shownFields, toFormValues, toRecordFields } from '../record-form-spec';
import type { FieldErrors } from '../../../shared/model/record-check';
import { FieldRow } from './FieldRow';

export interface RecordFormProps {
  kind: RecordKind;
  /** The page the record is captured on (its quote comes from the selection made before opening). */
  context: PageContext | null;
  /** Campaigns the user belongs to; the record's campaign and stage are chosen by date. */
  campaigns: Campaign[];
  /** Today (YYYY-MM-DD) in the server's zone: the date a new record starts with and picks its campaign by. */
  today: string;
  /** A record being edited, or null for a new one. */
  editing: LocalRecord | null;
  /** Called after a successful save (with the saved record). */
  onSaved: (record: LocalRecord) => void;
  /** Leaves edit mode without saving. */
  onCancelEdit: () => void;
  /** Told at once when a save starts (true) and when it ends without saving (false), so the sync state never looks settled meanwhile. */
  onSaving?: (active: boolean) => void;
}

function defaults(kind: RecordKind, context: PageContext | null, today: string): Record<string, string> {
  const values: Record<string, string> = { [DATE_FIELD[kind]]: today };
  if (kind === 'opinion') values.content = context?.quote ?? '';
  if (kind === 'study') {
    values.topic = context?.title ?? '';
    values.mode = '自学';
  }
  return values;
}

export function RecordForm({ kind, context, campaigns, today, editing, onSaved, onCancelEdit, onSaving }: RecordFormProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [quote, setQuote] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [stage, setStage] = useState('');
  const [stageTouched, setStageTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  /** Meeting mode: the opinion fields carried over from the last save are showing. */
  const [kept, setKept] = useState(false);
  const lastQuote = useRef<string | undefined>(undefined);
  const ready = useRef(false);
  /** The page's latest context: a passage may arrive while the form is still loading its draft. */
  const latest = useRef(context);
  latest.current = context;
  const formRef = useRef<HTMLFormElement>(null);

  // Fetch the validation module while the user types, so saving does not wait for it.
  useEffect(() => {
    const t = setTimeout(() => void import('../../../shared/model/record-check'), 200);
    return () => clearTimeout(t);
  }, []);

  // Load: the record being edited, else fresh defaults at once and a saved draft for this page when
  // it arrives — unless the user has started typing meanwhile, whose input always wins.
  const dirty = useRef(false);
  const [loaded, setLoaded] = useState(false);
  const formKey = useRef('');
  // A layout effect: the reset happens in the same task as the render that shows the new form, so no
  // keystroke can land between them and be wiped.
  useLayoutEffect(() => {
    let live = true;
    const key = `${kind}|${editing?.id ?? ''}`;
    // The page context arrived (or the hash route changed) while the user was already typing: keep their input.
    if (formKey.current === key && dirty.current) {
      ready.current = true;
      return;
    }
    formKey.current = key;
    ready.current = false;
    dirty.current = false;
    setLoaded(false);
    setErrors({});
    lastQuote.current = context?.quote;
    if (editing) {
      const page = editing.fields.page as PageContext | null;
      setValues(toFormValues(kind, editing.fields));
      setQuote(page?.quote ?? '');
      setCampaignId(String(editing.fields.campaignId ?? ''));
      setStage(String(editing.fields.stage ?? ''));
      setStageTouched(true);
      ready.current = true;
      setLoaded(true);
      return;
    }
    setValues(defaults(kind, context, today));
    setQuote(context?.quote ?? '');
    setCampaignId('');
    setStageTouched(false);
    setKept(false);
    void (async () => {
      const [memory, draft] = await Promise.all([loadFormMemory().catch(() => null), context ? loadDraft(kind, context.url) : null]);
      if (!live) return;
      // Carried over from the last save: a meeting's shared opinion fields, this site's campaign and stage.
      const carried = memory ? keptValues(memory, kind, today) : {};
      const site = memory ? memory.sites[siteOf(context?.url) ?? ''] : undefined;
      if (!dirty.current) {
        if (Object.keys(carried).length > 0) {
          setValues((v) => ({ ...v, ...carried }));
          setKept(true);
        }
        if (site?.campaignId) setCampaignId(site.campaignId);
        if (site && site.stage !== null) {
          setStage(site.stage);
          setStageTouched(true);
        }
      }
      if (draft && !dirty.current) {
        // A passage selected just before opening is newer than the draft's quote.
        const fresh = context?.quote ?? '';
        setValues(kind === 'opinion' && fresh && !draft.values.content ? { ...draft.values, content: fresh } : draft.values);
        setQuote(fresh || draft.quote);
      }
      ready.current = true;
      setLoaded(true);
      // A passage selected while the draft was loading (the sidebar was loaded ahead and then shown) is taken now.
      takeQuote(latest.current?.quote);
    })();
    return () => {
      live = false;
    };
  }, [kind, editing?.id, context?.url]);

  // A new selection on the page replaces the quote (and an opinion's content, if it was the old quote).
  const takeQuote = (next: string | undefined) => {
    if (!ready.current || editing || next === lastQuote.current || !next) return;
    const previous = lastQuote.current ?? '';
    lastQuote.current = next;
    setQuote(next);
    if (kind === 'opinion') setValues((v) => (!v.content || v.content === previous ? { ...v, content: next } : v));
  };
  useEffect(() => takeQuote(context?.quote), [context?.quote]);

  const date = values[DATE_FIELD[kind]] || today;
  const campaign = useMemo(
    () => campaigns.find((c) => c.id === campaignId) ?? (editing ? null : campaignOn(campaigns, date)),
    [campaigns, campaignId, date, editing],
  );
  const autoStage = campaign ? (stageOn(campaign, date)?.key ?? '') : '';
  // A stage remembered for this site that the campaign no longer has falls back to the one by date.
  const effectiveStage = stageTouched && (stage === '' || campaign?.stages.some((s) => s.key === stage)) ? stage : autoStage;

  // A kept choice the (newly chosen) campaign does not offer is dropped rather than sent to be refused.
  useEffect(() => {
    if (editing || kind !== 'opinion') return;
    const stale = FORM_SPECS.opinion.filter((spec) => {
      const options = spec.options?.(campaign) ?? [];
      return spec.input === 'select' && campaign && options.length > 0 && values[spec.name] && !options.includes(values[spec.name]!);
    });
    if (stale.length > 0) setValues((v) => ({ ...v, ...Object.fromEntries(stale.map((spec) => [spec.name, ''])) }));
  }, [campaign?.id, values.fromGroup, values.channel, values.category]);

  // Keep the draft as the user types; written at once, because a reload of the page can come any moment.
  useEffect(() => {
    // Only what the user typed is a draft: a form just reset after saving must not be kept as one.
    if (!ready.current || editing || !context || !dirty.current) return;
    void saveDraft(kind, context.url, { values, quote, savedAt: Date.now() });
  }, [values, quote]);

  const set = (name: string, value: string) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
    setNotice('');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    onSaving?.(true);
    const base = toRecordFields(kind, values);
    const page = editing
      ? { ...((editing.fields.page as PageContext | null) ?? {}), ...(quote ? { quote } : {}) }
      : context
        ? (({ selector, quote: _q, ...rest }) => (quote ? { ...rest, quote, ...(selector && selector.exact.trim() === quote ? { selector } : {}) } : rest))(
            context,
          )
        : null;
    // The schemas (zod) load after the first paint, so opening the sidebar stays fast.
    const { validateRecord, cleanRecordFields } = await import('../../../shared/model/record-check');
    const fields = cleanRecordFields({ ...base, campaignId: campaign?.id ?? '', stage: effectiveStage, page, deleted: false });
    const found = validateRecord(fields);
    if (!campaign) found.campaignId = campaigns.length === 0 ? '尚未加入任何活动，请先在设置页测试连接' : '请选择活动';
    if (Object.keys(found).length > 0) {
      setErrors(found);
      onSaving?.(false);
      return;
    }
    setSaving(true);
    try {
      const saved = await ask({ type: 'record:save', id: editing?.id ?? null, fields });
      if (context && !editing) await clearDraft(kind, context.url);
      setNotice(editing ? '已保存修改' : `${KIND_LABELS[kind]}已保存`);
      if (!editing) {
        dirty.current = false;
        // 下一条: the fields a meeting's opinions share stay chosen, and the cursor waits in the first field.
        const carried = kind === 'opinion' ? Object.fromEntries(KEPT_OPINION_FIELDS.map((f) => [f, values[f] ?? ''])) : {};
        setValues({ ...defaults(kind, { ...(context as PageContext), quote: '' }, today), ...carried });
        setKept(kind === 'opinion');
        setQuote('');
        formRef.current?.querySelector<HTMLElement>(`#f-${FORM_SPECS[kind][0]!.name}`)?.focus();
        void rememberSave(kind, values, today, siteOf(context?.url), {
          campaignId: campaignId && campaign?.id === campaignId ? campaignId : null,
          stage: stageTouched ? stage : null,
        }).catch(() => undefined);
      }
      onSaved(saved);
    } catch (err) {
      onSaving?.(false);
      if (err instanceof AskError && err.field) setErrors({ [err.field]: err.message });
      else setNotice(`保存失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} class="record-form" data-testid={`tz-form-${kind}`} data-loaded={loaded ? 'true' : 'false'} onSubmit={submit} noValidate>
      {editing ? (
        <div class="editing">
          正在编辑一条{KIND_LABELS[kind]}
          <button type="button" class="link" onClick={onCancelEdit}>
            取消
          </button>
        </div>
      ) : null}
      {kept && !editing ? (
        <div class="kept" data-testid="tz-kept">
          下一条：听取日期、渠道、反映人群、类别沿用上一条
          <button
            type="button"
            class="link"
            data-testid="tz-kept-clear"
            onClick={() => {
              setKept(false);
              setValues((v) => ({ ...v, heardOn: today, channel: '', fromGroup: '', category: '' }));
              void forgetKeptOpinion().catch(() => undefined);
            }}
          >
            不再沿用
          </button>
        </div>
      ) : null}
      <FieldRow name="campaignId" label="活动" required error={errors.campaignId}>
        <select
          id="f-campaignId"
          data-testid="tz-field-campaignId"
          value={campaign?.id ?? ''}
          onChange={(e) => {
            setCampaignId(e.currentTarget.value);
            setStageTouched(false);
          }}
        >
          {campaigns.length === 0 ? <option value="">（无）</option> : null}
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </FieldRow>
      <FieldRow name="stage" label="环节" error={errors.stage}>
        <select
          id="f-stage"
          data-testid="tz-field-stage"
          value={effectiveStage}
          onChange={(e) => {
            setStage(e.currentTarget.value);
            setStageTouched(true);
          }}
        >
          <option value="">（不限）</option>
          {(campaign?.stages ?? []).map((s) => (
            <option key={s.key} value={s.key}>
              {s.title}（{s.start} 至 {s.end}）
            </option>
          ))}
        </select>
      </FieldRow>
      {shownFields(kind, values).map((spec) => {
        const common = {
          id: `f-${spec.name}`,
          name: spec.name,
          'data-testid': `tz-field-${spec.name}`,
          value: values[spec.name] ?? '',
          placeholder: spec.placeholder,
          'aria-invalid': errors[spec.name] ? true : undefined,
          onInput: (e: Event) => set(spec.name, (e.currentTarget as HTMLInputElement).value),
        };
        const options = spec.options?.(campaign) ?? [];
        return (
          <FieldRow key={spec.name} name={spec.name} label={spec.label} required={spec.required} error={errors[spec.name]}>
            {spec.input === 'textarea' ? (
              <textarea rows={4} {...common} />
            ) : spec.input === 'select' ? (
              <select {...common} onChange={common.onInput}>
                <option value="">请选择</option>
                {options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={spec.input === 'number' ? 'number' : spec.input === 'date' ? 'date' : 'text'}
                min={spec.input === 'number' ? 1 : undefined}
                {...common}
              />
            )}
          </FieldRow>
        );
      })}
      <FieldRow name="quote" label="摘录原文（来自页面选中的文字）">
        <textarea
          id="f-quote"
          rows={3}
          data-testid="tz-field-quote"
          value={quote}
          onInput={(e) => {
            dirty.current = true;
            setQuote(e.currentTarget.value);
          }}
        />
      </FieldRow>
      <div class="actions">
        <button type="submit" class="primary" data-testid="tz-save" disabled={saving}>
          {saving ? '保存中…' : '保存'}
        </button>
        {notice ? (
          <span class="notice" data-testid="tz-notice" role="status">
            {notice}
          </span>
        ) : null}
      </div>
    </form>
  );
}
