/**
 * Meeting mode: what a capture form keeps from one save to the next. Five opinions heard at one
 * 座谈会 share their date, channel, group and category, so those stay chosen (for the rest of the day)
 * until the user changes them; and each OA site remembers the campaign and stage last chosen on it.
 * Kept per user (an account switch forgets it), written by the sidebar like drafts.
 */
import type { RecordKind } from '../../shared/model/vocabulary';
import type { FormMemory } from '../storage/stored-shapes';
import { localItem } from '../storage/typed-area';

/** The opinion fields a meeting shares. */
export const KEPT_OPINION_FIELDS = ['heardOn', 'channel', 'fromGroup', 'category'] as const;

export type SiteChoice = FormMemory['sites'][string];

const item = () => localItem('formMemory');
const EMPTY: FormMemory = { sites: {} };

/** The site a page belongs to: its origin, or null off the web. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

export async function loadFormMemory(): Promise<FormMemory> {
  return (await item().get()) ?? EMPTY;
}

/** The values a new form of `kind` starts with: a meeting's kept opinion fields, if kept today. */
export function keptValues(memory: FormMemory, kind: RecordKind, today: string): Record<string, string> {
  if (kind !== 'opinion' || !memory.opinion || memory.opinion.keptOn !== today) return {};
  return Object.fromEntries(KEPT_OPINION_FIELDS.filter((f) => memory.opinion!.values[f]).map((f) => [f, memory.opinion!.values[f]!]));
}

/** After a save: keeps what the next record of the meeting shares, and the campaign and stage chosen on this site. */
export async function rememberSave(kind: RecordKind, values: Record<string, string>, today: string, site: string | null, choice: SiteChoice): Promise<void> {
  const memory = await loadFormMemory();
  const next: FormMemory = { ...memory, sites: { ...memory.sites } };
  if (kind === 'opinion') next.opinion = { keptOn: today, values: Object.fromEntries(KEPT_OPINION_FIELDS.map((f) => [f, values[f] ?? ''])) };
  if (site) {
    if (choice.campaignId !== null || choice.stage !== null) next.sites[site] = choice;
    else delete next.sites[site];
  }
  await item().set(next);
}

/** 不再沿用: the next opinion starts from today and empty choices again. */
export async function forgetKeptOpinion(): Promise<void> {
  const { opinion: _gone, ...rest } = await loadFormMemory();
  await item().set(rest);
}
