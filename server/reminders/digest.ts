/**
 * The daily digest of a campaign's 待办, in words: one line for the console's banner
 * (`digestFor`) and a short markdown message for a group robot (`robotMessage`). Pure functions of a
 * RemindersView (reminders-view.ts). The robot gets counts per 责任部门 only — no item titles and no
 * names leave the campus for a chat platform.
 */
import type { ReminderWebhookKind } from '../../shared/model/campaign';
import type { ReminderGroup, RemindersView } from './reminders-view';

/** Units named in the banner line before "等 N 个部门". */
const BANNER_UNITS = 5;

const soonWords = (view: RemindersView): string => `${view.dueSoonDays} 日内到期`;

function unitPhrase(group: ReminderGroup): string {
  const parts: string[] = [];
  if (group.overdue > 0) parts.push(`${group.overdue} 项逾期`);
  if (group.dueSoon > 0) parts.push(`${group.dueSoon} 项将到期`);
  return `${group.label} ${parts.join('、')}`;
}

/**
 * One Chinese sentence for the console banner, e.g.
 * "今日待办：逾期 3 项，3 日内到期 5 项；后勤处 2 项逾期、1 项将到期；教务处 1 项逾期。"
 */
export function digestFor(view: RemindersView, maxUnits = BANNER_UNITS): string {
  const { overdue, dueSoon, awaitingClose } = view.counts;
  const closing = awaitingClose > 0 ? `另有 ${awaitingClose} 项已完成待销号。` : '';
  if (overdue + dueSoon === 0) return `今日待办：没有逾期或 ${soonWords(view)}的事项。${closing}`;
  const shown = view.byUnit.slice(0, maxUnits).map(unitPhrase);
  const more = view.byUnit.length > maxUnits ? `；等 ${view.byUnit.length} 个部门` : '';
  return `今日待办：逾期 ${overdue} 项，${soonWords(view)} ${dueSoon} 项；${shown.join('；')}${more}。${closing}`;
}

/**
 * Office-entered text (campaign titles, unit names) inside robot markdown: the characters that
 * would format, link or @-mention become their full-width look-alikes, and line breaks spaces.
 */
export function plainMarkdown(text: string): string {
  const fullWidth: Record<string, string> = {
    '*': '＊',
    _: '＿',
    '`': '｀',
    '#': '＃',
    '<': '＜',
    '>': '＞',
    '[': '［',
    ']': '］',
    '(': '（',
    ')': '）',
    '!': '！',
    '~': '～',
    '|': '｜',
    '\\': '＼',
    '@': '＠',
  };
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[*_`#<>[\]()!~|\\@]/g, (ch) => fullWidth[ch] ?? ch);
}

/**
 * Below WeCom's 4096-byte cap on markdown content (the lower of the two platforms'), with room for the
 * JSON around it.
 */
export const MAX_ROBOT_MARKDOWN_BYTES = 3800;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The group robot's message: a title (DingTalk shows it in the notification) and markdown made of
 * the counts and one quoted line per 责任部门, cut to fit `maxBytes`. It always contains “今日待办”
 * and “台账”, so a DingTalk robot secured by 自定义关键词 can use either as its keyword.
 */
export function robotMessage(view: RemindersView, kind: ReminderWebhookKind, maxBytes = MAX_ROBOT_MARKDOWN_BYTES): { title: string; markdown: string } {
  const campaign = plainMarkdown(view.campaignTitle);
  const title = `${view.campaignTitle.replace(/[\r\n\t]+/g, ' ').slice(0, 60)} · 今日待办`;
  // DingTalk's markdown needs a blank line between paragraphs; WeCom breaks at each newline.
  const separator = kind === 'dingtalk' ? '\n\n' : '\n';
  const { overdue, dueSoon, awaitingClose } = view.counts;
  const head = [`### ${campaign} · 今日待办（${view.today}）`];
  const tail = ['（台账每日自动提醒，详情请到活动办公室控制台查看）'];
  if (overdue + dueSoon === 0) head.push(`没有逾期或 ${soonWords(view)}的事项。`);
  else head.push(`逾期 **${overdue}** 项，${soonWords(view)} **${dueSoon}** 项`);
  if (awaitingClose > 0) head.push(`已完成待销号 ${awaitingClose} 项`);

  const lines = [...head];
  const fits = (extra: string[]) => bytes([...lines, ...extra, ...tail].join(separator)) <= maxBytes;
  for (let i = 0; i < view.byUnit.length; i++) {
    const line = `> ${plainMarkdown(unitPhrase(view.byUnit[i]!))}`;
    const rest = view.byUnit.length - i - 1;
    // Keep room for the "……另有 N 个部门" line unless this is the last unit.
    const note = rest > 0 ? [`> ……另有 ${rest} 个部门`] : [];
    if (fits([line, ...note])) {
      lines.push(line);
      continue;
    }
    lines.push(`> ……另有 ${view.byUnit.length - i} 个部门`);
    break;
  }
  let markdown = [...lines, ...tail].join(separator);
  // A campaign title alone can't pass the cap (200 characters), but never send more than promised.
  while (bytes(markdown) > maxBytes) markdown = markdown.slice(0, -1);
  return { title, markdown };
}
