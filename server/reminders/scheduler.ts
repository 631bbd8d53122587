/**
 * The daily robot reminder: once a minute, for each campaign with a webhook whose hour (deployment
 * zone) has come and whose day is not yet claimed, claim the day in a store transaction, then send.
 *
 * Claim-then-send makes it at most once per campaign and day, across restarts: the claim is durable
 * before anything is sent, so a restarted server (or, later, a second server on the same PostgreSQL
 * database) sees the day taken. A crash between claim and send loses that day's message rather than
 * sending it twice. With several servers on PostgreSQL the claim must be a row lock or advisory lock
 * (`SELECT … FOR UPDATE` on the reminders row, or `pg_try_advisory_xact_lock`) inside that
 * transaction — see README.md.
 */
import { dateTimeOf, todayIn } from '../../shared/calendar';
import { DEFAULT_REMINDER_HOUR } from '../../shared/model/campaign';
import type { ReminderDoc, ReminderSendRecord, Store } from '../store/store';
import { robotMessage } from './digest';
import { loadReminders } from './service';
import { localWebhooksAllowed, maskWebhookUrl, robotBody, sendWebhook, type SendOptions, type SendResult, type StoredWebhook } from './webhook';

export interface SchedulerOptions {
  store: Store;
  /** TZ_NAME: the zone of "today" and of the hour. */
  timeZone: string;
  /** The clock (epoch ms); tests drive it. */
  now?: () => number;
  /** How often to look (default one minute). */
  intervalMs?: number;
  /** Bounds of each send (timeout, attempts, backoff) and the local-address flag. */
  send?: Omit<SendOptions, 'signal' | 'now'>;
  /** The sender; tests may replace it. */
  sender?: (webhook: StoredWebhook, body: unknown, options: SendOptions) => Promise<SendResult>;
  log?: { info(message: string): void; error(message: string): void };
}

/** What one pass did, for tests and logs. */
export interface TickReport {
  day: string;
  sent: { campaignId: string; result: SendResult }[];
}

/** The hour (0–23) in `zone` at `now`. */
export function hourIn(zone: string, now: number): number {
  return Number(dateTimeOf(new Date(now).toISOString(), zone).slice(11, 13));
}

export class ReminderScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<TickReport> | null = null;
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly log: NonNullable<SchedulerOptions['log']>;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? { info: (m) => console.log(m), error: (m) => console.error(m) };
  }

  /** Looks now and then every `intervalMs`; the timer never keeps the process alive. */
  start(): this {
    if (this.timer || this.abort.signal.aborted) return this;
    const run = () => void this.tick().catch((err: unknown) => this.log.error(`[reminders] 检查群机器人提醒失败：${(err as Error).message}`));
    this.timer = setInterval(run, this.opts.intervalMs ?? 60_000);
    this.timer.unref?.();
    run();
    return this;
  }

  /** Stops the timer, aborts a send under way (recorded as failed) and waits for the pass to end. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running?.catch(() => {});
  }

  /** One pass; a pass still running is joined rather than doubled. Resolves when its sends have ended. */
  tick(): Promise<TickReport> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<TickReport> {
    const { store, timeZone } = this.opts;
    const now = this.now();
    const day = todayIn(timeZone, new Date(now));
    const hour = hourIn(timeZone, now);
    const due = (doc: ReminderDoc | undefined): doc is ReminderDoc & { webhook: StoredWebhook } =>
      !!doc?.webhook && doc.lastSentDay !== day && hour >= (doc.hour ?? DEFAULT_REMINDER_HOUR);
    const report: TickReport = { day, sent: [] };
    if (this.abort.signal.aborted) return report;

    const claimed: (ReminderDoc & { webhook: StoredWebhook })[] = [];
    for (const candidate of (await store.find('reminders')).filter(due)) {
      // The claim: re-read inside the transaction, so of two passes (or servers) exactly one takes the day.
      const doc = await store.transact(async (tx) => {
        const current = await tx.get('reminders', candidate.id);
        if (!due(current) || !(await tx.get('campaigns', current.campaignId))) return null;
        const { seq: _seq, ...rest } = current;
        return (await tx.put('reminders', { ...rest, lastSentDay: day })) as ReminderDoc & { webhook: StoredWebhook };
      });
      if (doc) claimed.push(doc);
    }
    // Campaigns are sent side by side, so one slow robot does not hold up the others.
    report.sent = await Promise.all(claimed.map(async (doc) => ({ campaignId: doc.campaignId, result: await this.deliver(doc, day) })));
    return report;
  }

  private async deliver(doc: ReminderDoc & { webhook: StoredWebhook }, day: string): Promise<SendResult> {
    const { store } = this.opts;
    let result: SendResult;
    try {
      const campaign = await store.get('campaigns', doc.campaignId);
      const view = await loadReminders(store, { id: doc.campaignId, title: campaign?.title ?? '' }, day);
      const { title, markdown } = robotMessage(view, doc.webhook.kind);
      result = await (this.opts.sender ?? sendWebhook)(doc.webhook, robotBody(doc.webhook.kind, title, markdown), {
        allowLocal: localWebhooksAllowed(),
        ...this.opts.send,
        now: this.now,
        signal: this.abort.signal,
      });
    } catch (err) {
      result = { ok: false, attempts: 0, error: `生成提醒失败：${(err as Error).message}` };
    }
    const record: ReminderSendRecord = {
      at: new Date(this.now()).toISOString(),
      day,
      ok: result.ok,
      attempts: result.attempts,
      ...(result.ok ? {} : { error: result.error ?? '未知错误' }),
    };
    const where = `活动 ${doc.campaignId}（${maskWebhookUrl(doc.webhook.url)}）`;
    if (result.ok) this.log.info(`[reminders] ${where} 今日待办已发送到群机器人`);
    else this.log.error(`[reminders] ${where} 群机器人提醒发送失败（${result.attempts} 次）：${record.error}`);
    try {
      await store.transact(async (tx) => {
        const current = await tx.get('reminders', doc.id);
        if (!current) return;
        const { seq: _seq, ...rest } = current;
        await tx.put('reminders', { ...rest, lastSend: record });
      });
    } catch (err) {
      this.log.error(`[reminders] ${where} 无法记录发送结果：${(err as Error).message}`);
    }
    return result;
  }
}
