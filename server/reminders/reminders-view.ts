/**
 * The campaign office's 待办 view: problems and tasks still open whose deadline has passed (逾期) or
 * falls within a few days (将到期), grouped by 责任部门 and by 责任人, with counts. A pure function of
 * the items, the people and "today" (YYYY-MM-DD in the deployment zone, shared/calendar.ts); the
 * readings of overdue and due soon are shared/model/item-status.ts's, the same the sidebar shows.
 */
import { isDueSoon, isOverdue } from '../../shared/model/item-status';

/** Shown for an item whose 责任部门 is empty. */
export const NO_UNIT = '（未指定部门）';
/** Shown for an item nobody is assigned to. */
export const NO_ASSIGNEE = '（未指定责任人）';
/** The office's window: a daily reminder with a week's window would repeat the same items all week. */
export const DEFAULT_DUE_SOON_DAYS = 3;

export interface ReminderItemInput {
  id: string;
  list: string;
  title: string;
  deadline: string | null;
  status: string;
  responsibleUnit: string;
  assigneeId: string | null;
}

export interface ReminderPerson {
  id: string;
  name: string;
  unit: string;
}

export interface ReminderItem {
  id: string;
  list: 'problem' | 'task';
  title: string;
  deadline: string;
  status: string;
  /** The 责任部门 as grouped (NO_UNIT when empty). */
  unit: string;
  assigneeId: string | null;
  /** The assignee's name (NO_ASSIGNEE when none). */
  assigneeName: string;
  overdue: boolean;
  /** Overdue: days past the deadline (≥ 1). Due soon: days left (0 = due today). */
  days: number;
}

export interface ReminderGroup {
  /** The unit's name, or the assignee's user id ('' for the unassigned). */
  key: string;
  label: string;
  overdue: number;
  dueSoon: number;
  items: ReminderItem[];
}

export interface PersonGroup extends ReminderGroup {
  userId: string | null;
  /** The person's own unit (users.unit), to tell two people of one name apart. */
  unit: string;
}

export interface RemindersView {
  campaignId: string;
  campaignTitle: string;
  today: string;
  dueSoonDays: number;
  counts: {
    overdue: number;
    dueSoon: number;
    /** Reported done, waiting for the office's 销号: the office's own to-do, not counted above. */
    awaitingClose: number;
  };
  byUnit: ReminderGroup[];
  byPerson: PersonGroup[];
}

export interface RemindersInput {
  campaign: { id: string; title: string };
  items: readonly ReminderItemInput[];
  users: readonly ReminderPerson[];
  /** YYYY-MM-DD in the deployment zone. */
  today: string;
  dueSoonDays?: number;
}

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
const collator = new Intl.Collator('zh-Hans-CN');

const byUrgency = (a: ReminderItem, b: ReminderItem): number =>
  Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline) || collator.compare(a.title, b.title) || a.id.localeCompare(b.id);

/** Most overdue first, then most due soon; names in pinyin order; the unspecified group last among equals. */
function groupOrder(unspecified: string) {
  return (a: ReminderGroup, b: ReminderGroup): number =>
    b.overdue - a.overdue ||
    b.dueSoon - a.dueSoon ||
    Number(a.key === unspecified) - Number(b.key === unspecified) ||
    collator.compare(a.label, b.label) ||
    a.key.localeCompare(b.key);
}

export function remindersView({ campaign, items, users, today, dueSoonDays = DEFAULT_DUE_SOON_DAYS }: RemindersInput): RemindersView {
  const people = new Map(users.map((u) => [u.id, u]));
  const todayNumber = dayNumber(today);
  const due: ReminderItem[] = [];
  let awaitingClose = 0;
  for (const item of items) {
    if (item.list !== 'problem' && item.list !== 'task') continue;
    if (item.status === 'done') awaitingClose++;
    const overdue = isOverdue(item, today);
    if (!overdue && !isDueSoon(item, today, dueSoonDays)) continue;
    const deadline = item.deadline!;
    const person = item.assigneeId ? people.get(item.assigneeId) : undefined;
    due.push({
      id: item.id,
      list: item.list,
      title: item.title,
      deadline,
      status: item.status,
      unit: item.responsibleUnit.trim() || NO_UNIT,
      assigneeId: item.assigneeId,
      assigneeName: item.assigneeId ? (person?.name ?? item.assigneeId) : NO_ASSIGNEE,
      overdue,
      days: overdue ? todayNumber - dayNumber(deadline) : dayNumber(deadline) - todayNumber,
    });
  }
  due.sort(byUrgency);

  const units = new Map<string, ReminderGroup>();
  const persons = new Map<string, PersonGroup>();
  for (const item of due) {
    let unit = units.get(item.unit);
    if (!unit) units.set(item.unit, (unit = { key: item.unit, label: item.unit, overdue: 0, dueSoon: 0, items: [] }));
    const personKey = item.assigneeId ?? '';
    let person = persons.get(personKey);
    if (!person) {
      const user = item.assigneeId ? people.get(item.assigneeId) : undefined;
      person = { key: personKey, label: item.assigneeName, userId: item.assigneeId, unit: user?.unit ?? '', overdue: 0, dueSoon: 0, items: [] };
      persons.set(personKey, person);
    }
    for (const group of [unit, person]) {
      if (item.overdue) group.overdue++;
      else group.dueSoon++;
      group.items.push(item);
    }
  }

  const overdue = due.filter((i) => i.overdue).length;
  return {
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    today,
    dueSoonDays,
    counts: { overdue, dueSoon: due.length - overdue, awaitingClose },
    byUnit: [...units.values()].sort(groupOrder(NO_UNIT)),
    byPerson: [...persons.values()].sort(groupOrder('')),
  };
}
