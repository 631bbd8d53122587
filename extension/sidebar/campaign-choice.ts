/** Which campaign and stage a record made on a given date belongs to. Pure. */
import type { Campaign, Stage } from '../../shared/model/campaign';

export function stageOn(campaign: Campaign, date: string): Stage | null {
  const within = campaign.stages.find((s) => s.start <= date && date <= s.end);
  if (within) return within;
  // Between stages or after the last: the latest stage that has begun.
  const begun = campaign.stages.filter((s) => s.start <= date).sort((a, b) => b.start.localeCompare(a.start));
  return begun[0] ?? campaign.stages[0] ?? null;
}

/** Prefers a campaign with a stage running on `date`, then the most recently started one. */
export function campaignOn(campaigns: Campaign[], date: string): Campaign | null {
  const running = campaigns.find((c) => c.stages.some((s) => s.start <= date && date <= s.end));
  if (running) return running;
  const started = (c: Campaign) =>
    c.stages
      .map((s) => s.start)
      .filter((s) => s <= date)
      .sort()
      .at(-1) ?? '';
  return [...campaigns].sort((a, b) => started(b).localeCompare(started(a)))[0] ?? null;
}
