import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_TIME_ZONE, isKnownTimeZone } from '../../../shared/calendar';
import { STATUS_LABELS, statusLabel } from '../../../shared/model/item-status';
import type { MyTask, MyTasks } from '../../../shared/model/my-tasks';
import { cleanText } from '../../../shared/text-rules';
import { ask } from '../background-client';
import { useItems, useMe, useOutbox } from '../store-hooks';
import { EVIDENCE_ACCEPT, EVIDENCE_RULE, type EvidenceFile, formatBytes } from '../../../shared/model/evidence-rules';
import { base64Of, evidenceFileProblem, type ShownTask, taskAsShown } from '../task-view';

export interface TaskListProps {
  /** Bumped by the parent to reload (e.g. after a sync). */
  reloadKey: number;
}

/** My task list: assigned problem / rectification items and each campaign's obligations. */
export function TaskList({ reloadKey }: TaskListProps) {
  const [data, setData] = useState<MyTasks | null>(null);
  const [error, setError] = useState('');
  const [stale, setStale] = useState(false);
  // The server's list, with the local store's copy of each item on top: a save shows at once.
  const items = useItems();
  const outbox = useOutbox();
  const me = useMe();
  const timeZone = me?.timeZone && isKnownTimeZone(me.timeZone) ? me.timeZone : DEFAULT_TIME_ZONE;

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        // The background owns the offline copy (and whose it is); the component only shows what it is given.
        const reply = await ask({ type: 'tasks:get' });
        if (!live) return;
        setData(reply.tasks);
        setStale(reply.stale);
        setError(reply.reason ?? '');
      } catch (err) {
        if (!live) return;
        setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [reloadKey]);

  if (!data)
    return (
      <section class="tasks muted" data-testid="tz-tasks">
        {error ? `无法获取任务：${error}` : '正在加载任务…'}
      </section>
    );
  return (
    <section class="tasks" data-testid="tz-tasks">
      {stale ? <div class="notice">离线显示上次获取的任务（{error}）</div> : null}
      {data.campaigns.map((c) => {
        const current = c.currentStage;
        const studyNow = c.obligations.study.find((s) => s.stage === current?.key) ?? null;
        const talks = c.obligations.talks;
        return (
          <div class="obligation" key={c.id} data-testid="tz-obligation">
            <h3>{c.title}</h3>
            <div>当前环节：{current ? `${current.title}，截止 ${current.end}（剩 ${current.daysLeft} 天）` : '无进行中的环节'}</div>
            {studyNow?.quotaMinutes ? (
              <div data-testid="tz-obligation-study">
                学习：{studyNow.minutes} / {studyNow.quotaMinutes} 分钟
                <progress max={studyNow.quotaMinutes} value={Math.min(studyNow.minutes, studyNow.quotaMinutes)} />
              </div>
            ) : null}
            {talks.quota ? (
              <div data-testid="tz-obligation-talks" class={talks.count < talks.quota ? 'behind' : ''}>
                本季度谈心谈话：{talks.count} / {talks.quota} 次
              </div>
            ) : null}
          </div>
        );
      })}
      <h3>分配给我的任务（{data.tasks.length}）</h3>
      {data.tasks.length === 0 ? (
        <div class="muted">暂无任务</div>
      ) : (
        <ul>
          {data.tasks.map((t) => (
            <TaskItem key={t.id} task={taskAsShown(t, items[t.id], outbox, data.today, timeZone)} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface TaskItemProps {
  /** The task as the store has it now, my unsynced progress included. */
  task: ShownTask;
}

function TaskItem({ task }: TaskItemProps) {
  const [progress, setProgress] = useState(task.progress ?? '');
  const [evidence, setEvidence] = useState(task.evidence ?? '');
  const [status, setStatus] = useState(task.status);
  const [saved, setSaved] = useState(false);
  const [message, setMessage] = useState('');
  const [errorField, setErrorField] = useState<string | null>(null);
  const closed = task.status === 'closed';
  // When the store's copy changes (a pull, another device), the fields follow it; unchanged ones keep what is typed.
  const seen = useRef({ status: task.status, progress: task.progress ?? '', evidence: task.evidence ?? '' });
  useEffect(() => {
    const was = seen.current;
    if (task.status !== was.status) setStatus(task.status);
    if ((task.progress ?? '') !== was.progress) setProgress(task.progress ?? '');
    if ((task.evidence ?? '') !== was.evidence) setEvidence(task.evidence ?? '');
    seen.current = { status: task.status, progress: task.progress ?? '', evidence: task.evidence ?? '' };
  }, [task.status, task.progress, task.evidence]);

  const save = async () => {
    const fields: Record<string, unknown> = {};
    // Pasted text may hold characters the server refuses (text-rules.ts); they go before saving.
    if (progress !== (task.progress ?? '')) fields.progress = cleanText(progress);
    if (evidence !== (task.evidence ?? '')) fields.evidence = cleanText(evidence);
    if (status !== task.status) fields.status = status;
    try {
      await ask({ type: 'item:update', id: task.id, fields });
      setSaved(true);
      setMessage('');
      setErrorField(null);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      setErrorField((err as { field?: string }).field ?? null);
    }
  };

  return (
    <li class={`task${task.overdue ? ' overdue' : ''}`} data-testid="tz-task" data-task-id={task.id} data-overdue={task.overdue ? 'true' : 'false'}>
      <div class="task-head">
        <span class="title">{task.title}</span>
        {task.overdue ? <span class="badge-overdue">已逾期</span> : task.dueSoon ? <span class="badge-soon">即将到期</span> : null}
      </div>
      <div class="muted" data-testid="tz-task-state" data-status={task.status} data-pending={task.pending ? 'true' : 'false'}>
        {task.campaignTitle} · 期限 {task.deadline ?? '未定'} · {statusLabel(task.status)}
        {task.pending ? <span class="pending">（待同步）</span> : null}
      </div>
      {task.target ? (
        <div class="target" data-testid="tz-task-target">
          整改目标：{task.target}
        </div>
      ) : null}
      {task.closedOn ? (
        <div class="closed-on" data-testid="tz-task-closed">
          {task.closedOn} 销号
        </div>
      ) : null}
      {task.effect ? (
        <div class="effect" data-testid="tz-task-effect">
          整改成效：{task.effect}
        </div>
      ) : null}
      {closed ? null : (
        <div class="task-edit">
          <textarea
            rows={2}
            placeholder="整改进展"
            aria-label="整改进展"
            data-testid="tz-task-progress"
            value={progress}
            onInput={(e) => setProgress(e.currentTarget.value)}
          />
          <select aria-label="整改状态" data-testid="tz-task-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as MyTask['status'])}>
            <option value={task.status === 'open' ? 'open' : task.status} disabled>
              {statusLabel(task.status)}
            </option>
            {task.status !== 'in_progress' ? <option value="in_progress">{STATUS_LABELS.in_progress}</option> : null}
            {task.status !== 'done' ? <option value="done">{STATUS_LABELS.done}</option> : null}
          </select>
          <textarea
            rows={2}
            placeholder="佐证材料（标记完成时必填）"
            aria-label="佐证材料"
            data-testid="tz-task-evidence"
            value={evidence}
            onInput={(e) => setEvidence(e.currentTarget.value)}
          />
          {message || saved ? (
            <div class={errorField ? 'error' : 'notice'} role="status">
              {message || (task.pending ? '已保存，待同步' : '已保存并同步')}
            </div>
          ) : null}
          <button type="button" class="primary" data-testid="tz-task-save" onClick={() => void save()}>
            保存进展
          </button>
        </div>
      )}
      <EvidenceFiles task={task} closed={closed} />
    </li>
  );
}

interface EvidenceFilesProps {
  task: ShownTask;
  /** A closed (销号) item takes no more files; its files are still listed. */
  closed: boolean;
}

/**
 * The task's 佐证材料 files by name, and “上传佐证材料”: the file goes to the background (which holds
 * the token) and on to the server, which judges it; its refusal is shown as it says it.
 */
function EvidenceFiles({ task, closed }: EvidenceFilesProps) {
  const [files, setFiles] = useState<EvidenceFile[] | null>(null);
  const [listError, setListError] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    void ask({ type: 'evidence:list', campaignId: task.campaignId, itemId: task.id }).then(
      (list) => live && setFiles(list),
      (err: unknown) => live && setListError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [task.campaignId, task.id]);

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const problem = evidenceFileProblem(file);
    if (problem) {
      setMessage({ text: problem, error: true });
      input.value = '';
      return;
    }
    setBusy(true);
    setMessage({ text: `正在上传 ${file.name}…`, error: false });
    try {
      const base64 = base64Of(new Uint8Array(await file.arrayBuffer()));
      const stored = await ask({ type: 'evidence:upload', campaignId: task.campaignId, itemId: task.id, name: file.name, base64 });
      setFiles((list) => [...(list ?? []), stored]);
      setListError('');
      setMessage({ text: `已上传 ${stored.name}`, error: false });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <div class="evidence-files" data-testid="tz-task-files">
      <div class="muted">佐证材料文件：</div>
      {files && files.length > 0 ? (
        <ul class="file-list">
          {files.map((f) => (
            <li key={f.id} data-testid="tz-task-file">
              {f.name} <span class="muted">（{formatBytes(f.size)}）</span>
            </li>
          ))}
        </ul>
      ) : (
        <div class="muted" data-testid="tz-task-files-empty">
          {files ? '暂无' : listError ? `无法获取文件列表：${listError}` : '正在加载…'}
        </div>
      )}
      {closed ? null : (
        <label class="upload">
          上传佐证材料
          <input
            type="file"
            accept={EVIDENCE_ACCEPT}
            aria-label="上传佐证材料"
            title={EVIDENCE_RULE}
            data-testid="tz-task-upload"
            disabled={busy}
            onChange={(e) => void upload(e.currentTarget)}
          />
        </label>
      )}
      {message ? (
        <div class={message.error ? 'error' : 'notice'} role="status" data-testid="tz-task-upload-status">
          {message.text}
        </div>
      ) : null}
    </div>
  );
}
