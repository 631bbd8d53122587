/**
 * Site rules (从页面选取, shared/model/site-rule-shape.ts) on the background's side: the user's own,
 * kept in this profile, one per site and field; the campaigns' shared ones, which arrive with the
 * pulled campaigns; and offering one to a campaign through the server. The page gets them with its
 * readers (the `page:reader` request), the user's own first so they win over a shared one.
 */
import type { Campaign } from '../../shared/model/campaign';
import type { SiteRule, SiteRuleField } from '../../shared/model/site-rule-shape';
import { SiteRuleSchema, SiteRuleShareReplySchema } from '../../shared/model/site-rules';
import { getSettings } from '../settings/settings';
import { localItem } from '../storage/typed-area';
import { askServer, TransportError } from '../sync/transport';

const own = localItem('siteRules');

/** The rules for pages of `site` (an origin): the user's own, then each campaign's. */
export async function rulesForSite(site: string, campaigns: readonly Campaign[]): Promise<SiteRule[]> {
  const mine = ((await own.get()) ?? []).filter((r) => r.site === site);
  const shared = campaigns.flatMap((c) => c.siteRules ?? []).filter((r) => r.site === site);
  return [...mine, ...shared];
}

/** Keeps a rule the user taught, replacing their earlier one for the same site and field. */
export async function saveOwnRule(input: unknown): Promise<void> {
  const checked = SiteRuleSchema.safeParse(input);
  if (!checked.success) throw new TransportError('config', `规则无效：${checked.error.issues[0]?.message ?? ''}`);
  const rule = checked.data as SiteRule;
  const rest = ((await own.get()) ?? []).filter((r) => !(r.site === rule.site && r.field === rule.field));
  await own.set([rule, ...rest].slice(0, 500));
}

export async function forgetOwnRule(site: string, field: SiteRuleField): Promise<void> {
  await own.set(((await own.get()) ?? []).filter((r) => !(r.site === site && r.field === field)));
}

/** Offers `rule` to a campaign: shared at once when the user is of the office, else proposed to it. */
export async function shareRule(campaignId: string, rule: SiteRule): Promise<{ state: 'shared' | 'proposed' }> {
  const reply = await askServer(
    await getSettings(),
    (api) => api.campaigns[':id']['site-rules'].$post({ param: { id: campaignId }, json: rule }),
    SiteRuleShareReplySchema,
  );
  return { state: reply.state };
}
