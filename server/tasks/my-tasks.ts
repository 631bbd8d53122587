/**
 * `GET /api/v1/me/tasks` (◆): what the caller must do — the list items assigned to them, each
 * campaign's obligations with their progress, and the stage deadlines. Shape in README.md.
 */
import type { MyTasks } from '../../shared/model/my-tasks';
import { studyLedgerFromTotals } from '../ledger/study-ledger';
import { quarterOf } from '../ledger/record-fields';
import type { DayTotals } from '../ledger/day-totals';
import type { ItemDoc, Store, UserDoc } from '../store/store';
import { isDueSoon, isOverdue } from '../../shared/model/item-status';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `today` is YYYY-MM-DD in the deployment's zone (shared/calendar.ts). */
export async function myTasks(store: Store, dayTotals: DayTotals, user: UserDoc, today: string): Promise<MyTasks> {
  const campaigns = (await store.find('campaigns')).filter((c) => c.memberIds.includes(user.id));
  const titles = new Map(campaigns.map((c) => [c.id, c.title]));
  const assigned: ItemDoc[] = (await store.find('items', { assigneeId: user.id })).filter((i) => titles.has(i.campaignId));
  const year = Number(today.slice(0, 4));
  const quarter = quarterOf(today);

  return {
    today,
    tasks: assigned
      .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.createdAt.localeCompare(b.createdAt))
      .map((i) => ({
        id: i.id,
        campaignId: i.campaignId,
        campaignTitle: titles.get(i.campaignId)!,
        list: i.list,
        title: i.title,
        description: i.description,
        responsibleLeader: i.responsibleLeader,
        responsibleUnit: i.responsibleUnit,
        target: i.target,
        deadline: i.deadline,
        status: i.status,
        progress: i.progress,
        evidence: i.evidence,
        overdue: isOverdue(i, today),
        dueSoon: isDueSoon(i, today),
      })),
    campaigns: await Promise.all(
      campaigns.map(async (campaign) => {
        // Sums from the day totals, not a walk over the records: the same cost at 10 records or 100,000.
        const days = await dayTotals.of(user.id, campaign.id);
        const study = studyLedgerFromTotals(campaign, [user], new Map([[user.id, days]])).people[0];
        const talksThisQuarter = days
          .filter((d) => d.kind === 'talk' && d.date.startsWith(`${year}-`) && quarterOf(d.date) === quarter)
          .reduce((n, d) => n + d.count, 0);
        const current = campaign.stages.find((s) => today >= s.start && today <= s.end) ?? null;
        return {
          id: campaign.id,
          title: campaign.title,
          currentStage: current
            ? { key: current.key, title: current.title, start: current.start, end: current.end, daysLeft: daysBetween(today, current.end) }
            : null,
          stages: campaign.stages.map((s) => ({ key: s.key, title: s.title, start: s.start, end: s.end, daysLeft: daysBetween(today, s.end) })),
          obligations: {
            study: (study?.stages ?? []).map((s) => ({
              stage: s.stage,
              title: s.title,
              minutes: s.minutes,
              quotaMinutes: s.quotaMinutes,
              reflections: s.reflections,
              quotaReflections: s.quotaReflections,
            })),
            reflectionMinChars: campaign.obligations.reflectionMinChars ?? null,
            talks: { year, quarter, count: talksThisQuarter, quota: campaign.obligations.talksPerQuarter ?? null },
          },
        };
      }),
    ),
  };
}
