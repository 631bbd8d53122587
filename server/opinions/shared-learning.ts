/**
 * Sharing what one campaign's grouping learnt with another (issue 10: the office's answers teach its own
 * campaign and "never leak across campaigns unless an admin shares them").
 *
 * What is shared is a snapshot of the source campaign's own term weights (shared/grouping/learning.ts),
 * taken when the admin shares it: never its records, never its apart pairs (those name its records), and
 * never what it was itself given by a third campaign, so a share says exactly which campaign's answers
 * it carries. The target keeps the snapshot as a document among its grouping decisions (a GroupDoc with
 * `shared`), so its grouping regroups when a share arrives or is withdrawn, like after any decision;
 * sharing again from the same campaign replaces the snapshot, withdrawing marks it withdrawn.
 */
import { learnTermWeights, type SharedWeights } from '../../shared/grouping/learning';
import { termWords } from '../../shared/grouping/review';
import { writeAudit } from '../audit/audit-log';
import { ApiError } from '../http/errors';
import { newId } from '../store/new-id';
import type { CampaignDoc, GroupDoc, NewDoc, Store, UserDoc } from '../store/store';
import { isLiveOpinion, opinionInput, sharesInForce, verdictsOf } from './opinion-items';

/** One share as the office sees it (GET …/opinions/learning). */
export interface SharedLearningView {
  fromCampaignId: string;
  fromTitle: string;
  /** The source's answers the snapshot was learnt from. */
  verdicts: number;
  /** Terms whose weight it moves. */
  terms: number;
  /** The terms it moves most, strongest first, as the office reads them. */
  strongest: Array<{ label: string; weight: number }>;
  sharedAt: string;
  sharedBy: string;
}

export interface CampaignLearningView {
  /**
   * How many answers (是同一问题 / 不是同一问题) this campaign's office gave. Counted from its decisions alone:
   * what they teach is learnt where the campaign is grouped (in the worker), and this view, shown on every
   * load of the review page, does not read the campaign's records to say it again.
   */
  own: { verdicts: number };
  shared: SharedLearningView[];
}

export interface LearningContext {
  store: Store;
  campaign: CampaignDoc;
  actor: UserDoc;
  now: Date;
}

const STRONGEST = 5;

const strip = ({ seq: _seq, ...doc }: GroupDoc): NewDoc<'groups'> => doc;

/** The campaign's own learnt weights, from its live opinions and its answers: what a share copies. */
async function ownWeights(store: Store, campaignId: string): Promise<{ weights: SharedWeights; verdicts: number }> {
  const groups = await store.find('groups', { campaignId });
  const verdicts = verdictsOf(groups);
  if (verdicts.length === 0) return { weights: [], verdicts: 0 };
  const wanted = new Set(verdicts.flatMap((v) => [...v.left, ...v.right]));
  const opinions = [];
  // Only the records the answers name are tokenised; the scan reads the campaign a batch at a time.
  for await (const batch of store.scan('records', { campaignId })) {
    for (const r of batch) if (wanted.has(r.id) && isLiveOpinion(r)) opinions.push(opinionInput(r));
  }
  const learnt = learnTermWeights(opinions, verdicts);
  const weights = [...learnt].map(([t, w]) => [t, Math.round(w * 10_000) / 10_000] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { weights, verdicts: verdicts.length };
}

type ShareDoc = GroupDoc & { shared: NonNullable<GroupDoc['shared']> };

/** Every share document of the campaign, withdrawn or not (documents are never deleted). */
const shareDocsOf = (groups: readonly GroupDoc[]) => groups.filter((g): g is ShareDoc => g.shared !== undefined);

function viewOf(doc: ShareDoc): SharedLearningView {
  const s = doc.shared;
  const strongest = [...s.weights]
    .sort((a, b) => Math.abs(Math.log(b[1])) - Math.abs(Math.log(a[1])) || (a[0] < b[0] ? -1 : 1))
    .slice(0, STRONGEST)
    .map(([t, w]) => ({ label: termWords(t).label, weight: w }));
  return {
    fromCampaignId: s.fromCampaignId,
    fromTitle: s.fromTitle,
    verdicts: s.verdicts,
    terms: s.weights.length,
    strongest,
    sharedAt: doc.updatedAt,
    sharedBy: doc.updatedBy,
  };
}

/** What the campaign's grouping learns from: its own answers, and what admins shared with it. */
export async function campaignLearning(store: Store, campaign: CampaignDoc): Promise<CampaignLearningView> {
  const groups = await store.find('groups', { campaignId: campaign.id });
  return {
    own: { verdicts: verdictsOf(groups).length },
    shared: sharesInForce(groups).map(viewOf),
  };
}

/** Copies `fromCampaignId`'s own learnt weights into this campaign (replacing an earlier share from it). */
export async function shareLearning(ctx: LearningContext, fromCampaignId: string): Promise<SharedLearningView> {
  if (fromCampaignId === ctx.campaign.id) throw new ApiError(400, 'invalid', '不能把活动自己的分组经验共享给它自己', 'fromCampaignId');
  const source = await ctx.store.get('campaigns', fromCampaignId);
  if (!source) throw new ApiError(404, 'not_found', '要共享经验的来源活动不存在', 'fromCampaignId');
  const { weights, verdicts } = await ownWeights(ctx.store, source.id);
  if (weights.length === 0) {
    throw new ApiError(
      400,
      'invalid',
      verdicts === 0
        ? `活动“${source.title}”还没有“是同一问题 / 不是同一问题”的判断，没有可共享的分组经验`
        : `活动“${source.title}”的判断还没有让任何词的权重发生变化，没有可共享的分组经验`,
      'fromCampaignId',
    );
  }
  const at = ctx.now.toISOString();
  let stored: GroupDoc | undefined;
  await ctx.store.transact(async (tx) => {
    const existing = shareDocsOf(await tx.find('groups', { campaignId: ctx.campaign.id })).find((g) => g.shared.fromCampaignId === source.id);
    stored = await tx.put('groups', {
      id: existing?.id ?? newId('s'),
      campaignId: ctx.campaign.id,
      pinnedRecordIds: [],
      excludedRecordIds: [],
      shared: { fromCampaignId: source.id, fromTitle: source.title, verdicts, weights: weights.map(([t, w]): [string, number] => [t, w]) },
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      updatedBy: ctx.actor.id,
    });
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: 'opinion.share_learning',
        entityId: stored.id,
        before:
          existing && !existing.shared.withdrawn
            ? { fromCampaignId: source.id, verdicts: existing.shared.verdicts, terms: existing.shared.weights.length }
            : undefined,
        after: { fromCampaignId: source.id, fromTitle: source.title, verdicts, terms: weights.length },
      },
      at,
    );
  });
  return viewOf(stored as ShareDoc);
}

/** Takes a share back: the campaign groups on its own answers (and any other shares) again. */
export async function withdrawLearning(ctx: LearningContext, fromCampaignId: string): Promise<{ fromCampaignId: string }> {
  const at = ctx.now.toISOString();
  await ctx.store.transact(async (tx) => {
    const existing = sharesInForce(await tx.find('groups', { campaignId: ctx.campaign.id })).find((g) => g.shared.fromCampaignId === fromCampaignId);
    if (!existing) throw new ApiError(404, 'not_found', '没有从该活动共享来的分组经验（可能已撤回，请刷新）', 'fromCampaignId');
    // Kept, marked withdrawn: documents are never deleted, and the audit entry can name what was taken back.
    await tx.put('groups', { ...strip(existing), shared: { ...existing.shared, withdrawn: true }, updatedAt: at, updatedBy: ctx.actor.id });
    await writeAudit(
      tx,
      {
        actorId: ctx.actor.id,
        campaignId: ctx.campaign.id,
        action: 'opinion.withdraw_learning',
        entityId: existing.id,
        before: { fromCampaignId, fromTitle: existing.shared.fromTitle, verdicts: existing.shared.verdicts, terms: existing.shared.weights.length },
      },
      at,
    );
  });
  return { fromCampaignId };
}
