/**
 * Reminders over the store: a campaign's 待办 view as of a day, its robot settings (changed only
 * through `updateCampaignSettings`, server/campaigns/settings.ts, in that transaction) and what the
 * last send did. The settings live in the `reminders` collection, one document per campaign, never
 * on the campaign: the webhook and its secret must not travel with the campaign to members.
 */
import { DEFAULT_REMINDER_HOUR, type ReminderSettingsPatch, type ReminderSettingsView } from '../../shared/model/campaign';
import { ApiError } from '../http/errors';
import type { ReminderDoc, ReminderSendRecord, ReadView, Transaction } from '../store/store';
import { digestFor } from './digest';
import { DEFAULT_DUE_SOON_DAYS, remindersView, type ReminderPerson, type RemindersView } from './reminders-view';
import { DINGTALK_SECRET, KIND_LABELS, localWebhooksAllowed, maskWebhookUrl, webhookUrlProblem, type StoredWebhook } from './webhook';

/**
 * A campaign's 待办 as of `today` (YYYY-MM-DD in the deployment zone: `todayIn(timeZone, now)`).
 * Reads the campaign's items by index and only the users they are assigned to.
 */
export async function loadReminders(
  store: ReadView,
  campaign: { id: string; title: string },
  today: string,
  dueSoonDays = DEFAULT_DUE_SOON_DAYS,
): Promise<RemindersView> {
  const items = await store.find('items', { campaignId: campaign.id });
  const assignees = [...new Set(items.map((i) => i.assigneeId).filter((id): id is string => !!id))];
  const users: ReminderPerson[] = [];
  for (const id of assignees) {
    const user = await store.get('users', id);
    if (user) users.push({ id: user.id, name: user.name, unit: user.unit });
  }
  return remindersView({ campaign, items, users, today, dueSoonDays });
}

/** The console banner's sentence for a campaign as of `today` (deployment zone): `digestFor` of `loadReminders`. */
export async function campaignDigest(store: ReadView, campaign: { id: string; title: string }, today: string): Promise<string> {
  return digestFor(await loadReminders(store, campaign, today));
}

/** The settings as people may see them: the URL's token masked, `secretSet` instead of the secret. */
export function reminderSettingsView(doc: ReminderDoc | undefined): ReminderSettingsView {
  const webhook = doc?.webhook;
  return {
    webhook: webhook ? { kind: webhook.kind, url: maskWebhookUrl(webhook.url), secretSet: !!webhook.secret } : null,
    hour: doc?.hour ?? DEFAULT_REMINDER_HOUR,
  };
}

/** Settings plus what the scheduler did: `robot` in GET /campaigns/:id/reminders. */
export interface RobotStatus extends ReminderSettingsView {
  /** The last day whose digest was claimed for sending (deployment zone), or null. */
  lastSentDay: string | null;
  lastSend: ReminderSendRecord | null;
}

export function robotStatus(doc: ReminderDoc | undefined): RobotStatus {
  return { ...reminderSettingsView(doc), lastSentDay: doc?.lastSentDay ?? null, lastSend: doc?.lastSend ?? null };
}

const refuse = (message: string, field: string) => new ApiError(400, 'invalid', message, field);

/**
 * Applies the `reminders` part of a settings change inside the caller's transaction (which rolls it
 * back with everything else if anything throws). `webhook` given replaces the robot — its `url` may
 * be the masked form an answer showed, meaning "unchanged"; its `secret` left out keeps the stored
 * one when the kind is the same, null or '' removes it; `webhook: null` turns the robot off.
 * Returns the before and after views (no secrets) for the audit entry.
 */
export async function applyReminderSettings(
  tx: Transaction,
  campaignId: string,
  patch: ReminderSettingsPatch,
  at: string,
  allowLocal = localWebhooksAllowed(),
): Promise<{ before: ReminderSettingsView; after: ReminderSettingsView }> {
  const current = await tx.get('reminders', campaignId);
  let webhook: StoredWebhook | null = current?.webhook ?? null;
  if (patch.webhook === null) webhook = null;
  else if (patch.webhook) {
    const { kind, url: given, secret: givenSecret } = patch.webhook;
    const kept = current?.webhook;
    const url = kept && given === maskWebhookUrl(kept.url) ? kept.url : given;
    const problem = webhookUrlProblem(kind, url, allowLocal);
    if (problem) throw refuse(problem, 'reminders.webhook.url');
    const secret = givenSecret === undefined ? (kept?.kind === kind ? kept.secret : undefined) : givenSecret || undefined;
    if (secret !== undefined && kind !== 'dingtalk') throw refuse(`${KIND_LABELS[kind]}群机器人没有加签密钥，请不要填写 secret`, 'reminders.webhook.secret');
    if (secret !== undefined && !DINGTALK_SECRET.test(secret)) {
      throw refuse('加签密钥应为钉钉机器人“安全设置”中“加签”一栏显示的、以 SEC 开头的字符串', 'reminders.webhook.secret');
    }
    webhook = { kind, url, ...(secret ? { secret } : {}) };
  }
  const next: Omit<ReminderDoc, 'seq'> = {
    id: campaignId,
    campaignId,
    webhook,
    hour: patch.hour ?? current?.hour ?? null,
    lastSentDay: current?.lastSentDay ?? null,
    lastSend: current?.lastSend ?? null,
    updatedAt: at,
  };
  const stored = await tx.put('reminders', next);
  return { before: reminderSettingsView(current), after: reminderSettingsView(stored) };
}
