import { useEffect, useState } from 'preact/hooks';
import { ask } from '../background-client';
import type { MyTasks, MyTask } from '../../../shared/model/my-tasks';
import { STATUS_LABELS, statusLabel } from '../../../shared/model/item-status';
import { cleanText } from '../../../shared/text-rules';

export interface TaskListProps {
  /** Bumped by the parent to reload (e.g. after a sync). */
  reloadKey: number;
}

/** My task list: assigned problem / rectification items and each campaign's obligations. */
export function TaskList({ reloadKey }: TaskListProps) {
  const [data, setData] = useState<MyTasks | null>(null);
  const [error, setError] = useState('');
  const [stale, setStale] = useState(false);

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
            <TaskItem key={t.id} task={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface TaskItemProps {
  task: MyTask;
}

function TaskItem({ task }: TaskItemProps) {
  const [progress, setProgress] = useState(task.progress ?? '');
  const [evidence, setEvidence] = useState(task.evidence ?? '');
  const [status, setStatus] = useState(task.status);
  const [message, setMessage] = useState('');
  const [errorField, setErrorField] = useState<string | null>(null);
  const closed = task.status === 'closed';

  const save = async () => {
    const fields: Record<string, unknown> = {};
    // Pasted text may hold characters the server refuses (text-rules.ts); they go before saving.
    if (progress !== (task.progress ?? '')) fields.progress = cleanText(progress);
    if (evidence !== (task.evidence ?? '')) fields.evidence = cleanText(evidence);
    if (status !== task.status) fields.status = status;
    try {
      await ask({ type: 'item:update', id: task.id, fields });
      setMessage('已保存，待同步');
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
      <div class="muted">
        {task.campaignTitle} · 期限 {task.deadline ?? '未定'} · {statusLabel(task.status)}
      </div>
      {closed ? null : (
        <div class="task-edit">
          <textarea rows={2} placeholder="整改进展" data-testid="tz-task-progress" value={progress} onInput={(e) => setProgress(e.currentTarget.value)} />
          <select data-testid="tz-task-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as MyTask['status'])}>
            <option value={task.status === 'open' ? 'open' : task.status} disabled>
              {statusLabel(task.status)}
            </option>
            {task.status !== 'in_progress' ? <option value="in_progress">{STATUS_LABELS.in_progress}</option> : null}
            {task.status !== 'done' ? <option value="done">{STATUS_LABELS.done}</option> : null}
          </select>
          <textarea
            rows={2}
            placeholder="佐证材料（标记完成时必填）"
            data-testid="tz-task-evidence"
            value={evidence}
            onInput={(e) => setEvidence(e.currentTarget.value)}
          />
          {message ? (
            <div class={errorField ? 'error' : 'notice'} role="status">
              {message}
            </div>
          ) : null}
          <button type="button" data-testid="tz-task-save" onClick={() => void save()}>
            保存进展
          </button>
        </div>
      )}
    </li>
  );
}
