/**
 * Lists split by status as offices report them upward (DOMAIN.md): 新增 (not yet started), 推进落实中
 * (being worked on, or done and waiting for 销号) and 已办结销号. The export route's `status` filter
 * takes these report groups or the item statuses themselves.
 */
import { ITEM_STATUSES, STATUS_LABELS, type ItemStatus } from '../../../shared/model/item-status';
import { ApiError } from '../../http/errors';

export interface StatusGroup {
  key: 'new' | 'ongoing' | 'closed';
  /** How the title names the part: 新增问题清单, 推进落实中问题清单, 已办结销号问题清单. */
  title: string;
  /** Worksheet tab suffix (tab names are short and unique across the workbook). */
  tab: string;
  statuses: readonly ItemStatus[];
}

export const STATUS_GROUPS: readonly StatusGroup[] = [
  { key: 'new', title: '新增', tab: '新增', statuses: ['open'] },
  { key: 'ongoing', title: '推进落实中', tab: '推进中', statuses: ['in_progress', 'done'] },
  { key: 'closed', title: '已办结销号', tab: '已销号', statuses: ['closed'] },
];

/** What a `status` filter selects, and how the exported sheet's title names it. */
export interface StatusFilter {
  statuses: ReadonlySet<ItemStatus>;
  title: string;
  tab: string;
}

const ALLOWED = `${STATUS_GROUPS.map((g) => `${g.key}（${g.title}）`).join('、')}，或 ${ITEM_STATUSES.map((s) => `${s}（${STATUS_LABELS[s]}）`).join('、')}`;

/**
 * `status=new`, `status=ongoing,closed`, `status=open,in_progress`…: report groups and item statuses,
 * comma-separated. A filter equal to one group takes that group's name; any other takes the statuses'.
 */
export function parseStatusFilter(raw: string): StatusFilter {
  const words = raw
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) throw new ApiError(400, 'invalid', `状态筛选为空。可用：${ALLOWED}`, 'status');
  const statuses = new Set<ItemStatus>();
  for (const word of words) {
    const group = STATUS_GROUPS.find((g) => g.key === word);
    if (group) group.statuses.forEach((s) => statuses.add(s));
    else if ((ITEM_STATUSES as readonly string[]).includes(word)) statuses.add(word as ItemStatus);
    else throw new ApiError(400, 'invalid', `不认识的状态“${word.slice(0, 40)}”。可用：${ALLOWED}`, 'status');
  }
  const same = (g: StatusGroup) => g.statuses.length === statuses.size && g.statuses.every((s) => statuses.has(s));
  const group = STATUS_GROUPS.find(same);
  if (group) return { statuses, title: group.title, tab: group.tab };
  const names = ITEM_STATUSES.filter((s) => statuses.has(s)).map((s) => STATUS_LABELS[s]);
  return { statuses, title: `${names.join('、')}的`, tab: names.join('、') };
}

export const groupFilter = (g: StatusGroup): StatusFilter => ({ statuses: new Set(g.statuses), title: g.title, tab: g.tab });
